import { lookupBuiltin, type Volatility } from "../../stdlib/index.js";
import { children, type IrExpr } from "../ir/expr.js";

export type { Volatility } from "../../stdlib/index.js";

const RANK: Readonly<Record<Volatility, number>> = { immutable: 0, stable: 1, volatile: 2 };

/** The less predictable of two volatilities. */
export function worseVolatility(a: Volatility, b: Volatility): Volatility {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * How an expression's value depends on more than its row (see `Volatility`): the worst of the
 * built-ins it calls (the stdlib's table: `now()` and the `current_*` values are stable, `random()`
 * and `gen_random_uuid()` volatile), propagated through every operator, map and `def` (already
 * expanded in the IR). Status maps, literals, columns and operators are immutable.
 */
export function volatilityOf(e: IrExpr): Volatility {
  let own: Volatility = "immutable";
  if (e.kind === "now") own = "stable";
  else if (e.kind === "call") own = lookupBuiltin(e.fn)?.volatility ?? "immutable";
  if (own === "volatile") return own;
  return children(e).reduce<Volatility>((worst, c) => (worst === "volatile" ? worst : worseVolatility(worst, volatilityOf(c))), own);
}

/**
 * Whether an expression may give another value each time it is evaluated on the same row, as a
 * column default is (on each insert): it is not immutable (`now()`, `current_date`, `random()`,
 * `gen_random_uuid()`).
 */
export function isVolatile(e: IrExpr): boolean {
  return volatilityOf(e) !== "immutable";
}

/**
 * Whether an expression may give another value on each evaluation *within one run*: it is volatile
 * (calls `gen_random_uuid()` or `random()`). The stable built-ins (`now()`, `current_date`, …) are
 * not: mappings read them from the run's recorded start time, the same when rollback checks its rows.
 */
export function variesPerCall(e: IrExpr): boolean {
  return volatilityOf(e) === "volatile";
}
