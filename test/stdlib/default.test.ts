import { default_ } from "../../stdlib/default.js";
import { jsonArb } from "./support/arbitraries.js";
import fc from "fast-check";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

// JSON that is often null, so that the "JSON null reads as the default" path is exercised.
const oftenNull = fc.oneof(fc.constant(null), jsonArb);

stdlibSuite(default_, {
  examples: [
    { types: [T.varchar20N, T.text], args: [undefined, "generic"], result: "generic" },
    { types: [T.varchar20N, T.text], args: ["", "generic"], result: "" }, // only missing reads as the default
    { types: [T.jsonN, T.json], args: [null, {}], result: {} }, // JSON null too
    { types: [T.jsonN, T.json], args: [false, {}], result: false },
    { types: [T.jsonN, T.integer], args: [undefined, 300], result: 300 },
    { types: [T.jsonN, T.text], args: [null, "x"], result: "x" },
    { types: [T.integerN, T.bigint], args: [7, "1"], result: "7" }, // integers widen to bigint
    { types: [T.integerN, T.numericN], args: [undefined, "1.50"], result: "1.50" },
    { types: [T.jsonN, T.null], args: [null, undefined], result: undefined },
    { types: [T.timestampN, T.timestamp], args: [undefined, "2024-05-01 10:00:00"], result: "2024-05-01 10:00:00" },
    { types: [T.jsonN, T.timestamp], args: [undefined, "2024-05-01 10:00:00"], result: "2024-05-01T10:00:00" },
  ],
  agreement: [
    { types: [T.jsonN, T.json], args: [oftenNull] },
    { types: [T.jsonN, T.jsonN], args: [oftenNull, oftenNull] },
    { types: [T.jsonStoredN, T.json], args: [oftenNull] },
    { types: [T.jsonN, T.textN], args: [oftenNull] },
    { types: [T.textN, T.jsonN] },
    { types: [T.jsonN, T.timestamptz], args: [oftenNull] },
    { types: [T.jsonN, T.doubleN] },
    { types: [T.varchar20N, T.text] },
    { types: [T.char5N, T.textN] },
    { types: [T.smallintN, T.integer] },
    { types: [T.integerN, T.bigintN] },
    { types: [T.integerN, T.numeric] },
    { types: [T.numericN, T.smallint] },
    { types: [T.booleanN, T.boolean] },
    { types: [T.timestampN, T.timestamp] },
    { types: [T.doubleN, T.double] },
    { types: [T.null, T.integerN] },
    { types: [T.jsonN, T.null], args: [oftenNull] },
    { types: [T.textArrayN, T.textArrayN] },
  ],
});
