// Copies Bootstrap Italia's dist files into theme/static/vendor (git-ignored), generates the
// right-to-left stylesheet for Arabic with rtlcss and bundles the few Bootstrap Italia
// components the templates use (theme/js/bootstrap-italia-components.js) with esbuild.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import rtlcss from "rtlcss";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, "node_modules", "bootstrap-italia", "dist");
const out = join(root, "theme", "static", "vendor", "bootstrap-italia");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const folder of ["css", "svg", "fonts", "assets"]) {
  try {
    cpSync(join(dist, folder), join(out, folder), { recursive: true });
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}
const ltr = readFileSync(join(out, "css", "bootstrap-italia.min.css"), "utf8");
writeFileSync(join(out, "css", "bootstrap-italia.rtl.min.css"), rtlcss.process(ltr));

await build({
  entryPoints: [join(root, "theme", "js", "bootstrap-italia-components.js")],
  outfile: join(out, "js", "bootstrap-italia-components.min.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  legalComments: "linked",
  logLevel: "warning",
});
console.log(`Bootstrap Italia copied to ${out} (with RTL stylesheet and the components bundle)`);
