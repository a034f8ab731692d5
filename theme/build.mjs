// Copies Bootstrap Italia's dist files into theme/static/vendor (git-ignored), generates the
// right-to-left stylesheet for Arabic with rtlcss, declares the fonts in both and bundles the
// few Bootstrap Italia components the templates use (theme/js/bootstrap-italia-components.js)
// with esbuild.
import { build } from "esbuild";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
// Bootstrap Italia's fonts declared in its stylesheet itself. Its loadFonts() injects the same
// faces from JavaScript, after the first paint: the text then reflowed in the new font and
// moved the page down. base.html preloads the faces of the first screen.
const families = { Titillium_Web: "Titillium Web", Lora: "Lora", Roboto_Mono: "Roboto Mono" };
const faces = [];
for (const [folder, family] of Object.entries(families)) {
  for (const file of readdirSync(join(out, "fonts", folder)).filter((f) => f.endsWith(".woff2"))) {
    const variant = file.replace(/\.woff2$/, "").split("_latin-").pop(); // 600italic, regular...
    const weight = variant.match(/^\d+/)?.[0] ?? "400";
    const style = variant.endsWith("italic") ? "italic" : "normal";
    faces.push(
      `@font-face{font-family:"${family}";font-style:${style};font-weight:${weight};` +
        `font-display:swap;src:url("../fonts/${folder}/${file}") format("woff2")}`,
    );
  }
}
const stylesheet = join(out, "css", "bootstrap-italia.min.css");
const ltr = readFileSync(stylesheet, "utf8") + "\n" + faces.join("\n") + "\n";
writeFileSync(stylesheet, ltr);
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
console.log(`Bootstrap Italia copied to ${out} (fonts declared in the stylesheets, RTL stylesheet, components bundle)`);
