import type { Db } from "../db/connection.js";
import type { Step } from "../../core/plan.js";
import type { DiagnosticCode } from "../../core/diagnostics/catalog.js";
import { blocker, type Finding } from "./simulate-sql.js";
import { userTriggers, writtenTables } from "../triggers.js";
import { ident as q } from "../../core/sql-quote.js";
import { dependentViewsSql } from "../../core/dependent-views.js";

/**
 * What the live catalog says depends on a column (or, with `column` null, a table): views and
 * materialized views (by their rewrite rule), and any other object recorded in `pg_depend` as a
 * normal dependency — a trigger's `UPDATE OF` column, a policy, another table's foreign key, a
 * function whose SQL body (BEGIN ATOMIC) reads it. The table's own indexes and constraints go
 * with it and are not listed.
 */
const DEPENDENTS = `SELECT DISTINCT CASE WHEN d.classid = 'pg_rewrite'::regclass
     THEN (SELECT CASE c.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END || c.relname FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.oid = d.objid)
     ELSE pg_describe_object(d.classid, d.objid, d.objsubid) END AS obj
 FROM pg_depend d
 WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass($1) AND d.deptype = 'n'
   AND ($2::text IS NULL OR d.refobjsubid = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = $2))
   AND NOT (d.classid = 'pg_rewrite'::regclass AND (SELECT r.ev_class FROM pg_rewrite r WHERE r.oid = d.objid) = to_regclass($1))
   AND NOT (d.classid = 'pg_constraint'::regclass AND (SELECT k.conrelid FROM pg_constraint k WHERE k.oid = d.objid) = to_regclass($1))
 ORDER BY 1`;

/** The catalog code plan's finding carries (a violation: apply would stop there). */
const CODE: DiagnosticCode = "K9088";

/** The columns and tables a step drops or retypes (its `change` says which): what PostgreSQL checks dependents of. */
function targets(step: Step): { table: string; column: string | null; verb: string }[] {
  const c = step.kind === "sql" ? step.change : undefined;
  switch (c?.op) {
    case "drop-column":
      return [{ table: c.table, column: c.column, verb: "drop" }];
    case "alter-type":
      return [{ table: c.table, column: c.column, verb: "change the type of" }];
    // Moved into kmig's schema (stashed), a table keeps its dependents: views follow it.
    case "drop-table":
      return c.stashedAs === null ? [{ table: c.table, column: null, verb: "drop" }] : [];
    default:
      return [];
  }
}

/**
 * K9088's findings: each object of the live database that would stop this step. `viewsDropped`:
 * tables whose views an earlier `recreate views` step of the plan has dropped by then (a type
 * change goes through; a dropped column still stops the views' making again, so it is reported).
 */
export async function dependentFindings(db: Db, step: Step, viewsDropped: ReadonlySet<string> = new Set()): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const t of targets(step)) {
    const r = await db.query<{ obj: string }>(DEPENDENTS, [q(t.table), t.column]);
    const gone = viewsDropped.has(t.table) && t.verb === "change the type of";
    const objs = r.rows.map((x) => x.obj).filter((o) => o !== null && !(gone && /^(materialized )?view /.test(o)));
    if (objs.length === 0) continue;
    const what = t.column === null ? `table ${t.table}` : `${t.table}.${t.column}`;
    findings.push(blocker(`${objs.join(", ")} depend${objs.length === 1 ? "s" : ""} on ${what}: PostgreSQL refuses to ${t.verb} it while ${objs.length === 1 ? "it exists" : "they exist"} (K9088)`));
  }
  return findings;
}

/** For plan's notes: the user triggers kmig switches off while this step writes rows (or that fire, with `triggers fire`). */
export async function triggerNotes(db: Db, step: Step): Promise<string[]> {
  const statements = step.kind === "backfill" ? [...step.batch.perBatch, ...step.up] : [...step.up];
  if (step.kind === "sql" && step.op === "raw-sql") return [];
  const triggers = await userTriggers(db, writtenTables(statements));
  if (triggers.length === 0) return [];
  const list = triggers.map((t) => `${t.name} on ${t.table}`).join(", ");
  return [step.fireTriggers ? `triggers fire on kmig's writes (\`triggers fire\`): ${list}` : `user triggers switched off while kmig writes the rows (they would change columns the spec does not touch): ${list}`];
}

/** For plan's notes: the views a `recreate views` step drops (and makes again after the block), as the live catalog has them. */
export async function recreateViewNotes(db: Db, step: Step): Promise<string[]> {
  if (step.op !== "drop-views" || !step.table) return [];
  // A table the plan creates first (a pending baseline) has no views yet, and no catalog entry to look them up by.
  const there = await db.query<{ ok: string }>(`SELECT (to_regclass($1) IS NOT NULL)::text AS ok`, [`"public".${q(step.table)}`]);
  if (there.rows[0]?.ok !== "true") return [`${step.table} is not in the database yet: no view reads it now`];
  const r = await db.query<{ name: string; relkind: string }>(`SELECT name, relkind FROM (${dependentViewsSql(step.table)}) v ORDER BY depth, name`);
  if (r.rows.length === 0) return [`no view reads ${step.table} now: nothing to drop and make again`];
  const list = r.rows.map((v) => `${v.relkind === "m" ? "materialized view" : "view"} ${v.name.replace(/^public\./, "")}`).join(", ");
  return [`drops and, after the block, makes again from their definitions: ${list}`];
}
