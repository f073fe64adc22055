import type { ColumnChange, ConstraintChange, IndexChange, SequenceChange } from "../../core/plan-change.js";
import { sqlType } from "../../core/types.js";
import type { ColumnState, ConstraintState, IndexState } from "../model/schema.js";
import type { SequenceState } from "../model/sequence.js";

/**
 * The schema model's states as the plain data of a step's `change` (core/plan-change.ts): what
 * the step's SQL creates, drops or alters, named as the SQL names it.
 */

export function columnChange(c: ColumnState): ColumnChange {
  const nullable = c.type.kind === "null" || c.type.kind === "error" || c.type.nullable;
  return {
    name: c.name,
    type: sqlType(c.type),
    nullable,
    default: c.default?.sql ?? null,
    filledBy: c.identity ? "identity" : c.generated ? "generated" : c.default ? "default" : null,
    generated: c.generated?.sql ?? null,
    identity: c.identity ? (c.identity.always ? "always" : "by default") : null,
  };
}

export function constraintChange(c: ConstraintState): ConstraintChange {
  const deferrable = "deferrable" in c && c.deferrable === true;
  switch (c.kind) {
    case "primaryKey":
      return { kind: "primary-key", name: c.name, columns: c.columns, deferrable };
    case "unique":
      return { kind: "unique", name: c.name, columns: c.columns, nullsNotDistinct: c.nullsNotDistinct === true, deferrable };
    case "check":
      return { kind: "check", name: c.name, columns: c.columns, expr: c.sql, validated: c.notValid !== true };
    case "foreignKey":
      return { kind: "foreign-key", name: c.name, columns: c.columns, refTable: c.refTable, refColumns: c.refColumns, onDelete: c.onDelete, onUpdate: c.onUpdate, deferrable, validated: c.notValid !== true };
    case "exclude":
      return { kind: "exclude", name: c.name, columns: c.elements.map((e) => e.name), method: c.method, operators: c.elements.map((e) => e.operator), where: c.whereSql, deferrable };
  }
}

export function indexChange(table: string, i: IndexState, concurrently: boolean): IndexChange {
  return {
    name: i.name,
    table,
    columns: i.columns.map((k) => ({ column: k.name, descending: k.descending, opclass: k.opclass ?? null, nulls: k.nulls ?? null })),
    unique: i.unique,
    method: i.method,
    include: i.include ?? [],
    nullsNotDistinct: i.nullsNotDistinct === true,
    where: i.whereSql,
    concurrently,
  };
}

export function sequenceChange(q: SequenceState): SequenceChange {
  return { name: q.name, type: q.type, start: String(q.start), increment: String(q.increment), min: String(q.min), max: String(q.max), cache: String(q.cache), cycle: q.cycle, owner: q.owner };
}
