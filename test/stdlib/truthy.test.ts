import { truthy } from "../../stdlib/truthy.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

const json = (v: unknown, result: boolean) => ({ types: [T.jsonN], args: [v], result });

stdlibSuite(truthy, {
  examples: [
    // The Keiko contract: Python truthiness of the JSON value.
    json(true, true),
    json(1, true),
    json(-0.5, true),
    json("false", true),
    json("0", true),
    json(" ", true),
    json([0], true),
    json({ a: null }, true),
    json(false, false),
    json(0, false),
    json(-0, false),
    json("", false),
    json([], false),
    json({}, false),
    json(null, false),
    json(undefined, false),
    { types: [T.textN], args: [""], result: false },
    { types: [T.textN], args: ["0"], result: true },
    { types: [T.char5N], args: ["     "], result: false },
    { types: [T.numericN], args: ["0.000"], result: false },
    { types: [T.numericN], args: ["NaN"], result: true },
    { types: [T.doubleN], args: [NaN], result: true },
    { types: [T.integerN], args: [undefined], result: false },
    { types: [T.uuidN], args: ["00000000-0000-0000-0000-000000000000"], result: true },
    { types: [T.integerArrayN], args: [[]], result: false },
    { types: [T.null], args: [undefined], result: false },
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
    { types: [T.timestampN] },
    { types: [T.dateN] },
    { types: [T.integerArrayN] },
    { types: [T.null] },
  ],
});
