import fc from "fast-check";
import { to_bool } from "../../stdlib/to_bool.js";
import { jsonArb, textArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

const boolish = fc.constantFrom("true", "false", "True", "TRUE", " true", "t", "1", "yes", "");

stdlibSuite(to_bool, {
  examples: [
    { types: [T.jsonN], args: [true], result: true },
    { types: [T.jsonN], args: ["false"], result: false },
    { types: [T.jsonN], args: ["True"], result: undefined }, // exactly 'true' / 'false'
    { types: [T.jsonN], args: [1], result: undefined },
    { types: [T.jsonN], args: [null], result: undefined },
    { types: [T.text], args: ["true"], result: true },
    { types: [T.text], args: ["t"], result: undefined },
    { types: [T.booleanN], args: [false], result: false },
  ],
  agreement: [
    { types: [T.jsonN], args: [fc.oneof(jsonArb, boolish, fc.boolean())] },
    { types: [T.textN], args: [fc.oneof(textArb, boolish)] },
    { types: [T.char5N], args: [boolish.filter((s) => s.length <= 5).map((s) => s.padEnd(5))] },
    { types: [T.booleanN] },
    { types: [T.null] },
  ],
});
