import fc from "fast-check";
import { json_get } from "../../stdlib/json_get.js";
import { jsonArrayArb, jsonKeyArb, jsonObjectArb } from "./support/arbitraries.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

const objectKeys = fc.constantFrom("a", "b", "c", "__proto__", "toString");
const indexes = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.integer());

stdlibSuite(json_get, {
  examples: [
    { types: [T.json, T.text], args: [{ tags: ["a"] }, "tags"], result: ["a"] },
    { types: [T.json, T.text], args: [{ a: null }, "a"], result: null }, // JSON null is a value
    { types: [T.json, T.text], args: [{ a: 1 }, "b"], result: undefined },
    { types: [T.json, T.text], args: [{}, "toString"], result: undefined }, // no inherited names
    { types: [T.json, T.text], args: [["x"], "0"], result: undefined }, // a text key never indexes an array
    { types: [T.json, T.integer], args: [["x", "y"], -1], result: "y" },
    { types: [T.json, T.integer], args: [["x"], 1], result: undefined },
    { types: [T.json, T.integer], args: [5, 0], result: undefined }, // not `->`'s scalar-as-array reading
    { types: [T.json, T.integer], args: [{ "0": 1 }, 0], result: undefined },
    { types: [T.jsonN, T.text], args: [undefined, "a"], result: undefined },
  ],
  agreement: [
    { types: [T.jsonN, T.textN], args: [jsonObjectArb, objectKeys] },
    { types: [T.jsonN, T.textN], args: [undefined, jsonKeyArb] },
    { types: [T.jsonStoredN, T.varchar20N], args: [jsonObjectArb, objectKeys] },
    { types: [T.jsonN, T.char5N] },
    { types: [T.jsonN, T.integerN], args: [jsonArrayArb, indexes] },
    { types: [T.jsonN, T.smallint], args: [undefined, fc.integer({ min: -3, max: 3 })] },
  ],
});
