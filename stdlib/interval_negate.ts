import { scalar } from "../core/types.js";
import { intervalOf, intervalText, negateInterval } from "./support/datetime.js";
import { checkArity } from "./support/signature.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { noOperator, nullOperand, operandKind, timeResult } from "./support/time-kinds.js";

/** `-x` of an interval: every field negated (`-(1 mon -2 days)` is `-1 mons +2 days`). Called by the checker for unary minus on an interval. */
export const interval_negate: StdlibBuiltin = {
  name: "unary -",
  doc: "The interval with its months, days and time each negated.",
  usage: "unary -(interval) → interval",
  example: "unary -(interval '1 mon -2 days')",
  exampleCall: { args: [{ type: scalar("interval"), value: "1 mon -2 days" }], result: "-1 mons +2 days" },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("-", args, 1, "-x");
    if (arity) return arity;
    const k = operandKind(args[0]);
    if (k === "wildcard") return nullOperand("-", args);
    if (k === "interval") return timeResult("interval", args);
    return noOperator("-", args, "of dates and times only an interval has a negative: `-interval '1 day'`; move a date back with `d - 3`");
  },
  sql: ([x]) => `(- (${x})::interval)`,
  js: ([x]) => (x === undefined ? undefined : intervalText(negateInterval(intervalOf(x as string)))),
};
