import { trim } from "../../stdlib/trim.js";
import { stdlibSuite } from "./support/suite.js";
import { T } from "./support/types.js";

stdlibSuite(trim, {
  examples: [
    { types: [T.text], args: ["  running "], result: "running" },
    { types: [T.text], args: ["\t tab\n"], result: "\t tab\n" }, // spaces only, like btrim's default
    { types: [T.text], args: ["   "], result: "" },
    { types: [T.char5N], args: [" ab  "], result: "ab" },
  ],
  agreement: [{ types: [T.textN] }, { types: [T.char5N] }],
});
