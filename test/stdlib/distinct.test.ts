import { distinct } from "../../stdlib/distinct.js";
import { jsonArrayArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(distinct, {
  examples: [
    { types: [T.json], args: [["b", "a", "b"]], result: ["b", "a"] },
    { types: [T.json], args: [[1, "1", 1.0, true, 1]], result: [1, "1", true] },
    { types: [T.json], args: [[{ a: 1, b: 2 }, { b: 2, a: 1 }, [1], [1]]], result: [{ a: 1, b: 2 }, [1]] },
    { types: [T.json], args: [[null, null, []]], result: [null, []] },
    { types: [T.json], args: [[]], result: [] },
    { types: [T.json], args: [{ a: 1 }], result: { a: 1 } }, // non-arrays unchanged
    { types: [T.jsonN], args: [null], result: null },
    { types: [T.jsonN], args: [undefined], result: undefined },
  ],
  agreement: [{ types: [T.jsonN], args: [jsonArrayArb] }, { types: [T.jsonStoredN], args: [jsonArrayArb] }, { types: [T.null] }],
});
