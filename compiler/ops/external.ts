import type * as A from "../../grammar/ast.js";
import { EXTERNAL_KINDS, type ExternalDecl, type ExternalKind } from "../../core/plan.js";
import { closestMatch, didYouMean } from "../../core/diagnostics/suggest.js";
import { originOf, report, type MigrationContext } from "../migration/context.js";
import { getColumn, type SchemaState } from "../model/schema.js";

/** Kinds whose object belongs to a table: `on t` is required. */
const ON_TABLE: ReadonlySet<ExternalKind> = new Set(["trigger", "policy"]);
/** Kinds that take an argument list. */
const WITH_ARGS: ReadonlySet<ExternalKind> = new Set(["function", "procedure", "aggregate"]);
/** Kinds that are relations: they share the namespace of tables, and triggers may be on them. */
const RELATIONS: ReadonlySet<ExternalKind> = new Set(["view", "materialized view", "table", "foreign table", "sequence"]);

/**
 * `external <kind> name …`: an object kmig does not manage. It is checked (the kind is one kmig
 * knows, the tables and columns it names exist, it is declared once) and added to the schema, so
 * that later steps know what depends on what (K4090), and to the plan, so that `status` checks it.
 */
export function compileExternal(cx: MigrationContext, item: A.ExternalObject): void {
  const kind = item.objectKind.name as ExternalKind;
  if (!(EXTERNAL_KINDS as readonly string[]).includes(kind)) {
    const m = closestMatch(kind, EXTERNAL_KINDS);
    report(cx, "K2090", item.objectKind.span, `kmig knows no kind of object called \`${kind}\``, { label: "not a kind of object kmig knows", help: m ? `did you mean \`external ${m}\`?` : `the kinds are ${EXTERNAL_KINDS.join(", ")}` });
    return;
  }
  if (!clausesFit(cx, item, kind)) return;
  const decl: ExternalDecl = {
    kind,
    name: item.name.name,
    args: item.args?.value ?? null,
    on: item.on?.name ?? null,
    partitionOf: item.partitionOf?.name ?? null,
    reads: item.reads.map((r) => ({ table: r.table.name, columns: r.columns.map((c) => c.name) })),
    origin: originOf(cx, item.span),
  };
  if (cx.schema.externals.some((e) => sameObject(e, decl)) || (RELATIONS.has(kind) && (cx.schema.tables.has(decl.name) || cx.schema.sequences.has(decl.name)))) {
    report(cx, "K2092", item.name.span, `\`${decl.name}\` is already declared in this chain`, { label: "declared again here", help: "declare each object once: as `external`, or with kmig's own item (`create table`, `create sequence`), not both" });
    return;
  }
  if (!namesExist(cx, item)) return;
  cx.schema = { ...cx.schema, externals: [...cx.schema.externals, decl] };
  cx.externals.push(decl);
}

/** Each clause only where its kind has it: `on` for triggers and policies, `(…)` for functions, `reads` for views, `partition of` for tables. */
function clausesFit(cx: MigrationContext, item: A.ExternalObject, kind: ExternalKind): boolean {
  const wrong = (span: A.Span, clause: string, who: string) => {
    report(cx, "K2093", span, `\`${clause}\` does not apply to an external ${kind}`, { label: `not for a ${kind}`, help: `\`${clause}\` is for ${who}` });
    return false;
  };
  if (ON_TABLE.has(kind) && !item.on) {
    report(cx, "K2093", item.name.span, `an external ${kind} belongs to a table: say which`, { label: "on which table?", help: `write \`external ${kind} ${item.name.name} on <table>\`` });
    return false;
  }
  if (!ON_TABLE.has(kind) && item.on) return wrong(item.on.span, "on", "triggers and policies");
  if (!WITH_ARGS.has(kind) && item.args) return wrong(item.args.span, "(…)", "functions, procedures and aggregates");
  if (kind !== "view" && kind !== "materialized view" && item.reads.length > 0) return wrong(item.reads[0].span, "reads", "views and materialized views");
  if (kind !== "table" && kind !== "foreign table" && item.partitionOf) return wrong(item.partitionOf.span, "partition of", "tables");
  return true;
}

/** The tables and columns named by `on`, `partition of` and `reads` exist (tables, or external relations). */
function namesExist(cx: MigrationContext, item: A.ExternalObject): boolean {
  const relations = [...cx.schema.tables.keys(), ...cx.schema.externals.filter((e) => RELATIONS.has(e.kind)).map((e) => e.name)];
  const known = (t: A.Ident) => {
    if (relations.includes(t.name)) return true;
    report(cx, "K2001", t.span, `table \`${t.name}\` does not exist`, { help: didYouMean(t.name, relations) });
    return false;
  };
  for (const t of [item.on, item.partitionOf]) if (t && !known(t)) return false;
  for (const r of item.reads) {
    if (!known(r.table)) return false;
    const table = cx.schema.tables.get(r.table.name);
    if (!table) continue;
    for (const c of r.columns) {
      if (getColumn(table, c.name)) continue;
      report(cx, "K2002", c.span, `column \`${c.name}\` does not exist on table \`${table.name}\``, { help: didYouMean(c.name, table.columns.map((x) => x.name)) });
      return false;
    }
  }
  return true;
}

function sameObject(a: ExternalDecl, b: ExternalDecl): boolean {
  const relation = RELATIONS.has(a.kind) && RELATIONS.has(b.kind);
  return a.name === b.name && (relation || (a.kind === b.kind && a.on === b.on && a.args === b.args));
}

/** The external objects that depend on `table` (on `column` of it, when given): views reading it, triggers and policies on it, its partitions. */
export function externalsDependingOn(s: SchemaState, table: string, column: string | null): ExternalDecl[] {
  return s.externals.filter((e) => {
    if (column === null && (e.on === table || e.partitionOf === table)) return true;
    return e.reads.some((r) => r.table === table && (column === null || r.columns.includes(column)));
  });
}

/** `view v`, `trigger t on x`: how a message names an external object. */
export function externalLabel(e: ExternalDecl): string {
  return `${e.kind} ${e.name}${e.args !== null ? `(${e.args})` : ""}${e.on ? ` on ${e.on}` : ""}`;
}

/** After `rename table from -> to`: external objects name the new table. */
export function externalsFollowTable(s: SchemaState, from: string, to: string): SchemaState {
  const rn = (t: string | null) => (t === from ? to : t);
  const externals = s.externals.map((e) => ({ ...e, on: rn(e.on), partitionOf: rn(e.partitionOf), reads: e.reads.map((r) => ({ ...r, table: r.table === from ? to : r.table })) }));
  return { ...s, externals };
}

/** After `rename from -> to` of a column of `table`: views read the new name (PostgreSQL follows the column, not its name). */
export function externalsFollowColumn(s: SchemaState, table: string, from: string, to: string): SchemaState {
  if (!s.externals.some((e) => e.reads.some((r) => r.table === table))) return s;
  const externals = s.externals.map((e) => ({ ...e, reads: e.reads.map((r) => (r.table === table ? { ...r, columns: r.columns.map((c) => (c === from ? to : c)) } : r)) }));
  return { ...s, externals };
}

/**
 * K4090: a step that PostgreSQL refuses while views (or, for a table, triggers, policies and
 * partitions declared external) depend on what it changes. Reported; true when there are any.
 */
export function externalDependents(cx: MigrationContext, span: A.Span, table: string, column: string | null, done: string): boolean {
  const recreating = cx.recreatingViewsOf === table && column !== null;
  const isView = (d: ExternalDecl) => d.kind === "view" || d.kind === "materialized view";
  // `recreate views`: the views are dropped around a type change and made again (a drop would leave them reading a column that is gone).
  const deps = externalsDependingOn(cx.schema, table, column).filter((d) => !(recreating && done === "changed in type" && isView(d)));
  if (deps.length === 0) return false;
  const why = recreating && deps.some(isView) ? ["`recreate views` makes the views again from their definitions, which read the column: redefine them first (a `sql` item with its `reverse`)"] : [];
  const what = column === null ? `table \`${table}\`` : `\`${table}.${column}\``;
  report(cx, "K4090", span, `${what} cannot be ${done}: ${deps.map(externalLabel).join(", ")} depend${deps.length === 1 ? "s" : ""} on it`, {
    label: `PostgreSQL refuses this while ${deps.length === 1 ? "it exists" : "they exist"}`,
    help:
      done === "changed in type" && !recreating && deps.every(isView)
        ? "say `recreate views` in the table's block: kmig drops the views before the change and makes them again after it"
        : `keep ${what} while ${deps.length === 1 ? "that object depends" : "those objects depend"} on it: kmig does not change objects it does not manage`,
    notes: [...deps.map((d) => `${externalLabel(d)} is declared at ${d.origin.file}:${d.origin.line}`), ...why],
  });
  return true;
}
