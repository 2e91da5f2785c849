// Builds the dashboard into ../src/eventwire/web/: one minified script (code, styles and map geometry from npm
// packages), the page, and the licences of every bundled package. Run with `npm run build` (or `make web`).
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "eventwire", "web");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  loader: { ".json": "json" },
  legalComments: "none",
  metafile: true,
  outfile: join(out, "app.js"),
  logLevel: "warning",
});
for (const name of ["index.html", "style.css"]) copyFileSync(join(here, "src", name), join(out, name));

// Licences of the npm packages that ended up in app.js (the bundle keeps no comments).
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.add(m[1]);
}
const notices = ["Third-party packages bundled into app.js (from npm; map geometry: Natural Earth, public domain).", ""];
for (const name of [...packages].sort()) {
  const dir = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const licence = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  notices.push(`== ${name} ${meta.version} (${meta.license}) ==`);
  notices.push(licence && existsSync(join(dir, licence)) ? readFileSync(join(dir, licence), "utf8").trim() : "(no licence file)");
  notices.push("");
}
writeFileSync(join(out, "THIRD_PARTY.txt"), notices.join("\n"));
console.log(`built ${out}: app.js (${packages.size} packages), index.html, style.css, THIRD_PARTY.txt`);
