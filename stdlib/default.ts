import { ERROR, INTEGERS, JSONB, NUMERIC, TEXT, isNullable, isText, sameBase, withNullable, type Type } from "../core/types.js";
import { checkArity, ok, shown } from "./support/signature.js";
import { asJsonb, typed } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { convertValue } from "./support/values.js";
import type { SignatureResult } from "./builtin.js";

/**
 * `default(x, d)` (and `x ?? d`): d when x is missing, SQL NULL or JSON null, else x. Both sides are
 * converted to one type first: JSON if either is JSON, text for mixed text types, the wider integer,
 * numeric for an integer with a numeric. The result may be missing only if d may be.
 */
export const default_: StdlibBuiltin = {
  name: "default",
  doc: "d when x is missing, NULL or JSON null, else x (the `??` operator); missing only if d may be missing.",
  usage: "default(T, T) → T",
  example: "default(agent_type, 'generic')",
  exampleCall: {
    args: [
      { type: withNullable(TEXT, true), value: undefined },
      { type: TEXT, value: "generic" },
    ],
    result: "generic",
  },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("default", args, 2, "default(x, fallback) or x ?? fallback");
    if (arity) return arity;
    const [x, d] = args;
    const common = commonType(x, d);
    if (!common) return mismatch(x, d);
    return ok(withNullable(common, isNullable(d)));
  },
  sql([x, d], [xt, dt]) {
    const r = resultOf(xt, dt);
    if (r.kind === "json") {
      // JSON null counts as missing: NULLIF turns it into SQL NULL for COALESCE.
      const left = xt.kind === "json" ? `NULLIF(${asJsonb(x, xt)}, 'null'::jsonb)` : asJsonb(x, xt);
      return `COALESCE(${left}, ${asJsonb(d, dt)})`;
    }
    return `COALESCE(${typed(x, r)}, ${typed(d, r)})`;
  },
  js([x, d], [xt, dt]) {
    const r = resultOf(xt, dt);
    return x === undefined || x === null ? convertValue(d, dt, r) : convertValue(x, xt, r);
  },
};

function resultOf(x: Type, d: Type): Type {
  return commonType(x, d) ?? ERROR;
}

const INTEGER_WIDTH = { smallint: 1, integer: 2, bigint: 3 } as Record<string, number>;

/** The one type both sides convert to, or undefined when they do not fit together. */
function commonType(x: Type, d: Type): Type | undefined {
  if (x.kind === "error" || d.kind === "error") return ERROR;
  if (x.kind === "null") return d.kind === "null" ? TEXT : d;
  if (d.kind === "null") return x;
  if (x.kind === "json" || d.kind === "json") return JSONB;
  if (sameBase(x, d)) return x;
  if (x.kind !== "scalar" || d.kind !== "scalar") return undefined;
  if (isText(x) && isText(d)) return TEXT;
  if (INTEGERS.has(x.name) && INTEGERS.has(d.name)) return INTEGER_WIDTH[x.name] >= INTEGER_WIDTH[d.name] ? x : d;
  if (isExactNumber(x) && isExactNumber(d)) return NUMERIC;
  return undefined;
}

function isExactNumber(t: Type): boolean {
  return t.kind === "scalar" && (INTEGERS.has(t.name) || t.name === "numeric");
}

function mismatch(x: Type, d: Type): SignatureResult {
  return {
    ok: false,
    message: `\`default\` needs a fallback of the same kind as the value: found ${shown(x)} and ${shown(d)}`,
    help: "convert one side first, e.g. default(to_text(x), 'none') or default(to_json(x), {})",
    argIndex: 1,
  };
}
