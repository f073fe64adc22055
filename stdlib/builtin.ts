import type { Type } from "../core/types.js";

/**
 * A built-in function of the expression language: its typed signature, its SQL lowering and
 * its JavaScript implementation. The two implementations must agree on every input; a property
 * test per function checks that against the real PostgreSQL server.
 *
 * The JavaScript value model (shared by every JS implementation, the emitted plans and `kmig test`):
 * - SQL NULL and a missing JSON key are `undefined`; JSON `null` is `null`.
 * - text, varchar, char, uuid, inet, cidr, date, time, timestamp, timestamptz, interval: strings in
 *   PostgreSQL's text output (timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]`, timestamptz with `+00`,
 *   the session running in UTC).
 * - smallint, integer, real, double precision: numbers; bigint and numeric: strings (exact).
 * - boolean: booleans. json/jsonb: plain JS JSON values. Arrays: JS arrays.
 */
export interface Builtin {
  readonly name: string;
  /** One line: what it does. */
  readonly doc: string;
  /** A call as a user writes it, e.g. `lower(email)`. */
  readonly example: string;
  /** Checks the argument types; gives the result type or says which argument is wrong and why. */
  signature(args: readonly Type[]): SignatureResult;
  /** SQL for a call whose arguments are already lowered to SQL (`args`) with types `types`. */
  sql(args: readonly string[], types: readonly Type[]): string;
  /** The JavaScript implementation over the value model above. */
  js(args: readonly unknown[], types: readonly Type[]): unknown;
  /** Whether the same arguments give the same result: see `Volatility`. Only immutable ones are compared by value. */
  readonly volatility: Volatility;
  /** Written without parentheses, as SQL writes it (`current_date`); a call with `()` is accepted too. */
  readonly bare?: boolean;
  /**
   * For a function of no arguments whose value is the time or chance of the call: its SQL in a column
   * default, where PostgreSQL evaluates it on each insert (`CURRENT_DATE`, not the run's date).
   */
  readonly defaultSql?: string;
}

/**
 * How a function's result depends on more than its arguments, in PostgreSQL's terms:
 * - `immutable`: the arguments alone decide it (`lower`, `to_json`).
 * - `stable`: one value for a whole run (`now()`, `current_date`): the runtime pins the run's time
 *   (`kmig.run_at`, `KMIG_RUN_AT`), so SQL and JavaScript agree on it.
 * - `volatile`: a new value on every call, so on every row (`random()`, `gen_random_uuid()`):
 *   SQL and JavaScript can only agree on its shape and type.
 */
export type Volatility = "immutable" | "stable" | "volatile";

export type SignatureResult =
  | { readonly ok: true; readonly type: Type }
  | { readonly ok: false; readonly message: string; readonly help?: string; readonly argIndex?: number };
