import { JSONB } from "../core/types.js";
import { jsonArrayToJsonArray } from "./support/signature.js";
import { bindArgs, typed } from "./support/sql.js";
import { jsonText, type Json } from "./support/json-text.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/**
 * `distinct(array)`: the elements without repeats, each at its first occurrence. Elements are equal
 * as jsonb compares them (numbers by value, objects regardless of key order). A value that is not an
 * array (null included) is returned unchanged; missing stays missing.
 */
export const distinct: StdlibBuiltin = {
  name: "distinct",
  doc: "The array without repeated elements, first occurrences kept in order; non-arrays unchanged.",
  usage: "distinct(json) → json",
  example: "distinct(['b', 'a', 'b'])",
  exampleCall: { args: [{ type: JSONB, value: ["b", "a", "b"] }], result: ["b", "a"] },
  volatility: "immutable",
  signature: (args) => jsonArrayToJsonArray("distinct", args),
  // DISTINCT ON keeps the first row of each group of equal values in ORDER BY order, i.e. the first occurrence.
  sql: ([x]) =>
    bindArgs(
      [typed(x, JSONB)],
      ([v]) =>
        `CASE WHEN jsonb_typeof(${v}) = 'array' THEN (SELECT COALESCE(jsonb_agg(kmig_first.value ORDER BY kmig_first.i), '[]'::jsonb) ` +
        `FROM (SELECT DISTINCT ON (kmig_elem.value) kmig_elem.value, kmig_elem.i FROM jsonb_array_elements(${v}) WITH ORDINALITY AS kmig_elem(value, i) ` +
        `ORDER BY kmig_elem.value, kmig_elem.i) AS kmig_first) ELSE ${v} END`,
    ),
  js([x]) {
    if (!Array.isArray(x)) return x;
    // For values from JSON.parse, equal jsonb values are exactly those with equal jsonb text.
    const seen = new Set<string>();
    return (x as Json[]).filter((e) => {
      const key = jsonText(e);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
};
