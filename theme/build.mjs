// Copies Bootstrap Italia's dist files into theme/static/vendor (git-ignored) and
// generates the right-to-left stylesheet for Arabic with rtlcss.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import rtlcss from "rtlcss";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, "node_modules", "bootstrap-italia", "dist");
const out = join(root, "theme", "static", "vendor", "bootstrap-italia");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const folder of ["css", "js", "svg", "fonts", "assets"]) {
  try {
    cpSync(join(dist, folder), join(out, folder), { recursive: true });
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}
const ltr = readFileSync(join(out, "css", "bootstrap-italia.min.css"), "utf8");
writeFileSync(join(out, "css", "bootstrap-italia.rtl.min.css"), rtlcss.process(ltr));
console.log(`Bootstrap Italia copied to ${out} (with RTL stylesheet)`);
