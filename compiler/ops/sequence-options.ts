import type * as A from "../../grammar/ast.js";
import { report, type MigrationContext } from "../migration/context.js";
import type { WrittenOptions } from "../model/sequence.js";

/** Sequence options as written, with the `restart` of an `alter sequence` (null: `restart` alone). */
export interface ReadOptions {
  readonly written: WrittenOptions;
  readonly restart: bigint | null | undefined;
}

/**
 * Reads sequence options into values, reporting a fraction, an option given twice, and `restart`
 * where it has no meaning (K3041). `where` names the place for messages ("an identity", "create sequence").
 */
export function readSequenceOptions(cx: MigrationContext, options: readonly A.SequenceOption[], where: string, restartAllowed: boolean): ReadOptions {
  const w: { -readonly [K in keyof WrittenOptions]: WrittenOptions[K] } = {};
  let restart: bigint | null | undefined;
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.option)) report(cx, "K2022", o.span, `\`${o.option}\` is given twice`, { help: "keep one of them" });
    seen.add(o.option);
    const value = o.value ? wholeNumber(cx, o.value) : null;
    if (o.value && value === null) continue;
    switch (o.option) {
      case "start":
        w.start = value as bigint;
        break;
      case "increment":
        w.increment = value as bigint;
        break;
      case "minvalue":
        w.min = o.no ? null : value;
        break;
      case "maxvalue":
        w.max = o.no ? null : value;
        break;
      case "cache":
        w.cache = value as bigint;
        break;
      case "cycle":
        w.cycle = !o.no;
        break;
      case "restart":
        if (restartAllowed) restart = value;
        else report(cx, "K3041", o.span, `\`restart\` has no meaning in ${where}`, { help: "`restart` belongs to `alter sequence`; a new sequence starts at `start with`" });
        break;
    }
  }
  return { written: w, restart };
}

/** The number of an option as a bigint; a fraction or a number out of bigint's range is reported (null). */
function wholeNumber(cx: MigrationContext, n: A.NumberLit): bigint | null {
  if (/^-?\d+$/.test(n.text)) {
    const v = BigInt(n.text);
    if (v >= -(2n ** 63n) && v < 2n ** 63n) return v;
  }
  report(cx, "K3041", n.span, `a sequence option takes a whole number from -9223372036854775808 to 9223372036854775807, found ${n.text}`, { help: "sequences count in whole numbers" });
  return null;
}
