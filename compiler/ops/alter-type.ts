import type * as A from "../../grammar/ast.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { lowerSql } from "../expr/lower-sql.js";
import { showType, sqlType, type Type } from "../ir/types.js";
import { getColumn, primaryKey, putTable, replaceColumn, type ColumnState } from "../model/schema.js";
import { ident, identList, KMIG_SCHEMA, qualified } from "../sql/quote.js";
import { addSqlStep, report, type MigrationContext } from "../migration/context.js";
import { columnTypes, rowScope } from "../migration/scopes.js";
import { stashTableName } from "../rollback/stash-name.js";
import { current, typeChangeKind } from "./column-actions.js";

/**
 * `alter c type T [using e]`. A widening change is undone by casting back; any other keeps, in a
 * stash, the rows whose value would not survive the round trip.
 */
export function alterTypeStep(cx: MigrationContext, table: string, column: string, written: Type, using: A.Expr | null, inverse: A.StepInverse | null, span: A.Span, _physical: Map<string, string>): void {
  const t = current(cx, table);
  const col = getColumn(t, column) as ColumnState;
  const to = { ...written, nullable: col.type.kind !== "null" && col.type.kind !== "error" ? col.type.nullable : true } as Type;
  const kind = typeChangeKind(col.type, to);
  if (kind === "needs-using" && !using) {
    report(cx, "K3008", span, `changing \`${table}.${column}\` from ${showType(col.type)} to ${showType(to)} needs a conversion`, { help: `say how: \`alter ${column} type ${showType(to)} using to_int(${column})\`` });
    return;
  }
  let usingSql = `${ident(column)}::${sqlType(to)}`;
  if (using) {
    const ir = checkFits(checkExpr(using, rowScope(cx, table, columnTypes(t))), { what: `column \`${table}.${column}\` (as ${showType(to)})`, type: to }, cx.file, cx.diags, using.span);
    if (ir.type.kind === "error") return;
    usingSql = lowerSql(ir, { column: (c) => ident(c), maps: cx.maps });
  }
  const alter = (ty: Type, expr: string) => `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} TYPE ${sqlType(ty)} USING ${expr}`;
  const back = `${ident(column)}::${sqlType(col.type)}`;
  const irreversible = inverse?.kind === "IrreversibleClause";
  const lossless = kind === "widening" && !using;
  let up = [alter(to, usingSql)];
  let down: string[] | null = irreversible ? null : [alter(col.type, back)];
  let why = lossless ? `widening ${showType(col.type)} → ${showType(to)}: casting back is exact` : "";
  if (!lossless && !irreversible) {
    const pk = primaryKey(t);
    if (!pk) {
      report(cx, "K4006", span, `table \`${table}\` has no primary key, so values this type change alters cannot be kept for rollback`, { help: "add a primary key first, or mark it `irreversible 'why'`" });
    } else {
      const s = qualified(KMIG_SCHEMA, stashTableName(cx.migrationId, table, `${column}_type`));
      const keyCols = pk.map((k) => `${ident(k)} ${sqlType((getColumn(t, k) as ColumnState).type)} NOT NULL`).join(", ");
      const pred = `((${usingSql})::${sqlType(col.type)}) IS DISTINCT FROM ${ident(column)}`;
      up = [
        `CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`,
        `CREATE TABLE ${s} (${keyCols}, ${ident(column)} ${sqlType(col.type)}, PRIMARY KEY (${identList(pk)}))`,
        `INSERT INTO ${s} SELECT ${identList(pk)}, ${ident(column)} FROM ${ident(table)} WHERE ${pred}`,
        ...up,
      ];
      const join = pk.map((k) => `${ident(table)}.${ident(k)} = s.${ident(k)}`).join(" AND ");
      down = [...(down ?? []), `UPDATE ${ident(table)} SET ${ident(column)} = s.${ident(column)} FROM ${s} AS s WHERE ${join}`, `DROP TABLE ${s}`];
      why = `${showType(col.type)} → ${showType(to)} may change values; the rows whose value does not survive the cast back are kept in the stash`;
    }
  }
  addSqlStep(cx, span, {
    op: "alter-type",
    summary: `change type of ${table}.${column} from ${showType(col.type)} to ${showType(to)}`,
    table,
    up,
    down,
    reversibility: irreversible ? { kind: "irreversible", why: `declared irreversible: ${(inverse as A.IrreversibleClause).reason.value}` } : lossless ? { kind: "reversible", why } : { kind: "stash", why },
  });
  cx.schema = putTable(cx.schema, replaceColumn(t, column, { ...col, type: to }));
}
