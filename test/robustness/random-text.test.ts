import { describe, it } from "vitest";
import fc from "fast-check";
import { assertWellFormed } from "./well-formed.js";

/** parseSpec on text no spec author would write: it must still answer with sound diagnostics. */

/** Pieces of kmig, so that random sequences get past the lexer and deep into the parser. */
const PIECES = [
  "migration", "baseline", "m", "from", "to", "version", "'1'", "'''x'''", "{", "}", "(", ")", "[", "]", ",", ".", ":", ":=", "->", "...", "?", "??", "$",
  "describe", "create", "table", "t", "drop", "rename", "alter", "add", "set", "type", "using", "default", "primary", "key", "unique", "references",
  "on", "delete", "cascade", "no", "action", "check", "foreign", "constraint", "index", "where", "concurrently", "sql", "reverse", "irreversible",
  "map", "closed", "keep", "original", "in", "def", "config", "patch", "require", "remove", "expect", "not", "and", "or", "is", "null", "when",
  "then", "else", "if", "old", "true", "1", "2.5", "-", "+", "*", "/", "%", "||", "==", "!=", "<", ">=", "text", "varchar(5)", "jsonb?", "uuid",
  "x", "\"q\"", "'s'", "// c", "/* c */", "\n", "\n", "\n", " ", " ", " ", "\t", ";", "@", "'", "\"", "/*", "'''",
];

const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(" "));
const lenient = new TextDecoder("utf-8", { fatal: false });

describe("parseSpec on random text", () => {
  it("never throws on random strings (ASCII and full Unicode)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => assertWellFormed(s)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => assertWellFormed(s)), { numRuns: 300 });
  });

  it("never throws on random bytes decoded leniently", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => assertWellFormed(lenient.decode(bytes))), { numRuns: 300 });
  });

  it("never throws on random sequences of kmig's own words and punctuation", () => {
    fc.assert(fc.property(soup, (s) => assertWellFormed(s)), { numRuns: 600 });
  });

  it("never throws on a valid header followed by random kmig", () => {
    const inBlock = soup.map((body) => `migration m from '1' to '2' {\n  table t {\n    ${body}\n  }\n}\n`);
    fc.assert(fc.property(inBlock, (s) => assertWellFormed(s)), { numRuns: 400 });
  });
});
