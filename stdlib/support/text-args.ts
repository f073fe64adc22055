import { INTEGERS, TEXT, withNullable, type Type } from "../../core/types.js";
import type { SignatureResult } from "../builtin.js";
import { anyNullable, fitsText, isWildcard, ok, wrongArity, wrongType } from "./signature.js";

/**
 * Signatures of the text functions with a fixed list of text and integer parameters (`lpad`,
 * `substr`, `replace`, `split_part`): each argument checked against its kind, the result text,
 * missing when any argument may be. Integers are smallint or integer, as PostgreSQL's `int4`
 * parameters take them (a bigint has no implicit cast there).
 */
export type ArgKind = "text" | "integer";

const fitsInteger = (t: Type): boolean => isWildcard(t) || (t.kind === "scalar" && INTEGERS.has(t.name) && t.name !== "bigint");

export function textFunction(fn: string, args: readonly Type[], kinds: readonly ArgKind[], required: number, usage: string): SignatureResult {
  if (args.length < required || args.length > kinds.length) {
    const expected = required === kinds.length ? `${required} arguments` : `${required} or ${kinds.length} arguments`;
    return wrongArity(fn, expected, args.length, usage, args.length > kinds.length ? kinds.length : undefined);
  }
  for (let i = 0; i < args.length; i++) {
    if (kinds[i] === "text" && !fitsText(args[i])) return wrongType(fn, i, "text", args[i], `convert it first: to_text(x); call it as ${usage}`);
    if (kinds[i] === "integer" && !fitsInteger(args[i])) return wrongType(fn, i, "an integer", args[i], `call it as ${usage}; convert with to_int(x)`);
  }
  return ok(withNullable(TEXT, anyNullable(args)));
}

/** The code points of a text: PostgreSQL counts characters, not UTF-16 units. */
export const chars = (s: string): string[] => [...s];

/** `n` as SQL that is never below 0 (NULL stays NULL: GREATEST would make it 0). */
export function notNegativeSql(n: string): string {
  return `(CASE WHEN ${n} < 0 THEN 0 ELSE ${n} END)`;
}
