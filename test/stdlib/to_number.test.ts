import fc from "fast-check";
import { to_number } from "../../stdlib/to_number.js";
import { jsonArb, jsonNumberArb, numberishTextArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

const jsonNumberish = fc.oneof(jsonArb, jsonNumberArb, numberishTextArb);

stdlibSuite(to_number, {
  examples: [
    { types: [T.text], args: [" 12.50 "], result: "12.50" },
    { types: [T.text], args: ["1.5e3"], result: "1500" },
    { types: [T.text], args: ["-.5E-2"], result: "-0.005" },
    { types: [T.text], args: ["-0.00"], result: "0.00" },
    { types: [T.text], args: ["NaN"], result: undefined },
    { types: [T.text], args: ["1,5"], result: undefined },
    { types: [T.jsonN], args: [1e21], result: "1000000000000000000000" },
    { types: [T.jsonN], args: ["0.1"], result: "0.1" },
    { types: [T.jsonN], args: [[1]], result: undefined },
    { types: [T.integerN], args: [-3], result: "-3" },
  ],
  agreement: [
    { types: [T.jsonN], args: [jsonNumberish] },
    { types: [T.textN], args: [numberishTextArb] },
    { types: [T.textN] },
    { types: [T.varchar20N], args: [numberishTextArb.filter((s) => [...s].length <= 20)] },
    { types: [T.smallintN] },
    { types: [T.integerN] },
    { types: [T.bigintN] },
    { types: [T.numericN] },
    { types: [T.null] },
  ],
});
