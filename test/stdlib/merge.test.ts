import { merge } from "../../stdlib/merge.js";
import { jsonObjectArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(merge, {
  examples: [
    { types: [T.json, T.json], args: [{ a: 1, b: 2 }, { b: 3 }], result: { a: 1, b: 3 } },
    { types: [T.json, T.json], args: [{ a: { x: 1 } }, { a: { y: 2 } }], result: { a: { y: 2 } } }, // shallow
    { types: [T.json, T.json], args: [{ a: 1 }, { a: null }], result: { a: null } },
    { types: [T.json, T.json], args: [[1], { a: 1 }], result: { a: 1 } }, // non-objects count as {}
    { types: [T.jsonN, T.jsonN], args: [undefined, "x"], result: {} },
  ],
  agreement: [
    { types: [T.jsonN, T.jsonN], args: [jsonObjectArb, jsonObjectArb] },
    { types: [T.jsonN, T.jsonStoredN] },
    { types: [T.null, T.jsonN], args: [undefined, jsonObjectArb] },
  ],
});
