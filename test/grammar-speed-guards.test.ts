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

  it("CST nodes get plain-object children (chevrotain still calls cstInvocationStateUpdate)", () => {
    const text = "migration m from '1' to '2' { table t { x := a + 1 } }";
    try {
      kmigParser.input = lex(text).tokens;
      kmigParser.sourceText = text;
      kmigParser.skipped = [];
      const cst = kmigParser.file();
      expect(kmigParser.errors).toEqual([]);
      expect(Object.getPrototypeOf(cst.children)).toBe(Object.prototype);
    } finally {
      kmigParser.input = [];
      kmigParser.sourceText = "";
    }
  });
});
