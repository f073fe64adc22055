import { refusedDistributionColumnChange } from "./citus-rules.js";
import type * as A from "../../grammar/ast.js";
import { externalDependents } from "./external.js";
import type { Reversibility } from "../../core/plan.js";
import { withoutSubqueries } from "../../stdlib/support/sql.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { lowerSql } from "../expr/lower-sql.js";
import { INTEGERS, showType, sqlType, withNullable, type Type } from "../../core/types.js";
import { getColumn, primaryKey, putSequence, putTable, replaceColumn, type ColumnState, type TableState } from "../model/schema.js";
import { alteredSequence, isSequenceType } from "../model/sequence.js";
import { columnsRead, type IrExpr } from "../ir/expr.js";
import { ident, identList, KMIG_SCHEMA, literal, qualified } from "../sql/quote.js";
import { addSqlStep, newStashName, report, type MigrationContext } from "../migration/context.js";
import { columnTypes, rowScope } from "../migration/scopes.js";
import { current, typeChangeKind } from "./column-actions.js";
import { checkPredicatesSurvive } from "./predicate-type-change.js";

/** What a type change runs, and how it is undone. */
interface TypeChangePlan {
  readonly up: string[];
  readonly down: string[] | null;
  readonly reversibility: Reversibility;
}

/**
 * `alter c type T [using e]`. `e` reads the row as it was before the migration, like a mapping
 * (`physical` says what each old column is called now). A widening change without `using` is undone
 * by casting back; otherwise a stash keyed by primary key keeps the originals: only the rows whose
 * value does not survive the cast back when that cast cannot fail, else every row, put back through a
 * column of the old type (a cast such as 'free'::integer would stop the rollback).
 */
export function alterTypeStep(cx: MigrationContext, table: string, column: string, written: Type, using: A.Expr | null, inverse: A.StepInverse | null, span: A.Span, physical: ReadonlyMap<string, string>, oldColumns: ReadonlyMap<string, Type>): void {
  const t = current(cx, table);
  const col = getColumn(t, column) as ColumnState;
  if (refusedDistributionColumnChange(cx, t, column, "retyped", span)) return;
  const to = { ...written, nullable: col.type.kind !== "null" && col.type.kind !== "error" ? col.type.nullable : true } as Type;
  const kind = typeChangeKind(col.type, to);
  if (kind === "needs-using" && !using) {
    report(cx, "K3008", span, `changing \`${table}.${column}\` from ${showType(col.type)} to ${showType(to)} needs a conversion`, { help: `say how, with an expression over the old row: \`alter ${column} type ${showType({ ...to, nullable: false } as Type)} using ${conversionHint(to, column)}\`` });
    return;
  }
  const relabel = enumDefaultMove(col, to);
  if (!relabel && !defaultFits(cx, table, col, to, span)) return;
  if (!checkPredicatesSurvive(cx, t, column, col.type, to, span)) return;
  if (!autoColumnAllows(cx, t, col, to, span)) return;
  if (externalDependents(cx, span, table, column, "changed in type")) return;
  // Into a shorter text type the cast cuts longer values (kept in the stash): say so where it is written.
  if (!using && lengthLimited(to) && col.type.kind === "scalar" && to.kind === "scalar" && typeChangeKind(col.type, to) === "narrowing" && (col.type.args[0] === undefined || col.type.args[0] > (to.args[0] as number))) {
    report(cx, "K3010", span, `a ${showType(col.type)} value of \`${table}.${column}\` may be longer than ${showType(to)} allows`, { help: "apply cuts longer values to the new length (the stash keeps them for rollback); `kmig plan` counts and names those rows: shorten them first, or say how with `using`", label: "may be cut" });
  }
  let usingSql = `${ident(column)}::${sqlType(to)}`;
  if (using) {
    const ir = checkFits(checkExpr(using, rowScope(cx, table, oldColumns)), { what: `column \`${table}.${column}\` (as ${showType(to)})`, type: to, types: cx.schema.types }, cx.file, cx.diags, using.span);
    if (ir.type.kind === "error") return;
    // PostgreSQL allows no subquery in ALTER … TYPE … USING.
    usingSql = withoutSubqueries(() => lowerSql(ir, { column: (c) => ident(physical.get(c) ?? c), maps: cx.maps }));
  }
  const plan = inverse?.kind === "IrreversibleClause"
    ? { up: [alterSql(table, column, to, usingSql)], down: null, reversibility: { kind: "irreversible", why: `declared irreversible: ${inverse.reason.value}` } as Reversibility }
    : inverse?.kind === "ReverseClause"
      ? declaredReverse(cx, t, col, to, usingSql, inverse)
      : kind === "widening" && !using
      ? { up: [alterSql(table, column, to, usingSql)], down: [alterSql(table, column, col.type, `${ident(column)}::${sqlType(col.type)}`)], reversibility: { kind: "reversible", why: `widening ${showType(col.type)} → ${showType(to)}: casting back is exact` } as Reversibility }
      : stashedChange(cx, t, col, to, usingSql, span);
  const step = relabel ? { ...plan, up: relabel.around(table, column, plan.up, relabel.to), down: plan.down && relabel.around(table, column, plan.down, relabel.from) } : plan;
  addSqlStep(cx, span, { change: { op: "alter-type", table, column, from: sqlType(col.type), to: sqlType(to), using: usingSql, written: using ? usingSql : null }, summary: `change type of ${table}.${column} from ${showType(col.type)} to ${showType(to)}`, table, ...step });
  cx.schema = putTable(cx.schema, replaceColumn(t, column, { ...col, type: to, default: relabel && col.default ? { ...col.default, sql: relabel.to, ir: { ...col.default.ir, type: withNullable(to, false) } as IrExpr } : col.default }));
  // An identity's sequence takes the column's new type (and a bound that was the old type's limit follows it).
  const seq = col.identity ? cx.schema.sequences.get(col.identity.sequence) : undefined;
  if (seq && to.kind === "scalar" && isSequenceType(to.name)) cx.schema = putSequence(cx.schema, alteredSequence(seq, to.name, {}));
}

/**
 * `alter c type T using e reverse r`: rollback converts back with `r`, an expression over the row
 * as the change leaves it (`c` of the new type), instead of keeping every original in a stash.
 * Declared, so lossy: kmig does not check that `r` gives the originals back.
 */
function declaredReverse(cx: MigrationContext, t: TableState, col: ColumnState, to: Type, usingSql: string, inverse: A.ReverseClause): { up: string[]; down: string[]; reversibility: Reversibility } {
  const after = replaceColumn(t, col.name, { ...col, type: to });
  const ir = checkFits(checkExpr(inverse.expr, rowScope(cx, t.name, columnTypes(after))), { what: `the reverse of the type change of \`${t.name}.${col.name}\` (as ${showType(col.type)})`, type: col.type }, cx.file, cx.diags, inverse.expr.span);
  const back = withoutSubqueries(() => lowerSql(ir, { column: (c) => ident(c), maps: cx.maps }));
  return {
    up: [alterSql(t.name, col.name, to, usingSql)],
    down: [alterSql(t.name, col.name, col.type, back)],
    reversibility: { kind: "lossy", why: `\`${col.name}\` is converted back by the declared reverse (not checked to be exact)` },
  };
}

/**
 * PostgreSQL refuses to change the type of a column a generated column reads, and an identity
 * column stays smallint, integer or bigint. Reported; false.
 */
function autoColumnAllows(cx: MigrationContext, t: TableState, col: ColumnState, to: Type, span: A.Span): boolean {
  const readers = t.columns.filter((c) => c.generated && columnsRead(c.generated.expr).has(col.name)).map((c) => c.name);
  if (readers.length > 0) {
    report(cx, "K3040", span, `the type of \`${t.name}.${col.name}\` cannot change: the generated column${readers.length === 1 ? "" : "s"} ${readers.join(", ")} read${readers.length === 1 ? "s" : ""} it`, { help: "drop the generated column first and add it again after the change" });
    return false;
  }
  if (col.identity && !(to.kind === "scalar" && isSequenceType(to.name))) {
    report(cx, "K3040", span, `\`${t.name}.${col.name}\` is an identity column: its type is smallint, integer or bigint`, { help: "keep an integer type" });
    return false;
  }
  return true;
}

/** A plausible `using` for a message: the stdlib conversion to the new type, if there is one. */
function conversionHint(to: Type, column: string): string {
  if (to.kind === "json") return `to_json(${column})`;
  if (to.kind !== "scalar") return "…";
  const fn = ["smallint", "integer", "bigint"].includes(to.name) ? "to_int" : ["numeric", "real", "double precision"].includes(to.name) ? "to_number" : to.name === "boolean" ? "to_bool" : ["text", "varchar", "char"].includes(to.name) ? "to_text" : null;
  return fn ? `${fn}(${column})` : "…";
}

function alterSql(table: string, column: string, type: Type, using: string): string {
  return `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} TYPE ${sqlType(type)} USING ${using}`;
}

/** A type change that may alter values: the originals go to a stash and come back on rollback. */
function stashedChange(cx: MigrationContext, t: TableState, col: ColumnState, to: Type, usingSql: string, span: A.Span): TypeChangePlan {
  const table = t.name;
  const column = col.name;
  const pk = primaryKey(t);
  const up = [alterSql(table, column, to, usingSql)];
  // Casting back cannot fail exactly when it is itself a widening (bigint → integer can overflow, text → integer can reject).
  const castBackSafe = ["same", "widening"].includes(typeChangeKind(to, col.type));
  const why = castBackSafe
    ? `${showType(col.type)} → ${showType(to)} may change values; the rows whose value does not survive the cast back are kept in the stash`
    : `${showType(col.type)} → ${showType(to)} cannot be cast back safely; every original is kept in the stash`;
  if (!pk) {
    report(cx, "K4006", span, `table \`${table}\` has no primary key, so values this type change alters cannot be kept for rollback`, { help: "add a primary key first, or mark it `irreversible 'why'`" });
    return { up, down: null, reversibility: { kind: "stash", why } };
  }
  const s = qualified(KMIG_SCHEMA, newStashName(cx, table, `${column}_type`));
  const keyCols = pk.map((k) => `${ident(k)} ${sqlType((getColumn(t, k) as ColumnState).type)} NOT NULL`).join(", ");
  const keep = castBackSafe ? `((${usingSql})::${sqlType(col.type)}) IS DISTINCT FROM ${ident(column)}` : `${ident(column)} IS NOT NULL`;
  const join = pk.map((k) => `${ident(table)}.${ident(k)} = s.${ident(k)}`).join(" AND ");
  const stashUp = [
    `CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`,
    `CREATE TABLE ${s} (${keyCols}, ${ident(column)} ${sqlType(col.type)}, PRIMARY KEY (${identList(pk)}))`,
    `INSERT INTO ${s} SELECT ${identList(pk)}, ${ident(column)} FROM ${ident(table)} WHERE ${keep}`,
  ];
  if (castBackSafe) {
    const down = [alterSql(table, column, col.type, `${ident(column)}::${sqlType(col.type)}`), `UPDATE ${ident(table)} SET ${ident(column)} = s.${ident(column)} FROM ${s} AS s WHERE ${join}`, `DROP TABLE ${s}`];
    return { up: [...stashUp, ...up], down, reversibility: { kind: "stash", why } };
  }
  const restore = freeColumnName(t, "kmig_restore");
  const down = [
    `ALTER TABLE ${ident(table)} ADD COLUMN ${ident(restore)} ${sqlType(col.type)}`,
    `UPDATE ${ident(table)} SET ${ident(restore)} = s.${ident(column)} FROM ${s} AS s WHERE ${join}`,
    alterSql(table, column, col.type, ident(restore)),
    `ALTER TABLE ${ident(table)} DROP COLUMN ${ident(restore)}`,
    `DROP TABLE ${s}`,
  ];
  return { up: [...stashUp, ...up], down, reversibility: { kind: "stash", why } };
}

function freeColumnName(t: TableState, base: string): string {
  let name = base;
  for (let i = 1; getColumn(t, name); i++) name = `${base}${i}`;
  return name;
}

/**
 * PostgreSQL converts a column's default along with the column, and stops when it cannot: a default
 * that does not fit the new type must be dropped (or replaced) before the change. Reported; false.
 */
function defaultFits(cx: MigrationContext, table: string, col: ColumnState, to: Type, span: A.Span): boolean {
  if (!col.default) return true;
  // A sequence's numbers go into any integer column (PostgreSQL's assignment cast); they stop only past its range.
  if (col.default.sequence !== null && to.kind === "scalar" && (INTEGERS.has(to.name) || to.name === "numeric")) return true;
  const problems: Diagnostic[] = [];
  checkFits(col.default.ir, { what: "the default", type: { ...to, nullable: true } as Type, types: cx.schema.types }, cx.file, problems);
  if (!problems.some((d) => d.severity === "error")) return true;
  report(cx, "K3001", span, `the default of \`${table}.${col.name}\` (${col.default.sql}) does not fit ${showType({ ...to, nullable: false } as Type)}`, {
    help: `drop it first, on a line before this one: \`alter ${col.name} drop default\` (and \`alter ${col.name} set default …\` after it)`,
  });
  return false;
}

/** varchar(n), char(n), bit(n), varbit(n): a cast to it cuts longer values. */
function lengthLimited(t: Type): boolean {
  return t.kind === "scalar" && ["varchar", "char", "bpchar", "bit", "varbit"].includes(t.name) && t.args[0] !== undefined;
}

/**
 * A constant default of a column changing between an enum type and text: PostgreSQL would convert
 * it by a cast around the old one (`('new'::order_state)::text`), which the way back cannot undo.
 * The default is dropped around the change and set again as the new type spells it, both ways.
 */
function enumDefaultMove(col: ColumnState, to: Type): { from: string; to: string; around: (table: string, column: string, sql: readonly string[], dflt: string) => string[] } | null {
  const d = col.default;
  if (!d || d.ir.kind !== "literal" || typeof d.ir.value !== "string" || (col.type.kind !== "enum" && to.kind !== "enum")) return null;
  const spelled = to.kind === "enum" ? `${literal(d.ir.value)}::${/^[a-z_][a-z0-9_]*$/.test(to.name) ? to.name : sqlType(to)}` : `${literal(d.ir.value)}::${to.kind === "scalar" && to.name === "varchar" ? "character varying" : sqlType({ ...to, nullable: false } as Type)}`;
  const around = (table: string, column: string, sql: readonly string[], dflt: string) => [`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} DROP DEFAULT`, ...sql, `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} SET DEFAULT ${dflt}`];
  return { from: d.sql, to: spelled, around };
}
