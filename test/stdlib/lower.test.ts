import { lower } from "../../stdlib/lower.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(lower, {
  examples: [
    { types: [T.text], args: ["Ada@Example.COM"], result: "ada@example.com" },
    { types: [T.text], args: ["ÄÖÜ İ ΑΣ"], result: "ÄÖÜ İ ΑΣ" }, // non-ASCII letters stay, on every server
    { types: [T.char5N], args: ["AB   "], result: "ab" },
    { types: [T.textN], args: [undefined], result: undefined },
  ],
  agreement: [{ types: [T.textN] }, { types: [T.varchar20N] }, { types: [T.char5N] }, { types: [T.null] }],
});
