import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lex } from "../../grammar/lexer.js";
import { PHRASES } from "../../grammar/type-names.js";
import { RESERVED_WORDS, SOFT_KEYWORDS } from "../../grammar/tokens.js";
import { BUILTINS } from "../../stdlib/index.js";
import { specFiles } from "../support/mutate.js";
import { GRAMMAR_PATH, kmigGrammar, tokenize, type ScopedToken } from "./support/textmate.js";

/**
 * The VS Code extension's TextMate grammar, run by vscode-textmate + vscode-oniguruma (VS Code's
 * own engine) over every spec in specs/ and every kmig example in the docs: golden scope
 * snapshots (KMIG_UPDATE=1 rewrites them), and agreement with kmig's lexer on what is a string,
 * a comment, a number and a reserved word.
 */

const GOLDEN = "test/editors/golden";
const UPDATE = process.env.KMIG_UPDATE === "1";

interface Sample {
  readonly name: string;
  readonly text: string;
  /** Specs are valid: no character may be marked illegal. */
  readonly valid: boolean;
}

function docFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? docFiles(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : []));
}

/** The ```kmig (and ```kmig-fragment) blocks of a markdown file. */
function examplesOf(path: string): string[] {
  return [...readFileSync(path, "utf8").matchAll(/^```kmig(?:-fragment)?(?: \S+)?\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

const specs: Sample[] = specFiles("specs").map((p) => ({ name: p, text: readFileSync(p, "utf8"), valid: true }));
const docs: Sample[] = ["README.md", ...docFiles("docs"), ...docFiles("editors")].sort().flatMap((p) => examplesOf(p).map((text, i) => ({ name: `${p}#${i + 1}`, text, valid: false })));

/** A line's tokens as `text«scopes»`, whitespace left out, `.kmig` suffixes dropped. */
function render(lines: ScopedToken[][], text: string): string {
  const src = text.split(/\r\n|\r|\n/);
  return lines
    .map((tokens, i) => {
      const shown = tokens.filter((t) => t.text.trim() !== "").map((t) => `${t.text}«${t.scopes.map((s) => s.replace(/\.kmig$/, "")).join(" ") || "-"}»`);
      return `${src[i]}\n${shown.length ? `  ${shown.join(" ")}\n` : ""}`;
    })
    .join("");
}

function golden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (UPDATE || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    if (!UPDATE) throw new Error(`${path} was missing and has been written: review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/** The scopes at an offset of a text (by line and column). */
function scopesAt(lines: ScopedToken[][], text: string, offset: number): readonly string[] {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  const line = lines[before.length - 1] ?? [];
  const col = before[before.length - 1].length;
  return [...line].reverse().find((t) => t.start <= col)?.scopes ?? [];
}

const RESERVED = new Set(RESERVED_WORDS.map((t) => String(t.PATTERN).slice(1, -1)));

/** Where kmig's lexer and the grammar disagree on a string, comment, number or reserved word. */
function disagreements(sample: Sample, lines: ScopedToken[][]): string[] {
  const lexed = lex(sample.text);
  const out: string[] = [];
  for (const t of [...lexed.tokens, ...lexed.comments]) {
    const name = t.tokenType.name;
    const scopes = scopesAt(lines, sample.text, t.startOffset).join(" ");
    const want =
      name === "LineComment" || name === "BlockComment"
        ? /\bcomment\./
        : /String/.test(name)
          ? /\b(string\.|meta\.embedded)/
          : name === "NumberLiteral"
            ? /\bconstant\.numeric/
            : RESERVED.has(t.image)
              ? /\b(keyword|constant\.language|variable\.language)/
              : null;
    if (want && !want.test(scopes)) out.push(`${sample.name}: \`${t.image.slice(0, 20)}\` (${name}) scoped ${scopes || "(nothing)"}`);
  }
  return out;
}

describe("the TextMate grammar (editors/vscode)", () => {
  it("names its scope source.kmig", () => {
    expect(JSON.parse(readFileSync(GRAMMAR_PATH, "utf8")).scopeName).toBe("source.kmig");
  });

  for (const s of specs) {
    it(`tokenises ${s.name} like the golden snapshot, with no illegal character`, async () => {
      const lines = tokenize(await kmigGrammar(), s.text);
      golden(`${s.name.replace(/\//g, "__")}.scopes`, render(lines, s.text));
      expect(
        lines
          .flat()
          .filter((t) => t.scopes.some((x) => x.startsWith("invalid.")))
          .map((t) => t.text),
      ).toEqual([]);
      expect(disagreements(s, lines)).toEqual([]);
    });
  }

  it(`tokenises the ${docs.length} kmig examples of the docs like the golden snapshots, agreeing with the lexer`, async () => {
    expect(docs.length).toBeGreaterThan(50);
    const grammar = await kmigGrammar();
    const byFile = new Map<string, string[]>();
    const problems: string[] = [];
    for (const d of docs) {
      const lines = tokenize(grammar, d.text);
      const file = d.name.split("#")[0];
      byFile.set(file, [...(byFile.get(file) ?? []), `=== ${d.name}\n${render(lines, d.text)}`]);
      problems.push(...disagreements(d, lines));
    }
    expect(problems).toEqual([]);
    for (const [file, parts] of byFile) golden(`${file.replace(/\//g, "__")}.scopes`, parts.join("\n"));
  });

  it("scopes every keyword of the lexer as a keyword (new keywords must be added to the grammar)", async () => {
    const grammar = await kmigGrammar();
    const words = [...SOFT_KEYWORDS, ...RESERVED_WORDS].map((t) => String(t.PATTERN).slice(1, -1));
    const wrong = words.filter((w) => !/^(keyword|storage|constant\.language|variable\.language)/.test(tokenize(grammar, w)[0][0].scopes.at(-1) ?? ""));
    expect(wrong).toEqual([]);
  });

  it("knows exactly the stdlib's functions, and every type name", async () => {
    const grammar = await kmigGrammar();
    const source = readFileSync(GRAMMAR_PATH, "utf8");
    const listed = /\(default\|[\w|]+\)/.exec(source)?.[0].slice(1, -1).split("|").sort();
    expect(listed).toEqual([...BUILTINS.keys()].sort());
    for (const b of BUILTINS.keys()) expect(tokenize(grammar, `x := ${b}(y)`)[0].find((t) => t.text === b)?.scopes).toContain("support.function.builtin.kmig");
    for (const p of PHRASES) {
      const spelling = p.words.join(" ");
      expect(tokenize(grammar, `  col ${spelling}?`)[0].find((x) => x.text === spelling)?.scopes, spelling).toContain("support.type.kmig");
    }
  });

  it("tells columns, tables, maps and keywords apart where the line says which", async () => {
    const grammar = await kmigGrammar();
    const scopeOf = (line: string, word: string) =>
      tokenize(grammar, line)[0]
        .find((t) => t.text === word)
        ?.scopes.at(-1);
    expect(scopeOf("  type text?", "type")).toBe("variable.other.column.kmig");
    expect(scopeOf("  alter status type varchar(20)", "type")).toBe("keyword.other.kmig");
    expect(scopeOf("  rename type -> task_type := type ?? 'x'", "task_type")).toBe("variable.other.column.kmig");
    expect(scopeOf("  table tasks {", "tasks")).toBe("entity.name.type.kmig");
    expect(scopeOf("  map task_status: text -> text {", "task_status")).toBe("entity.name.function.map.kmig");
    expect(scopeOf("  status := task_status(status)", "task_status")).toBe("entity.name.function.call.kmig");
    expect(scopeOf("  sql '''create view v as select 1''' reverse '''drop view v'''", "create view v as select 1")).toBe("meta.embedded.block.sql");
  });
});
