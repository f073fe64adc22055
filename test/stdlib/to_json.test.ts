import { to_json } from "../../stdlib/to_json.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(to_json, {
  examples: [
    { types: [T.timestamp], args: ["2024-05-01 10:00:00"], result: "2024-05-01T10:00:00" },
    { types: [T.timestamp], args: ["2024-05-01 10:00:00.5"], result: "2024-05-01T10:00:00.5" },
    { types: [T.timestamptz], args: ["2024-05-01 10:00:00+00"], result: "2024-05-01T10:00:00+00:00" },
    { types: [T.timestamptz], args: ["0044-03-15 12:00:00+00 BC"], result: "0044-03-15T12:00:00+00:00 BC" },
    { types: [T.bigint], args: ["42"], result: 42 },
    { types: [T.numeric], args: ["1.50"], result: 1.5 },
    { types: [T.numeric], args: ["NaN"], result: "NaN" },
    { types: [T.double], args: [Infinity], result: "Infinity" },
    { types: [T.char5N], args: ["ab   "], result: "ab" },
    { types: [T.textN], args: [undefined], result: undefined }, // SQL NULL stays missing, not JSON null
    { types: [T.jsonN], args: [null], result: null },
    { types: [T.textArrayN], args: [["a", undefined]], result: ["a", null] },
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
    { types: [T.dateN] },
    { types: [T.timeN] },
    { types: [T.timestampN] },
    { types: [T.timestamptzN] },
    { types: [T.intervalN] },
    { types: [T.inetN] },
    { types: [T.byteaN] },
    { types: [T.textArrayN] },
    { types: [T.integerArrayN] },
    { types: [T.null] },
  ],
});
