import { Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { lex } from "../grammar/lexer.js";
import { kmigParser } from "../grammar/parser.js";
import { ALL_TOKENS } from "../grammar/tokens.js";

// The front end skips or replaces some of chevrotain's work for speed (see grammar/lexer.ts and
// grammar/parser.ts); these tests keep what was skipped checked, and notice a chevrotain upgrade
// that would silently undo a replacement.

describe("front-end speed measures", () => {
  it("the token set passes the lexer validations that kmig's lexer skips", () => {
    const lexer = new Lexer([...ALL_TOKENS], { positionTracking: "onlyOffset", ensureOptimizations: true, deferDefinitionErrorsHandling: true });
    expect(lexer.lexerDefinitionErrors.map((e) => e.message)).toEqual([]);
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
