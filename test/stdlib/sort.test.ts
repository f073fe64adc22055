import { sort } from "../../stdlib/sort.js";
import { jsonArrayArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(sort, {
  examples: [
    { types: [T.json], args: [["b", "a", "B", 10, 9]], result: [9, 10, "B", "a", "b"] },
    { types: [T.json], args: [[{}, [], "", 0, false, null]], result: [null, false, 0, "", [], {}] },
    { types: [T.json], args: [[true, false, -1.5, -2]], result: [false, true, -2, -1.5] },
    // Code point order: U+FFFF sorts before U+1F600, although its UTF-16 unit is larger.
    { types: [T.json], args: [["😀", "\uffff", "é", "z"]], result: ["z", "é", "\uffff", "😀"] },
    // Arrays and objects by their jsonb text: "[10]" < "[9]", "{"b": 0}" < "{"a": 1, ...}" is false.
    { types: [T.json], args: [[[9], [10], { b: 0 }, { a: 1 }]], result: [[10], [9], { a: 1 }, { b: 0 }] },
    {
      types: [T.json],
      args: [["text_processing", "summarization", "text_processing"]],
      result: ["summarization", "text_processing", "text_processing"],
    },
    { types: [T.json], args: ["b"], result: "b" }, // non-arrays unchanged
    { types: [T.jsonN], args: [undefined], result: undefined },
  ],
  agreement: [
    { types: [T.jsonN], args: [jsonArrayArb] },
    { types: [T.jsonStoredN], args: [jsonArrayArb] },
  ],
});
