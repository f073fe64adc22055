import type * as A from "../../grammar/ast.js";
import { checkExpr } from "../expr/check-expr.js";
import { columnsRead, type IrExpr } from "../ir/expr.js";
import { sqlType, withNullable, type Type } from "../../core/types.js";
import { checkName as checkConstraintName, foreignKeyName, primaryKeyName, uniqueName } from "../model/naming.js";
import type { ColumnState, ConstraintState, GeneratedColumn, NameSet } from "../model/schema.js";
import type { SequenceState } from "../model/sequence.js";
import { checkDefault } from "./column-default.js";
import { autoIncrement, identitySql } from "./column-sequence.js";
import { checkGenerated } from "./generated-column.js";
import { typeOf } from "./named-type-ref.js";
import { ident } from "../sql/quote.js";
import { report, type MigrationContext } from "../migration/context.js";
import { rowScope } from "../migration/scopes.js";
import { resolveForeignKey } from "./foreign-key.js";
import { checkPredicateCalls, predicateSql } from "./predicate.js";

/** A checked column definition, with the constraints its column-level marks declare. */
export interface CheckedColumn {
  readonly column: ColumnState;
  readonly constraints: readonly { readonly state: ConstraintState; readonly span: A.Span }[];
  /** The sequence a serial or identity column brings: created with the column, dropped with it. */
  readonly sequence: SequenceState | null;
}

/** What a column definition is checked against: its table's columns, those that are generated, the relation names taken. */
export interface ColumnSiblings {
  /** Asked only by a `check` or a generated column, so that a table of thousands of columns is not copied per column. */
  readonly types: () => ReadonlyMap<string, Type>;
  readonly generated: () => ReadonlySet<string>;
  readonly taken: NameSet;
}

/** Checks `name type [default …] [primary key] …` for table `table`. */
export function checkColumnDef(cx: MigrationContext, table: string, def: A.ColumnDef, siblings: ColumnSiblings): CheckedColumn {
  const auto = autoIncrement(cx, table, def, siblings.taken);
  const isPk = def.constraints.some((c) => c.kind === "PrimaryKeyMark");
  let type = auto?.type ?? typeOf(cx, def.type);
  if (isPk && def.type.nullable && !auto) {
    report(cx, "K3004", def.type.span, `primary key column \`${def.name.name}\` cannot be nullable`, { help: "remove the `?`" });
    type = withNullable(type, false);
  }
  const what = `the default of \`${table}.${def.name.name}\``;
  const column: ColumnState = {
    name: def.name.name,
    type,
    default: auto ? auto.default : def.default ? checkDefault(cx, def.default, what, type) : null,
    comment: def.comment?.value ?? null,
    identity: auto?.identity ?? null,
    generated: def.generated && !auto ? generatedPart(cx, table, def, type, siblings) : null,
    origin: def.span,
  };
  return { column, constraints: columnMarks(cx, table, def, column, siblings), sequence: auto?.sequence ?? null };
}

/** The generated expression of a column that has no default (PostgreSQL refuses both). */
function generatedPart(cx: MigrationContext, table: string, def: A.ColumnDef, type: Type, siblings: ColumnSiblings): GeneratedColumn | null {
  const g = def.generated as A.GeneratedSpec;
  if (def.default) {
    report(cx, "K3040", def.default.span, `the generated column \`${def.name.name}\` cannot have a default: PostgreSQL computes its value`, { help: "remove the `default`" });
    return null;
  }
  return checkGenerated(cx, table, def.name.name, type, g, siblings.types(), siblings.generated());
}

/** The constraints a column's marks declare (`primary key`, `unique`, `check`, `references`). */
function columnMarks(cx: MigrationContext, table: string, def: A.ColumnDef, column: ColumnState, siblings: ColumnSiblings): { state: ConstraintState; span: A.Span }[] {
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
        const check = checkSql(cx, table, new Map(siblings.types()).set(column.name, column.type), mark.expr);
        constraints.push({ state: { kind: "check", name: checkConstraintName(table, check.columns), ...check }, span: mark.span });
        break;
      }
      case "ReferencesMark": {
        const fk = resolveForeignKey(cx, table, [{ name: column.name, type: column.type, span: def.name.span }], mark.table, mark.column ? [mark.column] : null, mark.span);
        if (fk) constraints.push({ state: { kind: "foreignKey", name: foreignKeyName(table, [column.name]), columns: [column.name], refTable: mark.table.name, refColumns: fk, onDelete: mark.onDelete, onUpdate: mark.onUpdate }, span: mark.span });
        break;
      }
    }
  }
  return constraints;
}

/** A CHECK expression over the table's columns: its SQL, its typed expression and the columns it reads. */
export function checkSql(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, e: A.Expr): { sql: string; expr: IrExpr | null; columns: string[] } {
  const ir = checkExpr(e, rowScope(cx, table, columns));
  const allowed = ir.type.kind === "error" || checkPredicateCalls(ir, "a check", (span, message, help) => report(cx, "K3013", span, message, { help }));
  if (ir.type.kind === "error" || !allowed) return { sql: "true", expr: null, columns: [] };
  return { sql: predicateSql(ir, cx.maps), expr: ir, columns: [...columnsRead(ir)] };
}

/**
 * The column's SQL in CREATE TABLE / ADD COLUMN: `"name" type [NOT NULL] [DEFAULT … | GENERATED …]`.
 * An identity column's options come from its sequence in `sequences`.
 */
export function columnSql(c: ColumnState, sequences: ReadonlyMap<string, SequenceState>, withDefault = true): string {
  const notNull = c.type.kind !== "null" && c.type.kind !== "error" && !c.type.nullable ? " NOT NULL" : "";
  const def = withDefault && c.default ? ` DEFAULT ${c.default.sql}` : "";
  const seq = c.identity ? sequences.get(c.identity.sequence) : undefined;
  const identity = withDefault && c.identity && seq ? identitySql(c.identity, seq) : "";
  const generated = c.generated ? ` GENERATED ALWAYS AS (${c.generated.sql}) STORED` : "";
  return `${ident(c.name)} ${sqlType(c.type)}${notNull}${def}${identity}${generated}`;
}
