import { concat } from "../../stdlib/concat.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(concat, {
  examples: [
    { types: [T.text, T.textN], args: ["agent-", undefined], result: "agent-" }, // missing is skipped
    { types: [T.textN, T.textN], args: [undefined, undefined], result: "" },
    { types: [T.char5N, T.text], args: ["ab   ", "c"], result: "abc" }, // char loses its padding as text
    { types: [T.text, T.null, T.varchar20N], args: ["a", undefined, "b"], result: "ab" },
  ],
  agreement: [{ types: [T.textN] }, { types: [T.textN, T.textN] }, { types: [T.varchar20N, T.char5N, T.null, T.textN] }],
});
