import type { PulledSchema } from "../../runtime/pull/read-database.js";
import type { PulledTable } from "../../runtime/pull/read-tables.js";
import type { PulledView } from "../../runtime/pull/read-objects.js";
import type { Unsaid } from "./write-tables.js";
import type { LanguageSupport } from "./write-baseline.js";
import { domainLine } from "./write-baseline.js";
import { kmigName } from "./sql-expr.js";

/**
 * The `external` declarations of a pulled schema, in an order where each names only what is
 * declared before it: `before` the tables kmig models (their columns' types, the tables their
 * foreign keys reference): extensions, types, partitioned tables and their partitions, foreign
 * tables, sequences they own; `after` them: functions, views (each after the views it reads),
 * triggers, policies.
 */
export function externalLines(db: PulledSchema, partitioned: readonly PulledTable[], lang: LanguageSupport, modelled: readonly PulledTable[], unsaid: Unsaid): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  let out = before;
  const relations = new Set(modelled.map((t) => t.name));
  const declare = (line: string, relation?: string) => {
    out.push(line);
    if (relation) relations.add(relation);
  };
  for (const e of db.objects.extensions) if (e !== "plpgsql") declare(`external extension ${kmigName(e)}`);
  const written = new Set([...(lang.enums ? db.enums.map((e) => e.name) : []), ...(lang.domains ? db.domains.filter((d) => domainLine(d) !== null).map((d) => d.name) : [])]);
  for (const t of db.objects.types) {
    if (t.extension || written.has(t.name)) continue;
    declare(`external ${t.typtype === "d" ? "domain" : "type"} ${kmigName(t.name)}`);
  }
  for (const t of partitioned.filter((x) => x.partitionOf === null)) declare(`external table ${kmigName(t.name)}`, t.name);
  // Partitions after their parent (a partition may itself be partitioned).
  const pending = partitioned.filter((x) => x.partitionOf !== null);
  while (pending.length > 0) {
    const i = pending.findIndex((x) => relations.has(x.partitionOf as string));
    if (i < 0) break;
    const [t] = pending.splice(i, 1);
    declare(`external table ${kmigName(t.name)} partition of ${kmigName(t.partitionOf as string)}`, t.name);
  }
  for (const r of db.objects.relations) if (r.relkind === "f" && !r.extension) declare(`external foreign table ${kmigName(r.name)}`, r.name);
  for (const q of db.sequences) if (q.owner && !q.identity && partitioned.some((t) => t.name === q.owner?.table)) declare(`external sequence ${kmigName(q.name)}`, q.name);
  // The rest may name the tables kmig models: after them.
  out = after;
  const kinds: Record<string, string> = { f: "function", w: "function", p: "procedure", a: "aggregate" };
  for (const f of db.objects.functions) if (!f.extension) declare(`external ${kinds[f.prokind] ?? "function"} ${kmigName(f.name)}(${f.args})`);
  for (const v of viewOrder(db.views)) {
    const reads = v.reads.filter((r) => relations.has(r.table) && r.columns.length > 0);
    const clause = reads.length > 0 ? ` reads ${reads.map((r) => `${kmigName(r.table)} (${r.columns.map(kmigName).join(", ")})`).join(", ")}` : "";
    declare(`external ${v.materialized ? "materialized view" : "view"} ${kmigName(v.name)}${clause}`, v.name);
  }
  for (const t of db.objects.triggers) {
    if (relations.has(t.table)) declare(`external trigger ${kmigName(t.name)} on ${kmigName(t.table)}`);
    else unsaid.push(`the trigger ${t.name} on ${t.table}: its table is not one pull describes`);
  }
  for (const p of db.objects.policies) if (relations.has(p.table)) declare(`external policy ${kmigName(p.name)} on ${kmigName(p.table)}`);
  return { before, after };
}

/** Views after the views they read. */
function viewOrder(views: readonly PulledView[]): PulledView[] {
  const byName = new Map(views.map((v) => [v.name, v]));
  const done = new Set<string>();
  const out: PulledView[] = [];
  const visit = (v: PulledView) => {
    if (done.has(v.name)) return;
    done.add(v.name);
    for (const r of v.reads) {
      const dep = byName.get(r.table);
      if (dep) visit(dep);
    }
    out.push(v);
  };
  for (const v of views) visit(v);
  return out;
}
