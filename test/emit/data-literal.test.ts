import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { dataLiteral, stringLiteral } from "../../compiler/emit/data-literal.js";
import { loadChunkFormatter, type ChunkFormatter } from "../../compiler/emit/format-chunk.js";

/**
 * kmig lays out plan data itself, because running prettier over it was most of `kmig compile`'s
 * time; the layout must be exactly prettier's, so that emitted modules stay prettier-formatted.
 * The law, on generated data: prettier changes nothing in `export const x = <literal> as const;`.
 */

const char = fc.constantFrom("a", "Z", "_", " ", "-", ":", '"', "'", "\\", "\n", "\t", "é", "→", "中", "😀", "0", "$", "{", "}");
const text = fc.oneof(fc.string({ unit: char, maxLength: 12 }), fc.string({ unit: char, minLength: 40, maxLength: 140 }));
const key = fc.oneof(fc.constantFrom("id", "kind", "up", "sqlType", "predicate", "origin", "keiko_v2:011:backfill", "a b", "x-y", "$ok", "_"), fc.string({ unit: char, minLength: 1, maxLength: 8 }));
const data = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, text, fc.integer({ min: -5, max: 100000 }), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 5 }),
  object: fc.dictionary(key, tie("value"), { maxKeys: 6 }),
})).value;

let format: ChunkFormatter;
beforeAll(async () => {
  format = await loadChunkFormatter();
});

const statement = (v: unknown) => `export const x = ${dataLiteral(v, { column: "export const x = ".length, suffix: " as const;".length })} as const;\n`;

describe("data laid out as prettier lays it out", () => {
  it("picks quotes as prettier does", () => {
    expect(stringLiteral("plain")).toBe('"plain"');
    expect(stringLiteral('ALTER TABLE "users"')).toBe("'ALTER TABLE \"users\"'");
    expect(stringLiteral(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(stringLiteral(`a"b'c`)).toBe(`"a\\"b'c"`);
    expect(stringLiteral('say "hi" \\ ok')).toBe("'say \"hi\" \\\\ ok'");
  });

  it("is left unchanged by prettier, on generated data", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(data, { maxLength: 4 }), fc.dictionary(key, data, { maxKeys: 6 })), async (v) => {
        const source = statement(v);
        expect(await format(source)).toBe(source);
      }),
      { numRuns: 300, seed: 20251125 },
    );
  });
});
