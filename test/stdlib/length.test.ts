import { length } from "../../stdlib/length.js";
import { jsonArrayArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(length, {
  examples: [
    { types: [T.text], args: ["héllo😀"], result: 6 }, // code points, not UTF-16 units or bytes
    { types: [T.char5N], args: ["ab   "], result: 2 },
    { types: [T.json], args: [["a", ["b", "c"]]], result: 2 },
    { types: [T.json], args: ["😀😀"], result: 2 },
    { types: [T.json], args: [{ a: 1 }], result: undefined },
    { types: [T.json], args: [5], result: undefined },
    { types: [T.jsonN], args: [null], result: undefined },
  ],
  agreement: [{ types: [T.textN] }, { types: [T.char5N] }, { types: [T.jsonN] }, { types: [T.jsonN], args: [jsonArrayArb] }],
});
