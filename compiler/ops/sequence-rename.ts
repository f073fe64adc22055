import { putTable, type ColumnState, type SchemaState } from "../model/schema.js";
import { nextvalSql } from "./column-default.js";

/**
 * After `rename sequence from -> to`: PostgreSQL's defaults hold the sequence itself, not its name,
 * so every `nextval(…)` default (a serial's too) and every identity now names `to`.
 */
export function renameSequenceUses(s: SchemaState, from: string, to: string): SchemaState {
  let out = s;
  for (const t of s.tables.values()) {
    if (!t.columns.some((c) => c.default?.sequence === from || c.identity?.sequence === from)) continue;
    out = putTable(out, { ...t, columns: t.columns.map((c) => renamedIn(c, from, to)) });
  }
  return out;
}

function renamedIn(c: ColumnState, from: string, to: string): ColumnState {
  const def = c.default?.sequence === from ? { ...c.default, sql: nextvalSql(to), sequence: to } : c.default;
  const identity = c.identity?.sequence === from ? { ...c.identity, sequence: to } : c.identity;
  return { ...c, default: def, identity };
}
