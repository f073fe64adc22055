import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPaths, checkReport } from "../../cli/check.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** What `kmig check` prints for a chain of files, with the folder left out of paths. */
function check(files: Record<string, string>): { text: string; codes: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "kmig-limit-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { files: n, diagnostics } = checkPaths([dir]);
  const r = checkReport(n, diagnostics, "text");
  return { text: (r.stderr + r.stdout).split(`${dir}/`).join(""), codes: diagnostics.map((d) => d.code) };
}

const columns = (n: number, indent = "    ") => Array.from({ length: n }, (_, i) => `${indent}c${i} integer?`).join("\n");

/** PostgreSQL's limit of 1,600 columns a table (K2021; its page has no runnable example: too long). */
describe("K2021: more columns than PostgreSQL allows", () => {
  it("a create table with 1,601 columns: at the 1,601st, once", () => {
    const r = check({ "000_baseline.kmig": `baseline wide_v1 version '1.0.0' {\n  create table wide {\n    id bigint primary key\n${columns(1602)}\n  }\n}\n` });
    expect(r.codes).toEqual(["K2021"]);
    expect(r.text).toBe(
      [
        "error[K2021]: table `wide` would have 1603 columns: PostgreSQL allows at most 1,600",
        "    --> 000_baseline.kmig:1603:5",
        "     |",
        "1603 |     c1599 integer?",
        "     |     ^^^^^",
        "     |",
        "     = help: split the table, or move groups of columns into a jsonb column; PostgreSQL counts dropped columns too until the table is rewritten",
        "",
        "checked 1 file: 1 error, 0 warnings",
        "",
      ].join("\n"),
    );
  });

  it("exactly 1,600 is fine; the add that makes 1,601 is reported, and the column still counts for later steps", () => {
    const base = `baseline wide_v1 version '1.0.0' {\n  create table wide {\n    id bigint primary key\n${columns(1599)}\n  }\n}\n`;
    expect(check({ "000_baseline.kmig": base }).codes).toEqual([]);
    const r = check({ "000_baseline.kmig": base, "001_more.kmig": `migration more from '1.0.0' to '1.1.0' {\n  describe 'one more'\n  table wide {\n    add extra integer? := c1 + 1\n  }\n  table wide {\n    extra := extra + 1\n  }\n}\n` });
    expect(r.codes).toEqual(["K2021"]);
    expect(r.text).toContain("001_more.kmig:4:5");
    expect(r.text).toContain("table `wide` would have 1601 columns");
  });
});

describe("targeted diagnostics for common slips", () => {
  it("`primary key` on the line under a column says so", () => {
    const r = check({ "001.kmig": `migration m from '1' to '2' {\n  create table t {\n    id uuid\n      primary key\n  }\n}\n` });
    expect(r.codes).toEqual(["K1201"]);
    expect(r.text).toContain("`primary key` on a line of its own reads as a column `primary` of type `key`");
    expect(r.text).toContain(" --> 001.kmig:4:7");
    expect(r.text).toContain("help: a column's modifiers go on its line (`id uuid primary key`); or make it a table constraint: `primary key (id)`");
  });

  it("a type change under a check that reads the column is K3014; a null test or a change within a kind is not", () => {
    const base = `baseline b version '1' {\n  create table t {\n    id bigint primary key\n    code text? check (length(code) > 2)\n    note text? check (note is not null)\n    n integer? check (n > 0)\n  }\n}\n`;
    const r = check({ "000_b.kmig": base, "001_m.kmig": `migration m from '1' to '2' {\n  describe 'types'\n  table t {\n    alter code type integer using to_int(code)\n    alter note type integer using to_int(note)\n    alter n type bigint\n  }\n}\n` });
    expect(r.codes).toEqual(["K3014"]);
    expect(r.text).toContain("the check `t_code_check` reads `t.code`, whose type changes from text to integer");
  });

  it("no typo search for a word longer than any PostgreSQL name (hostile input: long word × long names)", () => {
    // One letter away from a 3,000-character table name: a search would suggest it, at 3,000² a comparison.
    const name = (i: number) => `t${i}_${"x".repeat(3000)}`;
    const tables = Array.from({ length: 20 }, (_, i) => `  create table ${name(i)} {\n    id bigint primary key\n  }`).join("\n");
    const typo = name(7).replace(/x$/, "y");
    const r = check({ "000_b.kmig": `baseline b version '1' {\n${tables}\n}\n`, "001_m.kmig": `migration m from '1' to '2' {\n  describe 'x'\n  table ${typo} {\n    add y integer?\n  }\n}\n` });
    expect(r.codes).toContain("K2001");
    expect(r.text).not.toContain("did you mean");
  });
});
