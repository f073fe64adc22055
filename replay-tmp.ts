import { readFileSync } from "node:fs";
import { printSpec } from "./grammar/print/index.js";
import { insertComments } from "./test/format/support-insert.js";
const [ast, spots] = JSON.parse(readFileSync("/tmp/fmtdev/cex.json", "utf8"));
const text = printSpec(ast, "");
console.log(text);
console.log("-----");
console.log(insertComments(text, spots));
