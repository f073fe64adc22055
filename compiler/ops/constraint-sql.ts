import type { ConstraintState, Deferrability, IndexKey, IndexOptionState, IndexState } from "../model/schema.js";
import { ident, identList } from "../sql/quote.js";

/** `CONSTRAINT "n" …` as it appears in CREATE TABLE and ALTER TABLE ADD. */
export function constraintSql(c: ConstraintState): string {
  switch (c.kind) {
    case "primaryKey":
      return `CONSTRAINT ${ident(c.name)} PRIMARY KEY (${identList(c.columns)})${indexOptionsSql(c)}${deferralSql(c)}`;
    case "unique":
      return `CONSTRAINT ${ident(c.name)} UNIQUE ${c.nullsNotDistinct ? "NULLS NOT DISTINCT " : ""}(${identList(c.columns)})${indexOptionsSql(c)}${deferralSql(c)}`;
    case "check":
      return `CONSTRAINT ${ident(c.name)} CHECK (${c.sql})${c.notValid ? " NOT VALID" : ""}`;
    case "foreignKey": {
      const del = c.onDelete ? ` ON DELETE ${c.onDelete.toUpperCase()}` : "";
      const upd = c.onUpdate ? ` ON UPDATE ${c.onUpdate.toUpperCase()}` : "";
      return `CONSTRAINT ${ident(c.name)} FOREIGN KEY (${identList(c.columns)}) REFERENCES ${ident(c.refTable)} (${identList(c.refColumns)})${del}${upd}${deferralSql(c)}${c.notValid ? " NOT VALID" : ""}`;
    }
    case "exclude": {
      const elements = c.elements.map((e) => `${keySql(e)} WITH ${e.operator}`).join(", ");
      const where = c.whereSql ? ` WHERE (${c.whereSql})` : "";
      return `CONSTRAINT ${ident(c.name)} EXCLUDE USING ${c.method} (${elements})${indexOptionsSql(c)}${where}${deferralSql(c)}`;
    }
  }
}

/** ` INCLUDE (…) WITH (…)`, each when written. */
function indexOptionsSql(o: IndexOptionState): string {
  const include = o.include && o.include.length > 0 ? ` INCLUDE (${identList(o.include)})` : "";
  const params = o.with && o.with.length > 0 ? ` WITH (${o.with.map((p) => `${ident(p.name)} = ${p.value}`).join(", ")})` : "";
  return include + params;
}

/** ` DEFERRABLE [INITIALLY DEFERRED]`, or nothing (NOT DEFERRABLE, PostgreSQL's default). */
function deferralSql(d: Deferrability): string {
  return d.deferrable ? ` DEFERRABLE${d.initiallyDeferred ? " INITIALLY DEFERRED" : ""}` : "";
}

/** A key column: `"name" opclass DESC NULLS LAST`. */
function keySql(k: IndexKey): string {
  return `${ident(k.name)}${k.opclass ? ` ${ident(k.opclass)}` : ""}${k.descending ? " DESC" : ""}${k.nulls ? ` NULLS ${k.nulls.toUpperCase()}` : ""}`;
}

export function addConstraintSql(table: string, c: ConstraintState): string {
  return `ALTER TABLE ${ident(table)} ADD ${constraintSql(c)}`;
}

export function dropConstraintSql(table: string, name: string): string {
  return `ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(name)}`;
}

/** `CREATE [UNIQUE] INDEX … USING m (keys) INCLUDE (…) NULLS NOT DISTINCT WITH (…) WHERE …`, in PostgreSQL's order. */
export function createIndexSql(table: string, i: IndexState, concurrently = false): string {
  const cols = i.columns.map(keySql).join(", ");
  const using = i.method !== "btree" ? ` USING ${i.method}` : "";
  const include = i.include && i.include.length > 0 ? ` INCLUDE (${identList(i.include)})` : "";
  const nulls = i.nullsNotDistinct ? " NULLS NOT DISTINCT" : "";
  const params = indexOptionsSql({ with: i.with });
  const where = i.whereSql ? ` WHERE ${i.whereSql}` : "";
  return `CREATE ${i.unique ? "UNIQUE " : ""}INDEX ${concurrently ? "CONCURRENTLY " : ""}${ident(i.name)} ON ${ident(table)}${using} (${cols})${include}${nulls}${params}${where}`;
}

export function dropIndexSql(name: string, concurrently = false): string {
  return `DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}${ident(name)}`;
}
