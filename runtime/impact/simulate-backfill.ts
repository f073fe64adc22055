import type { Db } from "../db/connection.js";
import type { BackfillStep } from "../../core/plan.js";
import type { SimState } from "./live-tables.js";
import { blocker, type Finding } from "./simulate-sql.js";
import { fromView, q, recompute, type TableView } from "./table-view.js";
import type { MapImpact } from "./types.js";
import { evaluate, guarded, lengthLimit, rowsWhere } from "./violations.js";

/** Distinct inputs of a map listed before `more` is set. */
const MAP_VALUES = 200;

/**
 * A backfill over the simulated table: how many rows it updates, where each status map sends each
 * value found, and which rows its mappings cannot be computed or stored for. `cursor`: where an
 * earlier run stopped (the rows up to it are done).
 */
export async function simulateBackfill(db: Db, state: SimState, step: BackfillStep, cursor: readonly unknown[] | null): Promise<{ rows: number | null; maps: MapImpact[]; findings: Finding[]; notes: string[] }> {
  const v = state.views.get(step.table);
  if (!v) return { rows: null, maps: [], findings: state.rawSql ? [] : [blocker(`table ${step.table} does not exist in the database`)], notes: state.rawSql ? ["not predicted: the table is not in the database now (raw SQL before it may create it)"] : [] };
  if (v.unknown) return { rows: null, maps: [], findings: [], notes: [`not predicted: ${v.unknown}`] };
  const todo = cursor ? `(${step.key.map((k) => q(k.column)).join(", ")}) > (${step.key.map((k, i) => `${literal(String(cursor[i]))}::${k.sqlType}`).join(", ")})` : "true";
  const rows = v.empty ? 0 : Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fromView(v)} WHERE ${todo}`)).rows[0].n);
  const findings: Finding[] = [];
  for (const a of step.assignments) findings.push(...(await checkAssignment(db, v, a, todo)));
  const maps: MapImpact[] = [];
  for (const m of step.maps ?? []) {
    const r = await guarded(db, () => mapCounts(db, v, m, todo));
    if (r.ok) maps.push(r.value);
  }
  const failed = findings.some((f) => f.blocks);
  const sets = step.assignments.map((a) => ({ column: a.column, sql: cursor ? `CASE WHEN ${todo} THEN (${a.sql}) ELSE ${q(a.column)} END` : a.sql }));
  state.views.set(step.table, failed ? { ...v, unknown: `${step.summary} fails on the live rows` } : recompute(v, sets));
  return { rows, maps, findings, notes: [] };
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A mapping that raises an error, writes a value too long for its column, or NULL into a NOT NULL column. */
async function checkAssignment(db: Db, v: TableView, a: BackfillStep["assignments"][number], where: string): Promise<Finding[]> {
  const col = v.columns.find((c) => c.name === a.column);
  if (!col && !v.empty) return [blocker(`table ${v.table} has no column ${a.column} to write`)];
  if (!col) return [];
  const value = `CAST((${a.sql}) AS ${col.type === "text" || lengthLimit(col.type) !== null ? "text" : col.type})`;
  const r = await guarded(db, () => evaluate(db, v, value, where));
  if (!r.ok) return [blocker(`the mapping of ${v.table}.${a.column} (line ${a.origin.line}) fails on the live rows: ${r.message}`)];
  const limit = lengthLimit(col.type);
  const out: Finding[] = [];
  if (limit !== null) {
    const long = await rowsWhere(db, v, `(${where}) AND length(${value}) > ${limit}`);
    if (long.rows > 0) out.push({ what: `a value longer than ${col.type} allows for ${v.table}.${a.column} (line ${a.origin.line})`, found: long });
  }
  if (col.notNull) {
    const nulls = await rowsWhere(db, v, `(${where}) AND ${value} IS NULL`);
    if (nulls.rows > 0) out.push({ what: `NULL for ${v.table}.${a.column}, which is NOT NULL (line ${a.origin.line})`, found: nulls });
  }
  return out;
}

async function mapCounts(db: Db, v: TableView, m: NonNullable<BackfillStep["maps"]>[number], where: string): Promise<MapImpact> {
  const rows = v.empty
    ? []
    : (
        await db.query<{ input: string | null; output: string | null; listed: boolean | string; n: string }>(
          `SELECT (${m.argSql})::text AS input, (${m.resultSql})::text AS output, ${m.listedSql} AS listed, count(*)::text AS n
           FROM ${fromView(v)} WHERE ${where} GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 1 NULLS FIRST LIMIT ${MAP_VALUES + 1}`,
        )
      ).rows;
  const counts = rows.slice(0, MAP_VALUES).map((r) => ({ input: r.input, output: r.output, rows: Number(r.n), fallback: !(r.listed === true || r.listed === "t" || r.listed === "true") }));
  return { map: m.map, column: m.column, origin: m.origin, counts, more: rows.length > MAP_VALUES };
}
