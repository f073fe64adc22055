import { json_array } from "../../stdlib/json_array.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(json_array, {
  examples: [
    { types: [T.text, T.integer, T.boolean], args: ["a", 1, true], result: ["a", 1, true] },
    { types: [T.textN, T.jsonN, T.jsonN], args: [undefined, null, undefined], result: [null, null, null] },
    { types: [T.numeric, T.bigint], args: ["1.50", "9007199254740993"], result: [1.5, 9007199254740993] },
    { types: [T.double, T.real], args: [NaN, -Infinity], result: ["NaN", "-Infinity"] },
    { types: [], args: [], result: [] },
  ],
  agreement: [
    { types: [T.jsonN, T.textN, T.bigintN, T.booleanN] },
    { types: [T.timestamptzN, T.realN, T.dateN, T.timeN] },
    { types: [T.numericN, T.doubleN, T.char5N, T.uuidN] },
    { types: [T.intervalN, T.inetN, T.byteaN, T.timestampN] },
    { types: [T.jsonStoredN, T.null, T.integerArrayN] },
  ],
});
