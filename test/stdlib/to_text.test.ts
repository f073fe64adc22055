import { to_text } from "../../stdlib/to_text.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(to_text, {
  examples: [
    { types: [T.jsonN], args: ["gpt-4"], result: "gpt-4" },
    { types: [T.jsonN], args: [{ b: [1, "x"], a: true }], result: '{"a": true, "b": [1, "x"]}' },
    { types: [T.jsonN], args: [1e21], result: "1000000000000000000000" },
    { types: [T.jsonN], args: [1.5e-7], result: "0.00000015" },
    { types: [T.jsonN], args: [null], result: undefined },
    { types: [T.boolean], args: [true], result: "true" },
    { types: [T.double], args: [1e-7], result: "1e-07" },
    { types: [T.double], args: [-0], result: "-0" },
    { types: [T.real], args: [1e6], result: "1e+06" },
    { types: [T.numeric], args: ["1.50"], result: "1.50" },
    { types: [T.char5N], args: ["ab   "], result: "ab" },
  ],
  agreement: [
    { types: [T.jsonN] },
    { types: [T.jsonStoredN] },
    { types: [T.textN] },
    { types: [T.char5N] },
    { types: [T.smallintN] },
    { types: [T.integerN] },
    { types: [T.bigintN] },
    { types: [T.numericN] },
    { types: [T.realN] },
    { types: [T.doubleN] },
    { types: [T.booleanN] },
    { types: [T.uuidN] },
    { types: [T.dateN] },
    { types: [T.timeN] },
    { types: [T.timestampN] },
    { types: [T.timestamptzN] },
    { types: [T.intervalN] },
    { types: [T.inetN] },
    { types: [T.byteaN] },
    { types: [T.null] },
  ],
});
