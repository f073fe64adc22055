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
