import type { Type } from "../../core/types.js";
import type { Builtin } from "../builtin.js";

/** One argument of a documented example: its type and its value in the JavaScript value model. */
export interface ExampleArg {
  readonly type: Type;
  readonly value: unknown;
}

/**
 * A built-in of the standard library: a `Builtin` whose example is also data, so that the registry
 * test can run it on PostgreSQL and in JavaScript and the README can show its result.
 */
export interface StdlibBuiltin extends Builtin {
  /** The signature as the README shows it, e.g. `lower(text) → text`. */
  readonly usage: string;
  /** The arguments of `example` and its result (undefined for a function that is not immutable). */
  readonly exampleCall: { readonly args: readonly ExampleArg[]; readonly result: unknown };
}
