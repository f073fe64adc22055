import fc from "fast-check";
import { has_key } from "../../stdlib/has_key.js";
import { jsonKeyArb, jsonObjectArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(has_key, {
  examples: [
    { types: [T.json, T.text], args: [{ tags: null }, "tags"], result: true },
    { types: [T.json, T.text], args: [{ a: 1 }, "b"], result: false },
    { types: [T.json, T.text], args: [["tags"], "tags"], result: false }, // unlike jsonb `?`
    { types: [T.json, T.text], args: ["tags", "tags"], result: false },
    { types: [T.json, T.text], args: [{}, "constructor"], result: false },
    { types: [T.jsonN, T.text], args: [undefined, "a"], result: false },
    { types: [T.json, T.textN], args: [{ a: 1 }, undefined], result: false },
  ],
  agreement: [
    { types: [T.jsonN, T.textN], args: [jsonObjectArb, fc.constantFrom("a", "b", "c", "__proto__", "hasOwnProperty")] },
    { types: [T.jsonN, T.textN], args: [undefined, jsonKeyArb] },
    { types: [T.jsonStoredN, T.char5N] },
  ],
});
