import type { TableSpread } from "./write-tables.js";
import type { PulledSchema } from "../../runtime/pull/read-database.js";
import type { PulledTable } from "../../runtime/pull/read-tables.js";
import type { PulledDomain, PulledEnum } from "../../runtime/pull/read-objects.js";
import { createTableText, constraintLine, sequenceLine, serialSequences, type Unsaid } from "./write-tables.js";
import { checkBody, kmigName, kmigString, sqlToKmig } from "./sql-expr.js";
import { externalLines } from "./write-externals.js";

/** What the language of this kmig can say besides tables, found by parsing a probe (issue 13's enum types and domains plug in here). */
export interface LanguageSupport {
  readonly enums: boolean;
  readonly domains: boolean;
  /** Whether kmig reads `type` (as PostgreSQL prints it) as a column type, with these types declared. */
  readonly typeOk: (type: string, declared: readonly string[]) => boolean;
}

/** The baseline's text (unformatted) and what it could not say. */
export interface BaselineText {
  readonly body: string;
  /** What the file leaves out: the database has it, the file does not say it (status would report it). */
  readonly unsaid: Unsaid;
  /** What the file declares `external` rather than modelling, and why (status checks it exists and leaves it alone). */
  readonly declared: readonly string[];
  /** Objects of kinds kmig neither models nor declares: named, so that the file never leaves them out in silence. */
  readonly skipped: readonly string[];
  readonly counts: string;
}

/**
 * A baseline describing `db`'s schema in kmig's own items: extensions, enum types and domains,
 * sequences, tables in foreign-key order (a cycle's foreign keys added after every table),
 * sequence owners, then every object kmig does not model as `external`.
 */
export function baselineText(db: PulledSchema, name: string, version: string, lang: LanguageSupport): BaselineText {
  const unsaid: Unsaid = [];
  const declared: string[] = [];
  const items: string[] = [];
  const declaredTypes = [...(lang.enums ? db.enums.map((e) => kmigName(e.name)) : []), ...(lang.domains ? db.domains.filter((d) => domainLine(d) !== null).map((d) => kmigName(d.name)) : [])];
  const untyped = (t: PulledTable) => t.columns.filter((c) => !lang.typeOk(c.type, declaredTypes)).map((c) => `${c.name} ${c.type}`);
  const modelled = db.tables.filter((t) => t.relkind === "r" && t.partitionOf === null && untyped(t).length === 0);
  const partitioned = db.tables.filter((t) => !modelled.includes(t));
  for (const t of partitioned) {
    const parts = partitioned.filter((p) => p.partitionOf === t.name).length;
    if (t.relkind === "p") declared.push(`the partitioned table ${t.name} (PARTITION BY ${t.partitionKey}) and its ${parts} partition${parts === 1 ? "" : "s"}: kmig has no partitions in its language yet (its steps — backfills by primary key, stashes, column changes — are not made for them), so it leaves them alone`);
    else if (t.partitionOf === null) declared.push(`the table ${t.name}: kmig cannot say the type${untyped(t).length === 1 ? "" : "s"} of ${untyped(t).join(", ")}`);
  }
  const serials = serialSequences(modelled, db.sequences);
  for (const e of db.enums) if (lang.enums) items.push(enumLine(e));
  for (const d of db.domains) {
    const line = lang.domains ? domainLine(d) : null;
    if (line) items.push(line);
  }
  const ownedByExternal = (q: { owner: { table: string } | null }) => q.owner !== null && partitioned.some((t) => t.name === q.owner?.table);
  const standalone = db.sequences.filter((q) => !q.identity && !serials.has(q.name) && !ownedByExternal(q));
  for (const q of standalone) items.push(sequenceLine(q));
  const { order, later } = fkOrder(modelled);
  const externals = externalLines(db, partitioned, lang, modelled, unsaid);
  items.push(...externals.before);
  const names = new Set([...modelled, ...partitioned].map((t) => t.name));
  const spread = citusHeaders(order, db.citus);
  for (const t of order) items.push(createTableText(t, serials, db.sequences, later, names, unsaid, spread.get(t.name)));
  for (const t of order) {
    const fks = t.constraints.filter((c) => later.has(c.name) && c.type === "f");
    const lines = fks.map((c) => constraintLine(t.name, c, unsaid, names)).filter((l): l is string => l !== null);
    if (lines.length > 0) items.push(`table ${kmigName(t.name)} {\n${lines.map((l) => `  add ${l}`).join("\n")}\n}`);
  }
  for (const q of standalone) if (q.owner) items.push(`alter sequence ${kmigName(q.name)} owned by ${kmigName(q.owner.table)}.${kmigName(q.owner.column)}`);
  items.push(...externals.after);
  const counts = `${modelled.length} table${modelled.length === 1 ? "" : "s"}, ${db.views.length} view${db.views.length === 1 ? "" : "s"}, ${partitioned.length} partitioned or partition table${partitioned.length === 1 ? "" : "s"}`;
  const body = `baseline ${kmigName(name)} version ${kmigString(version)} {\n${items.map(indent).join("\n\n")}\n}\n`;
  const skipped = db.objects.unmodelled.map((o) => `the ${o.kind} ${o.name}`);
  return { body, unsaid, declared, skipped, counts };
}

/**
 * How Citus spreads each table, as `create table`'s header says it: `reference`, or `distributed by
 * (c)` — with `colocate with` the first table written of its colocation group, so that the
 * baseline keeps Citus's groups (kmig otherwise counts tables distributed by one type as colocated).
 * Citus local tables, and every table without Citus, get nothing.
 */
function citusHeaders(order: readonly PulledTable[], citus: PulledSchema["citus"]): Map<string, TableSpread> {
  const out = new Map<string, TableSpread>();
  if (!citus) return out;
  const anchors = new Map<number, string>();
  for (const t of order) {
    const c = citus.get(t.name);
    if (c?.kind === "reference") out.set(t.name, { reference: true, suffix: "" });
    if (c?.kind !== "distributed" || c.column === null) continue;
    const anchor = anchors.get(c.colocationId);
    if (anchor === undefined) anchors.set(c.colocationId, t.name);
    out.set(t.name, { reference: false, suffix: ` distributed by (${kmigName(c.column)})${anchor === undefined ? "" : ` colocate with ${kmigName(anchor)}`}` });
  }
  return out;
}

const indent = (block: string) => block.split("\n").map((l) => `  ${l}`).join("\n");

/** Tables in an order where each comes after the tables its foreign keys reference; foreign keys that close a cycle are added after every table. */
function fkOrder(tables: readonly PulledTable[]): { order: PulledTable[]; later: Set<string> } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const order: PulledTable[] = [];
  const state = new Map<string, "visiting" | "done">();
  const later = new Set<string>();
  const visit = (t: PulledTable) => {
    state.set(t.name, "visiting");
    for (const c of t.constraints) {
      if (c.type !== "f" || c.inherited || c.refTable === null || c.refTable === t.name) continue;
      const ref = byName.get(c.refTable);
      if (!ref) continue;
      const s = state.get(ref.name);
      if (s === "visiting") later.add(c.name);
      else if (s === undefined) visit(ref);
    }
    state.set(t.name, "done");
    order.push(t);
  };
  for (const t of tables) if (!state.has(t.name)) visit(t);
  return { order, later };
}

function enumLine(e: PulledEnum): string {
  return `create type ${kmigName(e.name)} as enum (${e.labels.map(kmigString).join(", ")})`;
}

/** `create domain d as T [not null] [default e] [check (…)]`, or null (then it is declared external). */
function domainLine(d: PulledDomain): string | null {
  const parts = [`create domain ${kmigName(d.name)} as ${d.baseType}`];
  if (d.notNull) parts.push("not null");
  if (d.default !== null) {
    const e = sqlToKmig(d.default);
    if (e === null) return null;
    parts.push(`default ${e}`);
  }
  for (const c of d.checks) {
    const body = checkBody(c.def);
    const e = body === null ? null : sqlToKmig(body, true);
    if (e === null) return null;
    parts.push(`${c.name === `${d.name}_check` ? "" : `constraint ${kmigName(c.name)} `}check (${e})`);
  }
  return parts.join(" ");
}

export { domainLine };
