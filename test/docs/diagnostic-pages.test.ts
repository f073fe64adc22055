import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPaths, checkReport } from "../../cli/check.js";
import { CATALOG, type DiagnosticCode } from "../../core/diagnostics/catalog.js";

/**
 * docs/diagnostics/K####.md: one page per catalog code, and no page for a code that does not exist.
 * Each page's example (its ```kmig blocks, one file each) is checked as a chain, and must produce the
 * page's code; the ```text block after it is exactly what `kmig check` prints for it (rewritten with
 * KMIG_UPDATE=1, like the golden tests; a block that starts with `…` holds the output's last lines).
 */

const DIR = "docs/diagnostics";
const UPDATE = process.env.KMIG_UPDATE === "1";

/**
 * Codes whose example cannot be a ```kmig block — bytes that are not text (K1006), 1,601 columns
 * (K2021; test/compiler/targeted-diagnostics.test.ts), an internal error (K8001), and every runtime
 * code (K9xxx: a database, a network, a lock, config files; test/cli/hostile-inputs.test.ts and the
 * runtime tests produce them), and kmig.yaml's and --pg-version's codes (K5029–K5031; a YAML file or an option,
 * test/cli/check-lint-formats.test.ts), and a declared `sql` item's replay codes (K4120, K4121; a database: test/runtime/declared-sql.test.ts): the page shows what kmig prints, in a ```text block.
 */
const NO_EXAMPLE = (code: string) => ["K1006", "K2021", "K8001", "K5029", "K5030", "K5031", "K4120", "K4121"].includes(code) || code.startsWith("K9");

/**
 * Codes the compiler does not produce yet: their pages' examples are what should trigger them.
 * A ratchet: the test fails when one of these starts to work, so that it leaves the list.
 */
const NOT_YET_PRODUCED = new Set<string>([]);

const codes = Object.keys(CATALOG) as DiagnosticCode[];
const pages = readdirSync(DIR).filter((f) => f.endsWith(".md") && f !== "README.md");
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Every code (`K` and four digits) written in a string of the product's source — the front end's
 * diagnostics, the runtime's RunErrors (K9xxx), the CLI's — except in the catalog itself.
 */
function codesUsedInSource(): Set<string> {
  const used = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(".ts") && path !== join("core", "diagnostics", "catalog.ts")) {
        for (const m of readFileSync(path, "utf8").matchAll(/["'`](K\d{4})["'`]/g)) used.add(m[1]);
      }
    }
  };
  for (const dir of ["core", "stdlib", "grammar", "compiler", "runtime", "proptest", "cli"]) walk(dir);
  return used;
}

interface Example {
  readonly files: { name: string; text: string }[];
  /** The ```text block after the example: its offsets in the page, and its content. */
  readonly output: { start: number; end: number; text: string } | null;
}

/** The ```kmig blocks of the page's `## Example` section, and the ```text block that follows them. */
function exampleOf(page: string): Example {
  const section = /^## Example\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(page);
  if (!section) return { files: [], output: null };
  const base = section.index + section[0].indexOf(section[1]);
  const files: { name: string; text: string }[] = [];
  let output: Example["output"] = null;
  for (const m of section[1].matchAll(/^```(kmig|text)(?: (\S+))?\n([\s\S]*?)^```$/gm)) {
    if (m[1] === "kmig") files.push({ name: m[2] ?? "example.kmig", text: m[3] });
    else if (!output) {
      const start = base + (m.index ?? 0) + m[0].indexOf("\n") + 1;
      output = { start, end: start + m[3].length, text: m[3] };
    }
  }
  return { files, output };
}

/** What `kmig check <folder>` prints for the example's files, with the folder left out of paths. */
function checkExample(files: readonly { name: string; text: string }[]): { text: string; codes: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "kmig-doc-"));
  temps.push(dir);
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  const { files: n, diagnostics } = checkPaths([dir]);
  const r = checkReport(n, diagnostics, "text");
  return { text: (r.stderr + r.stdout).split(`${dir}/`).join(""), codes: diagnostics.map((d) => d.code) };
}

describe("docs/diagnostics", () => {
  it("has a page for every code in the catalog", () => {
    expect(codes.filter((c) => !pages.includes(`${c}.md`))).toEqual([]);
  });

  it("has no page for a code the catalog does not have", () => {
    expect(pages.filter((p) => !(p.slice(0, -3) in CATALOG))).toEqual([]);
  });

  it("has every code the source uses in the catalog, and so a page for it", () => {
    const used = codesUsedInSource();
    expect(used.size, "the scan finds the codes").toBeGreaterThan(80);
    expect([...used].filter((c) => !(c in CATALOG)).sort()).toEqual([]);
    expect([...used].filter((c) => !pages.includes(`${c}.md`)).sort()).toEqual([]);
  });

  it("has no catalog code that nothing in the source produces", () => {
    const used = codesUsedInSource();
    expect(codes.filter((c) => !used.has(c))).toEqual([]);
  });

  it("lists every code, with its name and severity, in its README", () => {
    const index = readFileSync(join(DIR, "README.md"), "utf8");
    const missing = codes.filter((c) => !index.includes(`| [${c}](${c}.md) | ${CATALOG[c].name} | ${CATALOG[c].severity} |`));
    expect(missing).toEqual([]);
  });

  for (const code of codes.filter((c) => existsSync(join(DIR, `${c}.md`)))) {
    it(`${code}.md`, () => {
      const path = join(DIR, `${code}.md`);
      const page = readFileSync(path, "utf8");
      const entry = CATALOG[code];
      expect(page.split("\n")[0]).toBe(`# ${code}: ${entry.name}`);
      expect(page).toContain(`**${entry.severity}**`);
      expect(page).toMatch(/^## How to fix it$/m);
      const example = exampleOf(page);
      if (NO_EXAMPLE(code)) {
        expect(example.files).toEqual([]);
        expect(example.output?.text ?? "", "the page shows what kmig prints").toContain(`${entry.severity}[${code}]: `);
        return;
      }
      expect(example.files.length, "the page needs a ```kmig example").toBeGreaterThan(0);
      const result = checkExample(example.files);
      if (NOT_YET_PRODUCED.has(code)) {
        expect(result.codes, `${code} is produced now: take it off NOT_YET_PRODUCED`).not.toContain(code);
        return;
      }
      expect(result.codes, result.text).toContain(code);
      expect(example.output, "the example needs a ```text block with its output").not.toBeNull();
      const out = example.output!;
      // A block that starts with `…` shows only the end of a long output.
      const shown = out.text.startsWith("…\n") ? "…\n" + result.text.split("\n").slice(-12).join("\n") : result.text;
      if (UPDATE && out.text !== shown) writeFileSync(path, page.slice(0, out.start) + shown + page.slice(out.end));
      else expect(out.text).toBe(shown);
    });
  }
});
