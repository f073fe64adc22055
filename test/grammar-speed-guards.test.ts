import { Lexer } from "chevrotain";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEXER_TOKENS, lex } from "../grammar/lexer.js";
import { kmigParser } from "../grammar/parser.js";
import { ALL_TOKENS, RESERVED_WORDS, SOFT_KEYWORDS } from "../grammar/tokens.js";

/** Every .kmig file of the repository (specs, golden inputs, …) outside generated output. */
function kmigFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".") || ["node_modules", "dist", "out"].includes(e.name)) continue;
    if (e.isDirectory()) kmigFiles(join(dir, e.name), out);
    else if (e.name.endsWith(".kmig")) out.push(join(dir, e.name));
  }
  return out;
}

// The front end skips or replaces some of chevrotain's work for speed (see grammar/lexer.ts and
// grammar/parser-base.ts); these tests keep what was skipped checked, and notice a chevrotain
// upgrade that would silently undo a replacement.

describe("front-end speed measures", () => {
  it("the token set passes the lexer validations that kmig's lexer skips", () => {
    for (const tokens of [ALL_TOKENS, LEXER_TOKENS]) {
      const lexer = new Lexer([...tokens], { positionTracking: "onlyOffset", ensureOptimizations: true, deferDefinitionErrorsHandling: true });
      expect(lexer.lexerDefinitionErrors.map((e) => e.message)).toEqual([]);
    }
  });

  it("looking keywords up gives the tokens that keyword patterns (with `longer_alt`) give", () => {
    const withKeywords = new Lexer([...ALL_TOKENS], { positionTracking: "onlyOffset", ensureOptimizations: true });
    const words = [...SOFT_KEYWORDS, ...RESERVED_WORDS].map((t) => String(t.PATTERN).slice(1, -1));
    const around = words.flatMap((w) => [w, `${w}_`, `${w}s`, `${w}1`, `_${w}`, w.slice(0, -1), w.toUpperCase(), `${w}(`, `${w}.${w}`, `"${w}"`, `'${w}'`, `${w}:=`]);
    const texts = [...kmigFiles(".").map((f) => readFileSync(f, "utf8")), around.join(" "), around.join("\n"), words.join("")];
    for (const text of texts) {
      const expected = withKeywords.tokenize(text);
      const actual = lex(text);
      const show = (tokens: readonly { tokenType: { name: string }; tokenTypeIdx: number; startOffset: number; image: string }[]) =>
        tokens.map((t) => `${t.tokenType.name}#${t.tokenTypeIdx}@${t.startOffset}:${t.image}`);
      expect(show(actual.tokens)).toEqual(show(expected.tokens));
      expect(actual.unexpected).toEqual(expected.errors.map((e) => ({ offset: e.offset, length: e.length })));
    }
  });

  it("the tokens' start_chars_hint agree with chevrotain's own analysis of their patterns", () => {
    const config = { positionTracking: "onlyOffset", ensureOptimizations: true } as const;
    const hinted = new Lexer([...ALL_TOKENS], config);
    // The same tokens with their hints hidden: chevrotain then works out first characters itself.
    const hints = ALL_TOKENS.map((t) => (t as { START_CHARS_HINT?: unknown }).START_CHARS_HINT);
    let analysed: Lexer;
    try {
      for (const t of ALL_TOKENS) delete (t as { START_CHARS_HINT?: unknown }).START_CHARS_HINT;
      analysed = new Lexer([...ALL_TOKENS], config);
    } finally {
      ALL_TOKENS.forEach((t, i) => hints[i] !== undefined && Object.assign(t, { START_CHARS_HINT: hints[i] }));
    }
    const show = (text: string, l: Lexer): string => {
      const r = l.tokenize(text);
      return JSON.stringify([r.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]), r.errors.map((e) => e.offset), r.groups]);
    };
    const differing: string[] = [];
    // Every character a token could start with decides which patterns are tried there.
    for (let c = 0; c < 0x3000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `${ch}${ch}${ch}`, `${ch}x1 `, `${ch}=>*/'"`, `a ${ch}`]) {
        if (show(text, hinted) !== show(text, analysed)) differing.push(JSON.stringify(text));
      }
    }
    for (const ch of ["\ufeff", "\uffff", "\u{1f600}"]) if (show(`${ch} x`, hinted) !== show(`${ch} x`, analysed)) differing.push(ch);
    expect(differing.slice(0, 10)).toEqual([]);
  });

  it("spans come from the tokens chevrotain hands to cstPostTerminal (it still calls it without a CST)", () => {
    const text = "migration m from '1' to '2' { table t { x := a + 1 } }";
    try {
      kmigParser.begin(lex(text).tokens, text);
      const [unit] = kmigParser.file();
      expect(kmigParser.errors).toEqual([]);
      expect(unit.span).toEqual({ start: 0, end: text.length });
      const [table] = unit.items;
      expect(table.span).toEqual({ start: text.indexOf("table"), end: text.length - 2 });
    } finally {
      kmigParser.end();
    }
  });

  it("a bad statement is skipped to the end of its line (junk reads tokens through chevrotain internals)", () => {
    const text = "migration m from '1' to '2' {\n  table t {\n    oops this is bad\n    x := 1\n  }\n}\n";
    try {
      kmigParser.begin(lex(text).tokens, text);
      kmigParser.file();
      expect(kmigParser.skipped.map((s) => s.token.image)).toEqual(["oops", "this", "is", "bad"]);
    } finally {
      kmigParser.end();
    }
  });
});
