import type * as A from "../../grammar/ast.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { columnsRead, type IrExpr } from "../ir/expr.js";
import { sqlType, withNullable, type Type } from "../../core/types.js";
import { checkName as checkConstraintName, foreignKeyName, primaryKeyName, uniqueName } from "../model/naming.js";
import type { ColumnDefault, ColumnState, ConstraintState } from "../model/schema.js";
import { typeOfRef } from "../model/type-ref.js";
import { ident, literal } from "../sql/quote.js";
import { report, type MigrationContext } from "../migration/context.js";
import { defaultScope, rowScope } from "../migration/scopes.js";
import { resolveForeignKey } from "./foreign-key.js";
import { checkPredicateCalls, predicateSql } from "./predicate.js";

/** A checked column definition, with the constraints its column-level marks declare. */
export interface CheckedColumn {
  readonly column: ColumnState;
  readonly constraints: readonly { readonly state: ConstraintState; readonly span: A.Span }[];
}

/**
 * Checks `name type [default …] [primary key] …` for table `table` whose columns so far are
 * `siblings()` — asked only by a `check`, so that a table of thousands of columns is not copied per column.
 */
export function checkColumnDef(cx: MigrationContext, table: string, def: A.ColumnDef, siblings: () => ReadonlyMap<string, Type>): CheckedColumn {
  const isPk = def.constraints.some((c) => c.kind === "PrimaryKeyMark");
  let type = typeOfRef(def.type);
  if (isPk && def.type.nullable) {
    report(cx, "K3004", def.type.span, `primary key column \`${def.name.name}\` cannot be nullable`, { help: "remove the `?`" });
    type = withNullable(type, false);
  }
  const column: ColumnState = { name: def.name.name, type, default: def.default ? checkDefault(cx, def.default, `the default of \`${table}.${def.name.name}\``, type) : null, comment: def.comment?.value ?? null, origin: def.span };
  const constraints: { state: ConstraintState; span: A.Span }[] = [];
  for (const mark of def.constraints) {
    switch (mark.kind) {
      case "PrimaryKeyMark":
        constraints.push({ state: { kind: "primaryKey", name: primaryKeyName(table), columns: [column.name] }, span: mark.span });
        break;
      case "UniqueMark":
        constraints.push({ state: { kind: "unique", name: uniqueName(table, [column.name]), columns: [column.name] }, span: mark.span });
        break;
      case "CheckMark": {
        // Named and dropped by the columns it reads, as PostgreSQL does, not by the column it is written on.
        const check = checkSql(cx, table, new Map(siblings()).set(column.name, type), mark.expr);
        constraints.push({ state: { kind: "check", name: checkConstraintName(table, check.columns), ...check }, span: mark.span });
        break;
      }
      case "ReferencesMark": {
        const fk = resolveForeignKey(cx, table, [{ name: column.name, type, span: def.name.span }], mark.table, mark.column ? [mark.column] : null, mark.span);
        if (fk) constraints.push({ state: { kind: "foreignKey", name: foreignKeyName(table, [column.name]), columns: [column.name], refTable: mark.table.name, refColumns: fk, onDelete: mark.onDelete, onUpdate: mark.onUpdate }, span: mark.span });
        break;
      }
    }
  }
  return { column, constraints };
}

/** A default must be constant (or now() / gen_random_uuid()) and fit its column. */
export function checkDefault(cx: MigrationContext, e: A.Expr, what: string, type: Type): ColumnDefault | null {
  const ir = checkFits(checkExpr(e, defaultScope(cx)), { what, type }, cx.file, cx.diags, e.span);
  if (ir.type.kind === "error") return null;
  const sql = defaultSql(ir, type);
  if (sql === null) {
    report(cx, "K3001", e.span, `${what} must be a constant, \`now()\` or \`gen_random_uuid()\``, { help: "compute per-row values with a mapping: `add col type := expression`" });
    return null;
  }
  return { sql, ir };
}

/** SQL of a constant default; null when the expression is not constant. */
function defaultSql(ir: IrExpr, type: Type): string | null {
  if (ir.kind === "call" && ir.args.length === 0 && (ir.fn === "now" || ir.fn === "gen_random_uuid")) return `${ir.fn}()`;
  const value = constantJson(ir);
  if (value === undefined) return null;
  if (type.kind === "json") return `${literal(JSON.stringify(value))}::${type.storage}`;
  if (value === null) return "NULL";
  if (typeof value === "string") return `${literal(value)}::${defaultCastType(type)}`;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return ir.kind === "literal" && ir.text ? ir.text : String(value);
  return null;
}

/**
 * The type a text default is cast to: the column's type without its modifier, as PostgreSQL records
 * `DEFAULT 'user'` on a varchar(50) column (`'user'::character varying`); the column applies the
 * modifier on insert. (`char` alone would mean char(1), hence `bpchar`.)
 */
function defaultCastType(type: Type): string {
  if (type.kind !== "scalar") return sqlType(type);
  return type.name === "char" ? "bpchar" : type.name === "varchar" ? "character varying" : type.name;
}

/** The value of a constant expression as JSON (literals, `-n`, object/array literals), else undefined. */
export function constantJson(ir: IrExpr): unknown {
  switch (ir.kind) {
    case "literal":
      return ir.value;
    case "negate": {
      const v = constantJson(ir.arg);
      return typeof v === "number" ? -v : undefined;
    }
    case "toJson":
      return constantJson(ir.arg);
    case "object": {
      const out: Record<string, unknown> = {};
      for (const p of ir.parts) {
        if (p.kind !== "entry" || p.optional || p.guard) return undefined;
        const v = constantJson(p.value);
        if (v === undefined) return undefined;
        out[p.key] = v;
      }
      return out;
    }
    case "array": {
      const out: unknown[] = [];
      for (const p of ir.parts) {
        if (p.kind !== "item" || p.guard) return undefined;
        const v = constantJson(p.value);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** A CHECK expression over the table's columns: its SQL, its typed expression and the columns it reads. */
export function checkSql(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, e: A.Expr): { sql: string; expr: IrExpr | null; columns: string[] } {
  const ir = checkExpr(e, rowScope(cx, table, columns));
  const allowed = ir.type.kind === "error" || checkPredicateCalls(ir, "a check", (span, message, help) => report(cx, "K3013", span, message, { help }));
  if (ir.type.kind === "error" || !allowed) return { sql: "true", expr: null, columns: [] };
  return { sql: predicateSql(ir, cx.maps), expr: ir, columns: [...columnsRead(ir)] };
}

/** The column's SQL in CREATE TABLE / ADD COLUMN: `"name" type [NOT NULL] [DEFAULT …]`. */
export function columnSql(c: ColumnState, withDefault = true): string {
  const notNull = c.type.kind !== "null" && c.type.kind !== "error" && !c.type.nullable ? " NOT NULL" : "";
  const def = withDefault && c.default ? ` DEFAULT ${c.default.sql}` : "";
  return `${ident(c.name)} ${sqlType(c.type)}${notNull}${def}`;
}
