import { lookupBuiltin } from "../../stdlib/index.js";
import { children, type IrExpr } from "../ir/expr.js";

/**
 * Whether an expression may give another value each time it is evaluated on the same row: it calls
 * a built-in that is not deterministic (`now()`, `current_date`, `random()`, `gen_random_uuid()`).
 */
export function isVolatile(e: IrExpr): boolean {
  if (e.kind === "now") return true;
  if (e.kind === "call" && lookupBuiltin(e.fn)?.deterministic === false) return true;
  return children(e).some(isVolatile);
}

/**
 * Whether an expression may give another value on each evaluation *within one run*: it calls
 * `gen_random_uuid()` or `random()`. The run-time built-ins (`now()`, `current_date`, …) are not:
 * mappings read them from the run's recorded start time, the same when rollback checks its rows.
 */
export function variesPerCall(e: IrExpr): boolean {
  if (e.kind === "call") {
    const b = lookupBuiltin(e.fn);
    if (b?.deterministic === false && !readsRunTime(b.sql)) return true;
  }
  return children(e).some(variesPerCall);
}

function readsRunTime(sql: unknown): boolean {
  try {
    return typeof sql === "function" && String((sql as (...a: unknown[]) => unknown)([], [])).includes("kmig.run_at");
  } catch {
    return false;
  }
}
