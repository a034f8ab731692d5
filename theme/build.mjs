// Copies Bootstrap Italia's dist files into theme/static/vendor (git-ignored), bundles the few
// Bootstrap Italia components the templates use (theme/js/bootstrap-italia-components.js) with
// esbuild, keeps only the style rules the site can use (PurgeCSS), declares the fonts and
// generates the right-to-left stylesheet for Arabic with rtlcss.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { PurgeCSS } from "purgecss";
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
const bundlePath = join(out, "js", "bootstrap-italia-components.min.js");
await build({
  entryPoints: [join(root, "theme", "js", "bootstrap-italia-components.js")],
  outfile: bundlePath,
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  legalComments: "linked",
  logLevel: "warning",
});
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
const ltr = (await keepUsedRules(stylesheet)) + "\n" + faces.join("\n") + "\n";
writeFileSync(stylesheet, ltr);
rmSync(`${stylesheet}.map`); // it maps the whole stylesheet, no longer this one
writeFileSync(join(out, "css", "bootstrap-italia.rtl.min.css"), rtlcss.process(ltr));

console.log(`Bootstrap Italia copied to ${out} (components bundle, used rules only, fonts declared, RTL stylesheet)`);

// The folder of Oscar's own templates: the shop renders those it does not override (password
// reset, address book...) inside the theme's layout.
function oscarTemplates() {
  const python = process.env.WEMI_PYTHON || join(root, ".venv", "bin", "python");
  const found = spawnSync(python, ["-c", "import oscar, os; print(os.path.dirname(oscar.__file__))"], {
    encoding: "utf8",
  });
  if (found.status !== 0) {
    throw new Error(`Cannot import oscar with ${python} (set WEMI_PYTHON): ${found.stderr || found.error}`);
  }
  return join(found.stdout.trim(), "templates", "oscar");
}

// Bootstrap Italia's stylesheet styles every component it has (600 KB); the site uses a few.
// PurgeCSS keeps a rule only when each class, id and element it names appears in a template,
// in Python code (form widgets, blocks) or in the components bundle (classes scripts add).
// tests/e2e checks every page type against what was removed.
async function keepUsedRules(path) {
  const apps = ["theme", "content", "search", "marketplace", "site"];
  const oscar = oscarTemplates();
  const [result] = await new PurgeCSS().purge({
    css: [path],
    content: [...apps.map((app) => join(root, app, "**", "*.{html,py}")), bundlePath, join(oscar, "**", "*.html")],
    skippedContentGlobs: [join(root, "**", "migrations", "**"), join(oscar, "dashboard", "**")],
    safelist: {
      standard: [
        /^alert-/, // base.html: alert-{{ message.tags }}
        // PurgeCSS drops selectors made of pseudo-classes only, such as the focus ring for
        // keyboard users ":focus:not([data-focus-mouse=true])".
        /^:focus/,
        // Elements the reboot styles that no template uses yet: every rule that names no
        // class and no id is kept (tests/theme/test_stylesheet.py).
        /^(abbr|kbd|optgroup|output|pre|samp|sup|video)$/,
      ],
    },
    fontFace: true, // drops Bootstrap Italia's unused faces (VideoJS); ours are appended after
    keyframes: true,
    variables: false, // custom properties stay, for theme/static/theme/css and inline styles
  });
  const before = readFileSync(path);
  console.log(
    `Stylesheet: ${kib(before.length)} -> ${kib(result.css.length)} ` +
      `(${kib(gzipSync(before).length)} -> ${kib(gzipSync(result.css).length)} compressed)`,
  );
  return result.css;
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
