import type { Db } from "../db/connection.js";
import type { ChangeOf } from "../../core/plan-change.js";
import { ident as q, literal } from "../../core/sql-quote.js";
import type { TableView } from "./table-view.js";
import { guarded, rowsWhere, type Found } from "./violations.js";

/**
 * The parts of plan's impact report that read enum types, domains and sequences in the live
 * database (issue 14 item 5): the rows of each label where a step changes an enum type, the rows
 * a domain's checks would reject where a column becomes of the domain, and where a sequence
 * stands when a step changes, renames or drops it.
 */

/** The columns of the public tables that have the enum `type`, with their rows per label (most first). */
export async function rowsPerLabel(db: Db, type: string): Promise<string[]> {
  const cols = await db.query<{ t: string; c: string }>(
    `SELECT c.relname AS t, a.attname AS c FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = to_regtype($1) ORDER BY 1, 2`,
    [q(type)],
  );
  const out: string[] = [];
  for (const { t, c } of cols.rows) {
    const r = await db.query<{ label: string | null; n: string }>(`SELECT ${q(c)}::text AS label, count(*)::text AS n FROM ${q(t)} GROUP BY 1 ORDER BY count(*) DESC, 1`);
    const parts = r.rows.map((x) => `${x.label === null ? "NULL" : literal(x.label)} ${x.n}`);
    out.push(`rows per label of ${t}.${c}: ${parts.length > 0 ? parts.join(", ") : "no rows"}`);
  }
  return out;
}

/** Plan's note for a step that changes an enum type: how the rows of its columns spread over its labels now. */
export async function enumNotes(db: Db, c: ChangeOf<"add-enum-value"> | ChangeOf<"rename-enum-value">): Promise<string[]> {
  const r = await guarded(db, () => rowsPerLabel(db, c.type));
  return r.ok ? r.value : [];
}

/**
 * Where `column` becomes of a domain: for each of the domain's checks, the rows whose new value
 * (`using`, cast to the domain's base type) it rejects. Empty when `to` is not a domain.
 */
export async function domainRejects(db: Db, v: TableView, to: string, using: string): Promise<{ check: string; found: Found }[]> {
  const d = await db.query<{ base: string; name: string; def: string }>(
    `SELECT format_type(t.typbasetype, t.typtypmod) AS base, k.conname AS name, pg_get_constraintdef(k.oid) AS def
     FROM pg_type t JOIN pg_constraint k ON k.contypid = t.oid WHERE t.oid = to_regtype($1) AND t.typtype = 'd' AND k.contype = 'c' ORDER BY k.conname`,
    [to],
  );
  const out: { check: string; found: Found }[] = [];
  for (const k of d.rows) {
    const body = /^CHECK \((.*)\)$/s.exec(k.def)?.[1];
    if (!body) continue;
    // VALUE is the value being checked: here each row's new value, as the base type.
    const cond = body.replace(/\bVALUE\b/g, `(CAST((${using}) AS ${k.base}))`);
    const r = await guarded(db, () => rowsWhere(db, v, `NOT COALESCE((${cond}), true)`));
    if (r.ok && r.value.rows > 0) out.push({ check: `${k.name} (${k.def})`, found: r.value });
  }
  return out;
}

/** Plan's note for a step on a sequence: where it stands now (and where a restart moves it). */
export async function sequenceNotes(db: Db, c: ChangeOf<"alter-sequence"> | ChangeOf<"drop-sequence"> | ChangeOf<"rename-sequence">): Promise<string[]> {
  const name = c.op === "rename-sequence" ? c.from : c.name;
  const r = await guarded(db, () => db.query<{ v: string | null }>(`SELECT last_value::text AS v FROM pg_sequences WHERE schemaname = 'public' AND sequencename = $1`, [name]));
  if (!r.ok || r.value.rows.length === 0) return [];
  const at = r.value.rows[0].v;
  const now = at === null ? `sequence ${name} has handed out no number yet` : `sequence ${name} stands at ${at} (the next number is the one after it)`;
  if (c.op === "alter-sequence" && c.restart !== null) return [`${now}; the restart moves it to ${c.restart === "" ? c.to.start : c.restart}, and rollback sets it back`];
  if (c.op === "drop-sequence") return [`${now}; ${c.stashedAs ? "kept with that value in kmig's schema for rollback" : "the number is lost"}`];
  return [now];
}
