import { JSONB } from "../core/types.js";
import { jsonArrayToJsonArray } from "./support/signature.js";
import { bindArgs, sqlString, typed } from "./support/sql.js";
import { JSON_KIND_RANK, compareJson, type Json } from "./support/json-text.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

const RANK_SQL = `CASE jsonb_typeof(kmig_elem.value) ${Object.entries(JSON_KIND_RANK)
  .map(([kind, rank]) => `WHEN '${kind}' THEN ${rank}`)
  .join(" ")} END`;

// The same order as compareJson: kind, then number value, then text by code point (strings by their
// content, arrays and objects by their jsonb text), then position, which makes the sort stable.
const ORDER_SQL = [
  RANK_SQL,
  `CASE WHEN jsonb_typeof(kmig_elem.value) = 'number' THEN (kmig_elem.value)::numeric END`,
  `(CASE WHEN jsonb_typeof(kmig_elem.value) = 'string' THEN kmig_elem.value #>> '{}' ELSE (kmig_elem.value)::text END) COLLATE "C"`,
  "kmig_elem.i",
].join(", ");

/**
 * `sort(array)`: the elements in ascending order, the same in SQL and JavaScript: null < booleans
 * (false < true) < numbers (by value) < strings (by Unicode code point) < arrays < objects (both by
 * their jsonb text); equal elements keep their order. Non-arrays unchanged; missing stays missing.
 */
export const sort: StdlibBuiltin = {
  name: "sort",
  doc: "The array in ascending order: null < booleans < numbers < strings (by code point) < arrays < objects; non-arrays unchanged.",
  usage: "sort(json) → json",
  example: "sort(['b', 'a', 'B', 10, 9])",
  exampleCall: { args: [{ type: JSONB, value: ["b", "a", "B", 10, 9] }], result: [9, 10, "B", "a", "b"] },
  volatility: "immutable",
  signature: (args) => jsonArrayToJsonArray("sort", args),
  sql: ([x]) =>
    bindArgs(
      [typed(x, JSONB)],
      ([v]) =>
        `CASE WHEN jsonb_typeof(${v}) = 'array' THEN (SELECT COALESCE(jsonb_agg(kmig_elem.value ORDER BY ${ORDER_SQL}), '[]'::jsonb) ` +
        `FROM jsonb_array_elements(${v}) WITH ORDINALITY AS kmig_elem(value, i)) ELSE ${v} END`,
    ),
  // Array.prototype.sort is stable, like the position tie-break in SQL.
  js: ([x]) => (Array.isArray(x) ? [...(x as Json[])].sort(compareJson) : x),
};
