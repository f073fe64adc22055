import type { Type } from "./types.js";

/**
 * The helpers that JavaScript lowered from kmig expressions calls (`rt.…`): the contract between
 * emitted plan code and the runtime (runtime/js-runtime.ts implements it). Each mirrors what the
 * SQL lowering does on PostgreSQL, including three-valued logic: `undefined` is SQL NULL / missing.
 */
export interface Rt {
  call(fn: string, args: unknown[], types: Type[]): unknown;
  get(object: unknown, key: unknown): unknown;
  and(a: unknown, b: () => unknown): boolean | undefined;
  or(a: unknown, b: () => unknown): boolean | undefined;
  not(a: unknown): boolean | undefined;
  truthyCond(a: unknown): boolean;
  /** `types`: the operands' types when they are dates, times or intervals (compared by value, not text). */
  compare(op: string, a: unknown, b: unknown, json: boolean, types?: readonly Type[]): boolean | undefined;
  arith(op: string, a: unknown, b: unknown, type: Type): unknown;
  concat(a: unknown, b: unknown): unknown;
  inList(x: unknown, list: unknown[], negated: boolean, json: boolean, types?: readonly Type[]): boolean | undefined;
  isNull(x: unknown): boolean;
  object(parts: ({ spread: unknown } | { key: string; value: unknown; optional: boolean; guard?: unknown })[]): Record<string, unknown>;
  array(parts: ({ spread: unknown } | { value: unknown; guard?: unknown })[]): unknown[];
  fromJson(v: unknown, type: Type): unknown;
}
