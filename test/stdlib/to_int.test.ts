import fc from "fast-check";
import { to_int } from "../../stdlib/to_int.js";
import { jsonArb, jsonNumberArb, numberishTextArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

const jsonNumberish = fc.oneof(jsonArb, jsonNumberArb, numberishTextArb, fc.integer({ min: -5, max: 5 }));

stdlibSuite(to_int, {
  examples: [
    { types: [T.jsonN], args: [300], result: 300 },
    { types: [T.jsonN], args: ["300"], result: 300 },
    { types: [T.jsonN], args: [" 1e3 "], result: 1000 },
    { types: [T.jsonN], args: ["7.0"], result: 7 },
    { types: [T.jsonN], args: [7.5], result: undefined }, // never rounded
    { types: [T.jsonN], args: ["7.5"], result: undefined },
    { types: [T.jsonN], args: [2147483648], result: undefined },
    { types: [T.jsonN], args: [true], result: undefined },
    { types: [T.jsonN], args: ["abc"], result: undefined },
    { types: [T.textN], args: ["-2147483648"], result: -2147483648 },
    { types: [T.textN], args: ["1_000"], result: undefined },
    { types: [T.bigintN], args: ["2147483648"], result: undefined },
    { types: [T.numericN], args: ["12.000"], result: 12 },
    { types: [T.doubleN], args: [NaN], result: undefined },
  ],
  agreement: [
    { types: [T.jsonN], args: [jsonNumberish] },
    { types: [T.jsonStoredN], args: [jsonNumberish] },
    { types: [T.textN], args: [numberishTextArb] },
    { types: [T.textN] },
    { types: [T.char5N] },
    { types: [T.smallintN] },
    { types: [T.integerN] },
    { types: [T.bigintN] },
    { types: [T.numericN] },
    { types: [T.realN] },
    { types: [T.doubleN] },
    { types: [T.doubleN], args: [fc.integer().map((n) => n * 2)] },
    { types: [T.null] },
  ],
});
