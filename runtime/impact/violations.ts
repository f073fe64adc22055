import type { Db } from "../db/connection.js";
import { fromView, q, type TableView } from "./table-view.js";

/** Rows that would make a step fail: how many, and a few of them by key (or by value). */
export interface Found {
  readonly rows: number;
  readonly examples: readonly string[];
}

const EXAMPLES = 5;

/**
 * Runs a read-only check inside a savepoint: a query that fails (a mapping that overflows) must
 * not abort the plan's transaction. Returns the database's message when it fails.
 */
export async function guarded<T>(db: Db, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  await db.query("SAVEPOINT kmig_plan_check");
  try {
    const value = await work();
    await db.query("RELEASE SAVEPOINT kmig_plan_check");
    return { ok: true, value };
  } catch (e) {
    await db.query("ROLLBACK TO SAVEPOINT kmig_plan_check");
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** How a row is named in examples: its key (`id=650`), else its first column; and the order of examples. */
function rowName(v: TableView): { label: string; order: string } {
  const cols = v.key.length > 0 ? v.key : v.columns.slice(0, 1).map((c) => c.name);
  return { label: `concat_ws(', ', ${cols.map((c) => `${literal(`${c}=`)} || COALESCE((${q(c)})::text, 'NULL')`).join(", ")})`, order: cols.length > 0 ? cols.map(q).join(", ") : "1" };
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Computes `expr` for every row of the view (count() needs each value): throws what the database throws. */
export async function evaluate(db: Db, v: TableView, expr: string, where = "true"): Promise<void> {
  if (!v.empty) await db.query(`SELECT count(${expr}) FROM ${fromView(v)} WHERE ${where}`);
}

/** Rows of the view where `condition` holds. */
export async function rowsWhere(db: Db, v: TableView, condition: string): Promise<Found> {
  if (v.empty) return { rows: 0, examples: [] };
  const n = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fromView(v)} WHERE ${condition}`);
  const rows = Number(n.rows[0].n);
  if (rows === 0) return { rows, examples: [] };
  const name = rowName(v);
  const ex = await db.query<{ x: string }>(`SELECT ${name.label} AS x FROM ${fromView(v)} WHERE ${condition} ORDER BY ${name.order} LIMIT ${EXAMPLES}`);
  return { rows, examples: ex.rows.map((r) => r.x) };
}

/** Rows sharing a value of `columns` with another row (NULLs never clash, as in PostgreSQL). */
export async function duplicates(db: Db, v: TableView, columns: readonly string[], where: string | null): Promise<Found> {
  if (v.empty) return { rows: 0, examples: [] };
  const cols = columns.map(q).join(", ");
  const filter = [...columns.map((c) => `${q(c)} IS NOT NULL`), ...(where ? [`(${where})`] : [])].join(" AND ");
  const groups = `SELECT ${cols}, count(*) AS n FROM ${fromView(v)} WHERE ${filter} GROUP BY ${cols} HAVING count(*) > 1`;
  const n = await db.query<{ n: string }>(`SELECT COALESCE(sum(n), 0)::text AS n FROM (${groups}) AS d`);
  const rows = Number(n.rows[0].n);
  if (rows === 0) return { rows, examples: [] };
  const label = `concat_ws(', ', ${columns.map((c) => `${literal(`${c}=`)} || (${q(c)})::text`).join(", ")}) || ' (' || n || ' rows)'`;
  const ex = await db.query<{ x: string }>(`SELECT ${label} AS x FROM (${groups}) AS d ORDER BY n DESC, 1 LIMIT ${EXAMPLES}`);
  return { rows, examples: ex.rows.map((r) => r.x) };
}

/** Rows whose reference finds no row in `ref` (a reference with a NULL in it is not checked, as in MATCH SIMPLE). */
export async function danglingReferences(db: Db, v: TableView, columns: readonly string[], ref: TableView, refColumns: readonly string[]): Promise<Found> {
  const present = columns.map((c) => `${q(v.table)}.${q(c)} IS NOT NULL`).join(" AND ");
  if (ref.empty) return rowsWhere(db, v, present);
  const match = columns.map((c, i) => `kmig_ref.${q(refColumns[i])} = ${q(v.table)}.${q(c)}`).join(" AND ");
  return rowsWhere(db, v, `${present} AND NOT EXISTS (SELECT 1 FROM ${ref.from} AS kmig_ref WHERE ${match})`);
}

/** The length limit of a `varchar(n)` / `char(n)` type, else null. */
export function lengthLimit(type: string): number | null {
  const m = type.match(/^(?:character varying|varchar|character|char|bpchar)\((\d+)\)$/i);
  return m ? Number(m[1]) : null;
}
