// Packages the kmig VS Code extension as a .vsix, with @vscode/vsce (the tool the Marketplace uses):
//
//   node editors/vscode/scripts/package.mjs      → editors/vscode/kmig-<version>.vsix
//
// It installs the extension's build tools from its own package-lock.json when they are missing,
// type-checks and bundles the client (src/extension.ts, with vscode-languageclient) into
// dist/extension.js, runs `vsce package`, and checks that the archive holds what VS Code loads.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(DIR, "package.json"), "utf8"));
const VSIX = join(DIR, `${manifest.name}-${manifest.version}.vsix`);

function run(what, command, args) {
  const r = spawnSync(command, args, { cwd: DIR, stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) {
    console.error(`package: ${what} failed (${command} ${args.join(" ")})`);
    process.exit(1);
  }
}

const bin = (name) => join(DIR, "node_modules", ".bin", name);
if (!existsSync(bin("vsce")) || !existsSync(join(DIR, "node_modules", "vscode-languageclient"))) run("installing the build tools", "npm", ["ci", "--no-audit", "--no-fund"]);
// The repository's TypeScript checks the client against the VS Code API it was written for.
const tsc = join(DIR, "..", "..", "node_modules", ".bin", "tsc");
if (existsSync(tsc)) run("type-checking src/", tsc, ["-p", "tsconfig.json"]);
run("bundling the client", bin("esbuild"), [
  "src/extension.ts",
  "--bundle",
  "--platform=node",
  "--format=cjs",
  "--target=node20",
  "--external:vscode",
  "--outfile=dist/extension.js",
  "--minify",
  "--log-level=warning",
]);
// The README's links and screenshots are relative to the repository, which has no public URL to
// prefix them with: the packaged copy names them as text, and the screenshots ship in images/.
mkdirSync(join(DIR, "dist"), { recursive: true });
const readme = readFileSync(join(DIR, "README.md"), "utf8")
  .replace(/!\[([^\]]*)\]\(([^)]+)\)/g, "*($1: $2 in this extension's folder)*")
  .replace(/\[([^\]]+)\]\((?!https?:)([^)]+)\)/g, "$1 (`$2` in the kmig repository)");
writeFileSync(join(DIR, "dist", "README.md"), readme);
// Dependencies are bundled into dist/extension.js: the archive needs no node_modules.
run("packaging", bin("vsce"), ["package", "--no-dependencies", "--allow-missing-repository", "--readme-path", "dist/README.md", "--out", VSIX]);

const listing = spawnSync("unzip", ["-Z1", VSIX], { encoding: "utf8" });
if (listing.status === 0) {
  const entries = new Set(listing.stdout.split("\n"));
  const required = [
    "extension.vsixmanifest",
    "[Content_Types].xml",
    "extension/package.json",
    "extension/dist/extension.js",
    "extension/syntaxes/kmig.tmLanguage.json",
    "extension/language-configuration.json",
    "extension/readme.md",
  ];
  const missing = required.filter((e) => !entries.has(e));
  if (missing.length > 0) {
    console.error(`package: ${VSIX} lacks ${missing.join(", ")}`);
    process.exit(1);
  }
}
console.log(`package: wrote ${VSIX}`);
