import { upper } from "../../stdlib/upper.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(upper, {
  examples: [
    { types: [T.text], args: ["Straße ä"], result: "STRAßE ä" },
    { types: [T.varchar20N], args: ["mixed Case"], result: "MIXED CASE" },
    { types: [T.textN], args: [undefined], result: undefined },
  ],
  agreement: [{ types: [T.textN] }, { types: [T.varchar20N] }, { types: [T.char5N] }],
});
