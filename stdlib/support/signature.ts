import { JSONB, TEXT, isNullable, isText, showType, withNullable, type Type } from "../../core/types.js";
import type { SignatureResult } from "../builtin.js";

/** Helpers for signatures: the checks every built-in repeats and the wording of their messages. */

/** A type as messages name it: its spelling without the nullability mark (`jsonb`, `varchar(50)`). */
export function shown(t: Type): string {
  return showType(withNullable(t, false));
}

/** A successful check. */
export function ok(type: Type): SignatureResult {
  return { ok: true, type };
}

/** "`fn` takes <expected>, found <type>", pointing at argument `argIndex`. */
export function wrongType(fn: string, argIndex: number, expected: string, found: Type, help?: string): SignatureResult {
  return { ok: false, message: `\`${fn}\` takes ${expected}, found ${shown(found)}`, argIndex, ...(help ? { help } : {}) };
}

/** "`fn` takes <expected>, found M arguments", pointing at the first extra argument when there is one. */
export function wrongArity(fn: string, expected: string, found: number, usage: string, argIndex?: number): SignatureResult {
  const s = found === 1 ? "" : "s";
  const message = `\`${fn}\` takes ${expected}, found ${found} argument${s}`;
  return { ok: false, message, help: `call it as ${usage}`, ...(argIndex === undefined ? {} : { argIndex }) };
}

/** Checks a fixed argument count: the failure to return, or null when the count is right. */
export function checkArity(fn: string, args: readonly Type[], count: number, usage: string): SignatureResult | null {
  if (args.length === count) return null;
  const expected = count === 0 ? "no arguments" : count === 1 ? "1 argument" : `${count} arguments`;
  return wrongArity(fn, expected, args.length, usage, args.length > count ? count : undefined);
}

/** PostgreSQL passes at most 100 arguments to a function (FUNC_MAX_ARGS): variadic built-ins check it. */
export const MAX_SQL_ARGS = 100;

/** `null` and already-reported errors fit every parameter (the error was reported where it arose). */
export function isWildcard(t: Type): boolean {
  return t.kind === "null" || t.kind === "error";
}

/** True for a type a text parameter takes: text, varchar, char (or a wildcard). */
export const fitsText = (t: Type): boolean => isWildcard(t) || isText(t);
/** True for a type a JSON parameter takes: json or jsonb (or a wildcard). */
export const fitsJson = (t: Type): boolean => isWildcard(t) || t.kind === "json";

/** True when any argument may be missing: a function that passes missing through is then nullable. */
export function anyNullable(args: readonly Type[]): boolean {
  return args.some((t) => t.kind !== "error" && isNullable(t));
}

/** The signature of a function from one text argument to text, missing when the argument is. */
export function textToText(fn: string, args: readonly Type[]): SignatureResult {
  const arity = checkArity(fn, args, 1, `${fn}(text)`);
  if (arity) return arity;
  const [t] = args;
  if (!fitsText(t)) return wrongType(fn, 0, "text", t, `convert it first: ${fn}(to_text(x))`);
  return ok(withNullable(TEXT, anyNullable(args)));
}

/** The signature of `distinct` and `sort`: one JSON value (meant to be an array), missing when it is. */
export function jsonArrayToJsonArray(fn: string, args: readonly Type[]): SignatureResult {
  const arity = checkArity(fn, args, 1, `${fn}(array)`);
  if (arity) return arity;
  const [t] = args;
  if (!fitsJson(t)) return wrongType(fn, 0, "a JSON array", t, `convert it first: ${fn}(to_json(x))`);
  return ok(withNullable(JSONB, anyNullable(args)));
}
