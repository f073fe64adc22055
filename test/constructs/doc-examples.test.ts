import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseText, stripSpans, parsePath } from "../support/parse.js";
import { inMigration } from "./support.js";

/**
 * Every example of docs/language.md is parsed: a ```kmig block is a complete file, a
 * ```kmig-fragment block is the body of a migration, and a ```kmig-invalid block (also a body)
 * must be rejected. So the reference cannot show syntax the parser does not accept.
 */

const DOC = "docs/language.md";
const KINDS = ["kmig", "kmig-fragment", "kmig-invalid"] as const;
type Kind = (typeof KINDS)[number];

interface Example {
  readonly kind: Kind;
  readonly line: number;
  readonly text: string;
}

function examples(markdown: string): { found: Example[]; unknownTags: string[] } {
  const found: Example[] = [];
  const unknownTags: string[] = [];
  // Fences may be indented (inside list items); the closing fence has the same indentation.
  const fence = /^( *)```([\w-]*)[^\n]*\n([\s\S]*?)^\1```/gm;
  for (const m of markdown.matchAll(fence)) {
    const tag = m[2];
    if (!tag.startsWith("kmig")) continue;
    if (!(KINDS as readonly string[]).includes(tag)) {
      unknownTags.push(tag);
      continue;
    }
    const indent = m[1].length;
    const text = m[3]
      .split("\n")
      .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
      .join("\n");
    const line = markdown.slice(0, m.index).split("\n").length;
    found.push({ kind: tag as Kind, line, text });
  }
  return { found, unknownTags };
}

const markdown = readFileSync(DOC, "utf8");
const { found, unknownTags } = examples(markdown);

describe("docs/language.md examples", () => {
  it("has examples of every kind and no misspelled fence tags", () => {
    expect(unknownTags).toEqual([]);
    for (const k of KINDS) expect(found.filter((e) => e.kind === k).length, k).toBeGreaterThan(0);
    expect(found.length).toBeGreaterThan(30);
  });

  for (const ex of found) {
    const where = `${DOC}:${ex.line} (${ex.kind})`;
    if (ex.kind === "kmig-invalid") {
      it(`${where} is rejected`, () => {
        const errors = parseText(inMigration(ex.text)).diagnostics.filter((d) => d.severity === "error");
        expect(errors.length).toBeGreaterThan(0);
      });
    } else {
      it(`${where} parses cleanly`, () => {
        const text = ex.kind === "kmig" ? ex.text : inMigration(ex.text);
        const r = parseText(text);
        expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
        expect(r.ast.units.length).toBeGreaterThan(0);
      });
    }
  }

  it("quotes specs/keiko with the same meaning as the files", () => {
    const quoted = found.filter((e) => e.kind === "kmig" && /^\s*(\/\/[^\n]*\n\s*)*(baseline keiko_v1|migration keiko_v2)/.test(e.text));
    expect(quoted).toHaveLength(2);
    const files = ["specs/keiko/000_baseline.kmig", "specs/keiko/001_keiko_v2.kmig"];
    quoted.forEach((q, i) => {
      expect(stripSpans(parseText(q.text).ast)).toEqual(stripSpans(parsePath(files[i]).ast));
    });
  });
});
