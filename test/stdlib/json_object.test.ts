import fc from "fast-check";
import { json_object } from "../../stdlib/json_object.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

const keys = fc.constantFrom("a", "b", "__proto__", "", "é");

stdlibSuite(json_object, {
  examples: [
    { types: [T.text, T.integer, T.text, T.text], args: ["retries", 3, "mode", "fast"], result: { retries: 3, mode: "fast" } },
    { types: [T.text, T.textN], args: ["original_type", undefined], result: { original_type: null } },
    { types: [T.text, T.integer, T.text, T.integer], args: ["a", 1, "a", 2], result: { a: 2 } }, // the last wins
    { types: [T.text, T.timestamptz], args: ["at", "2024-05-01 10:00:00+00"], result: { at: "2024-05-01T10:00:00+00:00" } },
    { types: [T.text, T.json], args: ["__proto__", 1], result: JSON.parse('{"__proto__": 1}') },
    { types: [], args: [], result: {} },
  ],
  agreement: [
    { types: [T.text, T.jsonN, T.varchar, T.textN], args: [keys, undefined, keys] },
    { types: [T.text, T.integerN, T.text, T.timestampN, T.text, T.doubleN], args: [keys, undefined, keys, undefined, keys] },
    { types: [T.text, T.numericN, T.text, T.bigintN, T.text, T.realN], args: [keys, undefined, keys, undefined, keys] },
    { types: [T.text, T.char5N, T.text, T.booleanN, T.text, T.null], args: [keys, undefined, keys, undefined, keys] },
    { types: [T.text, T.textArrayN], args: [keys] },
  ],
});
