import { sqlType, type Type } from "../core/types.js";
import { insertableColumns, insertOverriding, type SchemaState, type TableState } from "../compiler/model/schema.js";
import type { Db } from "../runtime/db/connection.js";
import type { TableRows } from "./constrained-rows.js";

/** What inserting one run's rows came to: how many PostgreSQL took, and why it refused the last it refused. */
export interface Inserted {
  readonly rows: number;
  readonly rejected: string | null;
  /** Rows PostgreSQL took, per table. */
  readonly byTable: Readonly<Record<string, number>>;
}

export const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

/** A JS value as the parameter of an INSERT: JSON as text, NULL as null. */
function param(v: unknown, t: Type): unknown {
  if (v === undefined) return null;
  if (t.kind === "json") return JSON.stringify(v);
  if (t.kind === "array") return v;
  return typeof v === "boolean" ? String(v) : v;
}

/**
 * Inserts generated rows, parents first. PostgreSQL has the last word on what fits (a check the
 * generator could not read, two numerics equal in value but not in text): a table's rows go in one
 * statement, and when it is refused, one by one, each under a savepoint, leaving out those refused.
 */
export async function insertRows(db: Db, schema: SchemaState, rows: TableRows): Promise<Inserted> {
  let count = 0;
  let rejected: string | null = null;
  const byTable: Record<string, number> = {};
  for (const [name, data] of Object.entries(rows)) {
    const t = schema.tables.get(name);
    if (!t || data.length === 0) continue;
    const before = count;
    try {
      await underSavepoint(db, () => insert(db, t, data));
      count += data.length;
    } catch {
      for (const row of data) {
        try {
          await underSavepoint(db, () => insert(db, t, [row]));
          count++;
        } catch (e) {
          rejected = `${name}: ${(e as Error).message}`;
        }
      }
    }
    byTable[name] = count - before;
  }
  return { rows: count, rejected, byTable };
}

async function insert(db: Db, t: TableState, data: readonly Record<string, unknown>[]): Promise<void> {
  const cols = insertableColumns(t);
  if (cols.length === 0) {
    for (const _ of data) await db.query(`INSERT INTO ${q(t.name)} DEFAULT VALUES`);
    return;
  }
  const params: unknown[] = [];
  const tuples = data.map((r) => `(${cols.map((c) => `$${params.push(param(r[c.name], c.type))}::${sqlType(c.type)}`).join(", ")})`);
  await db.query(`INSERT INTO ${q(t.name)} (${cols.map((c) => q(c.name)).join(", ")}) ${insertOverriding(t)}VALUES ${tuples.join(", ")}`, params);
}

async function underSavepoint(db: Db, body: () => Promise<void>): Promise<void> {
  await db.query("SAVEPOINT kmig_rows");
  try {
    await body();
    await db.query("RELEASE SAVEPOINT kmig_rows");
  } catch (e) {
    await db.query("ROLLBACK TO SAVEPOINT kmig_rows");
    throw e;
  }
}
