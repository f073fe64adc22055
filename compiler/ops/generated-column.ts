import type * as A from "../../grammar/ast.js";
import type { Type } from "../../core/types.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { children, type IrExpr } from "../ir/expr.js";
import type { GeneratedColumn } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";
import { rowScope } from "../migration/scopes.js";
import { predicateSql } from "./predicate.js";

/**
 * `generated always as (e) stored`: PostgreSQL computes the column from its row on every write.
 * The expression is checked like a mapping (names, types, fit, NULL into NOT NULL) and like a check
 * (PostgreSQL evaluates it, with SQL's rules): it may only call immutable functions and may not read
 * another generated column — PostgreSQL's own rules, reported here rather than at apply.
 */
export function checkGenerated(cx: MigrationContext, table: string, column: string, type: Type, g: A.GeneratedSpec, columns: ReadonlyMap<string, Type>, generated: ReadonlySet<string>): GeneratedColumn | null {
  const own = new Map([...columns].filter(([name]) => name !== column));
  const ir = checkFits(checkExpr(g.expr, rowScope(cx, table, own)), { what: `the generated column \`${table}.${column}\``, type, types: cx.schema.types }, cx.file, cx.diags, g.expr.span);
  if (ir.type.kind === "error") return null;
  const bad = firstNotImmutable(ir, generated);
  if (bad) {
    report(cx, "K3042", bad.node.span, `the generated column \`${table}.${column}\` cannot use ${bad.what}`, { help: bad.help });
    return null;
  }
  return { sql: predicateSql(ir, cx.maps), expr: ir };
}

/** The functions PostgreSQL marks immutable among those kmig lowers to plain function calls. */
const IMMUTABLE_FUNCTIONS = new Set(["lower", "upper", "trim", "length"]);

const TIME_ZONE_HELP = "a timestamptz value depends on the session's time zone when mixed with other types; store the result with a mapping instead";

/** The first part of `e` PostgreSQL would refuse in a generation expression, with what to say. */
function firstNotImmutable(e: IrExpr, generated: ReadonlySet<string>): { node: IrExpr; what: string; help: string } | null {
  const here = notImmutable(e, generated);
  if (here) return here;
  for (const c of children(e)) {
    const bad = firstNotImmutable(c, generated);
    if (bad) return bad;
  }
  return null;
}

function notImmutable(e: IrExpr, generated: ReadonlySet<string>): { node: IrExpr; what: string; help: string } | null {
  switch (e.kind) {
    case "column":
      return generated.has(e.column) ? { node: e, what: `the generated column \`${e.column}\``, help: "PostgreSQL computes generated columns from the other columns only: repeat its expression here" } : null;
    case "now":
    case "call":
      if (e.kind === "call" && (IMMUTABLE_FUNCTIONS.has(e.fn) || (e.fn === "to_text" && immutableText(e.args[0].type)))) return null;
      return { node: e, what: `\`${e.kind === "now" ? "now" : e.fn}()\`${e.kind === "call" && e.fn === "to_text" ? " of this type (its text depends on settings)" : ""}: PostgreSQL only allows immutable functions there`, help: "generated columns may use columns, literals, operators, `??`, `when`, JSON access and lower, upper, trim, length, to_text of numbers and text; compute other values with a mapping" };
    case "object":
    case "array":
    case "toJson":
      return { node: e, what: "a JSON value built from the row: PostgreSQL's jsonb_build_object and to_jsonb are not immutable", help: "store the parts in columns, or build the JSON with a mapping" };
    case "mapApply":
      return { node: e, what: `the map \`${e.map}\``, help: "a status map belongs to one migration; compute the column with a mapping instead" };
    case "arith":
    case "compare":
      return mixesTimestamptz(e.left.type, e.right.type) ? { node: e, what: "this mix of timestamptz with another type", help: TIME_ZONE_HELP } : null;
    default:
      return null;
  }
}

/** Types whose text PostgreSQL writes the same under every setting (their output functions are immutable). */
function immutableText(t: Type): boolean {
  return t.kind === "json" || (t.kind === "scalar" && ["smallint", "integer", "bigint", "numeric", "real", "double precision", "boolean", "uuid", "text", "varchar", "char", "inet", "cidr"].includes(t.name));
}

function mixesTimestamptz(a: Type, b: Type): boolean {
  const tz = (t: Type) => t.kind === "scalar" && t.name === "timestamptz";
  const temporal = (t: Type) => t.kind === "scalar" && ["date", "timestamp", "timestamptz", "interval", "time"].includes(t.name);
  return (tz(a) || tz(b)) && !(tz(a) && tz(b)) && temporal(a) && temporal(b);
}
