import type { ConstraintState, IndexState } from "../model/schema.js";
import { ident, identList } from "../sql/quote.js";

/** `CONSTRAINT "n" …` as it appears in CREATE TABLE and ALTER TABLE ADD. */
export function constraintSql(c: ConstraintState): string {
  switch (c.kind) {
    case "primaryKey":
      return `CONSTRAINT ${ident(c.name)} PRIMARY KEY (${identList(c.columns)})`;
    case "unique":
      return `CONSTRAINT ${ident(c.name)} UNIQUE (${identList(c.columns)})`;
    case "check":
      return `CONSTRAINT ${ident(c.name)} CHECK (${c.sql})`;
    case "foreignKey": {
      const del = c.onDelete ? ` ON DELETE ${c.onDelete.toUpperCase()}` : "";
      const upd = c.onUpdate ? ` ON UPDATE ${c.onUpdate.toUpperCase()}` : "";
      return `CONSTRAINT ${ident(c.name)} FOREIGN KEY (${identList(c.columns)}) REFERENCES ${ident(c.refTable)} (${identList(c.refColumns)})${del}${upd}`;
    }
  }
}

export function addConstraintSql(table: string, c: ConstraintState): string {
  return `ALTER TABLE ${ident(table)} ADD ${constraintSql(c)}`;
}

export function dropConstraintSql(table: string, name: string): string {
  return `ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(name)}`;
}

export function createIndexSql(table: string, i: IndexState, concurrently = false): string {
  const cols = i.columns.map((c) => `${ident(c.name)}${c.descending ? " DESC" : ""}`).join(", ");
  const using = i.method !== "btree" ? ` USING ${i.method}` : "";
  const where = i.whereSql ? ` WHERE ${i.whereSql}` : "";
  return `CREATE ${i.unique ? "UNIQUE " : ""}INDEX ${concurrently ? "CONCURRENTLY " : ""}${ident(i.name)} ON ${ident(table)}${using} (${cols})${where}`;
}

export function dropIndexSql(name: string, concurrently = false): string {
  return `DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}${ident(name)}`;
}
