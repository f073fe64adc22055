import fc from "fast-check";
import { lpad } from "../../stdlib/lpad.js";
import { replace } from "../../stdlib/replace.js";
import { rpad } from "../../stdlib/rpad.js";
import { split_part } from "../../stdlib/split_part.js";
import { substr } from "../../stdlib/substr.js";
import { textArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

/**
 * lpad, rpad, substr, replace, split_part agree with PostgreSQL on multi-byte text (characters are
 * code points there and here), negative and zero lengths and positions, empty fills and delimiters,
 * fills longer than needed, overlapping matches.
 */
const length = fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom(0, -1, -2147483648));
/** Lengths for substr: also the largest, where PostgreSQL's from + count overflows. */
const count = fc.oneof(length, fc.constant(2147483647));
const position = fc.oneof(fc.integer({ min: -4, max: 12 }), fc.constantFrom(2147483647, -2147483648));
const small = fc.string({ unit: fc.constantFrom("a", "b", "-", "ß", "😀", " "), maxLength: 8 });
const needle = fc.oneof(fc.constantFrom("", "a", "aa", "-", "😀", "ß-", "ab"), small);

stdlibSuite(lpad, {
  examples: [
    { types: [T.text, T.integer, T.text], args: ["7", 3, "0"], result: "007" },
    { types: [T.text, T.integer, T.text], args: ["ab", 5, "xyz"], result: "xyzab" },
    { types: [T.text, T.integer], args: ["abcdef", 3], result: "abc" },
    { types: [T.text, T.integer], args: ["ab", -1], result: "" },
    { types: [T.text, T.integer, T.text], args: ["ab", 5, ""], result: "ab" },
    { types: [T.text, T.integer, T.text], args: ["😀", 3, "é"], result: "éé😀" },
    { types: [T.textN, T.integer], args: [undefined, 3], result: undefined },
    // Above ten million characters the length is capped; an empty fill pads nothing, so this stays cheap.
    { types: [T.text, T.integer, T.text], args: ["abc", 2147483647, ""], result: "abc" },
  ],
  agreement: [
    { types: [T.textN, T.integer], args: [textArb, length] },
    { types: [T.text, T.integerN, T.textN], args: [small, length, needle] },
    { types: [T.char5N, T.smallint, T.varchar20N], args: [undefined, fc.integer({ min: -2, max: 9 }), undefined] },
  ],
});

stdlibSuite(rpad, {
  examples: [
    { types: [T.text, T.integer, T.text], args: ["ab", 5, "xy"], result: "abxyx" },
    { types: [T.text, T.integer, T.text], args: ["😀a", 4, "é"], result: "😀aéé" },
    { types: [T.text, T.integer], args: ["ab", 0], result: "" },
  ],
  agreement: [
    { types: [T.textN, T.integer], args: [textArb, length] },
    { types: [T.text, T.integerN, T.textN], args: [small, length, needle] },
  ],
});

stdlibSuite(substr, {
  examples: [
    { types: [T.text, T.integer, T.integer], args: ["2022-08-01", 6, 2], result: "08" },
    { types: [T.text, T.integer, T.integer], args: ["hello", 0, 2], result: "h" },
    { types: [T.text, T.integer], args: ["hello", -3], result: "hello" },
    { types: [T.text, T.integer, T.integer], args: ["hello", 2, -1], result: "" },
    { types: [T.text, T.integer], args: ["😀ß", 2], result: "ß" },
    { types: [T.text, T.integer, T.integer], args: ["hello", 2147483647, 2147483647], result: "" },
  ],
  agreement: [
    { types: [T.textN, T.integer], args: [textArb, position] },
    { types: [T.text, T.integerN, T.integerN], args: [textArb, position, count] },
    { types: [T.char5N, T.smallint, T.smallint], args: [undefined, fc.integer({ min: -3, max: 8 }), fc.integer({ min: -3, max: 8 })] },
  ],
});

stdlibSuite(replace, {
  examples: [
    { types: [T.text, T.text, T.text], args: ["a-b-c", "-", "/"], result: "a/b/c" },
    { types: [T.text, T.text, T.text], args: ["aaa", "aa", "b"], result: "ba" },
    { types: [T.text, T.text, T.text], args: ["abc", "", "x"], result: "abc" },
    { types: [T.text, T.text, T.text], args: ["😀😀", "😀", "ß"], result: "ßß" },
  ],
  agreement: [
    { types: [T.textN, T.text, T.textN], args: [small, needle, small] },
    { types: [T.text, T.textN, T.text], args: [textArb, textArb, textArb] },
    { types: [T.char5N, T.varchar20N, T.text], args: [undefined, undefined, small] },
  ],
});

stdlibSuite(split_part, {
  examples: [
    { types: [T.text, T.text, T.integer], args: ["gpt-4-turbo", "-", 2], result: "4" },
    { types: [T.text, T.text, T.integer], args: ["a,b", ",", 3], result: "" },
    { types: [T.text, T.text, T.integer], args: ["abc", "", 1], result: "abc" },
    { types: [T.text, T.text, T.integer], args: ["abc", "", 2], result: "" },
    { types: [T.text, T.text, T.integer], args: ["a,b,c", ",", -1], result: "" },
    { types: [T.text, T.text, T.integer], args: ["a,b,c", ",", 0], result: "" },
    { types: [T.text, T.text, T.integer], args: ["", ",", 1], result: "" },
    { types: [T.text, T.text, T.integerN], args: ["a", ",", undefined], result: undefined },
  ],
  agreement: [
    { types: [T.textN, T.textN, T.integerN], args: [small, needle, position] },
    { types: [T.text, T.text, T.integer], args: [textArb, textArb, fc.integer({ min: -2, max: 4 })] },
  ],
});
