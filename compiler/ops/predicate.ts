import { lowerSql } from "../expr/lower-sql.js";
import type { MapInfo } from "../expr/scope.js";
import { mapIr } from "../ir/build.js";
import { children, columnsRead, type IrExpr } from "../ir/expr.js";
import type { ConstraintState, IndexState } from "../model/schema.js";
import { ident } from "../sql/quote.js";
import { withoutSubqueries } from "../../stdlib/support/sql.js";

/**
 * Check constraints and partial-index predicates as the schema model keeps them: the typed
 * expression and its SQL. PostgreSQL follows a column rename inside them and drops them with a
 * column they read, so the model must know which columns they read and rewrite their SQL.
 */

/** The SQL of a predicate over the table's own columns: PostgreSQL's rules, and no subquery (it allows none there). */
export function predicateSql(ir: IrExpr, maps: ReadonlyMap<string, MapInfo>): string {
  return withoutSubqueries(() => lowerSql(ir, { column: (c) => ident(c), maps, sqlRules: true }));
}

/** The predicate with column `from` read as `to`. */
export function renameInPredicate(ir: IrExpr, from: string, to: string): IrExpr {
  return mapIr(ir, (x) => (x.kind === "column" && x.column === from ? { ...x, column: to } : x));
}

/** Every column a constraint depends on: PostgreSQL drops the constraint with any of them. */
export function constraintColumns(c: ConstraintState): string[] {
  if (c.kind === "check") return c.expr ? [...new Set([...c.columns, ...columnsRead(c.expr)])] : [...c.columns];
  if (c.kind === "foreignKey") return [...c.columns];
  const where = c.kind === "exclude" && c.where ? columnsRead(c.where) : [];
  return [...new Set([...c.columns, ...(c.include ?? []), ...where])];
}

/** Every column an index depends on: its key and `include` columns and those its `where` reads. */
export function indexColumns(i: IndexState): string[] {
  return [...new Set([...i.columns.map((c) => c.name), ...(i.include ?? []), ...(i.where ? columnsRead(i.where) : [])])];
}

/** The functions a check or index predicate may call: PostgreSQL evaluates them, and these are immutable there. */
const PREDICATE_FUNCTIONS = new Set(["lower", "upper", "trim", "length"]);

/**
 * What a check or an index `where` calls must be something PostgreSQL can evaluate on every write
 * (docs §6): not a status map, not `now()` or `gen_random_uuid()`, only lower, upper, trim and
 * length. The first offending call of `ir` is reported (K3013); true when there is none.
 */
export function checkPredicateCalls(ir: IrExpr, what: string, report: (span: IrExpr["span"], message: string, help: string) => void): boolean {
  const bad = firstBadCall(ir);
  if (!bad) return true;
  const name = bad.kind === "mapApply" ? `the map \`${bad.map}\`` : bad.kind === "call" ? `\`${bad.fn}()\`` : "`now()`";
  report(bad.span, `${what} cannot use ${name}: ${what === "a check" ? "checks run" : "index predicates run"} inside PostgreSQL, on every write`, "a check or index predicate may use columns, literals, operators and lower, upper, trim and length; compute other values into a column with a mapping and check that");
  return false;
}

function firstBadCall(e: IrExpr): IrExpr | null {
  if (e.kind === "mapApply" || e.kind === "now" || (e.kind === "call" && !PREDICATE_FUNCTIONS.has(e.fn))) return e;
  for (const c of children(e)) {
    const bad = firstBadCall(c);
    if (bad) return bad;
  }
  return null;
}
