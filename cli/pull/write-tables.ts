import type { PulledColumn, PulledConstraint, PulledIndex, PulledTable } from "../../runtime/pull/read-tables.js";
import type { PulledSequence } from "../../runtime/pull/read-objects.js";
import { checkBody, kmigName, kmigString, sqlToKmig } from "./sql-expr.js";

/** What the writer could not say, one line each (the header and the command's warnings list them). */
export type Unsaid = string[];

/** How Citus spreads a table, as its `create table` line says it (cli/pull/write-baseline.ts). */
export interface TableSpread {
  readonly reference: boolean;
  /** ` distributed by (c) [colocate with t]`, or "". */
  readonly suffix: string;
}

const FK_ACTIONS: Record<string, string | null> = { a: null, r: "restrict", c: "cascade", n: "set null", d: "set default" };
const SERIALS: Record<string, string> = { smallint: "smallserial", integer: "serial", bigint: "bigserial" };
const TYPE_MAX: Record<string, string> = { smallint: "32767", integer: "2147483647", bigint: "9223372036854775807" };

/** The sequences written as `serial` columns: owned by their column, named as PostgreSQL names a serial's, with a serial's options. */
export function serialSequences(tables: readonly PulledTable[], sequences: readonly PulledSequence[]): Set<string> {
  const out = new Set<string>();
  for (const q of sequences) {
    if (!q.owner || q.identity || q.name !== `${q.owner.table}_${q.owner.column}_seq`) continue;
    const col = tables.find((t) => t.name === q.owner?.table)?.columns.find((c) => c.name === q.owner?.column);
    if (!col || !col.notNull || col.type !== q.type || !SERIALS[col.type]) continue;
    if (col.default !== `nextval('${q.name}'::regclass)` && col.default !== `nextval('"${q.name}"'::regclass)`) continue;
    if (q.start !== "1" || q.increment !== "1" || q.min !== "1" || q.max !== TYPE_MAX[q.type] || q.cache !== "1" || q.cycle) continue;
    out.add(q.name);
  }
  return out;
}

/** `create sequence s as T …` with the options that differ from PostgreSQL's defaults for its type and direction. */
export function sequenceLine(q: PulledSequence): string {
  const asc = !q.increment.startsWith("-");
  const opts: string[] = [`create sequence ${kmigName(q.name)}`];
  if (q.type !== "bigint") opts.push(`as ${q.type}`);
  const max = TYPE_MAX[q.type] ?? "9223372036854775807";
  const min = q.type === "bigint" ? "-9223372036854775808" : `-${Number(max) + 1}`;
  const defMin = asc ? "1" : min;
  const defMax = asc ? max : "-1";
  if (q.start !== (asc ? q.min : q.max)) opts.push(`start with ${signed(q.start)}`);
  if (q.increment !== "1") opts.push(`increment by ${signed(q.increment)}`);
  if (q.min !== defMin) opts.push(`minvalue ${signed(q.min)}`);
  if (q.max !== defMax) opts.push(`maxvalue ${signed(q.max)}`);
  if (q.cache !== "1") opts.push(`cache ${q.cache}`);
  if (q.cycle) opts.push("cycle");
  return opts.join(" ");
}

const signed = (n: string) => n;

/** `identity (start with 10 …)` options that differ from the identity sequence's defaults. */
function identityOptions(q: PulledSequence | undefined): string {
  if (!q) return "";
  const line = sequenceLine({ ...q, type: "bigint" === q.type ? "bigint" : q.type });
  const opts = line.replace(/^create sequence \S+( as \w+)?/, "").trim();
  return opts ? ` (${opts})` : "";
}

/** A column's line in `create table`, or null (and a note in `unsaid`) when kmig cannot say it. */
function columnLine(t: PulledTable, c: PulledColumn, serials: ReadonlySet<string>, sequences: readonly PulledSequence[], inlinePk: boolean, inlineUnique: boolean, unsaid: Unsaid): string {
  const owned = sequences.find((q) => q.owner?.table === t.name && q.owner.column === c.name && serials.has(q.name));
  const parts = [kmigName(c.name), owned ? SERIALS[c.type] : `${c.type}${c.notNull ? "" : "?"}`];
  if (inlinePk) parts.push("primary key");
  if (inlineUnique) parts.push("unique");
  if (c.identity) {
    const q = sequences.find((x) => x.identity && x.owner?.table === t.name && x.owner.column === c.name);
    parts.push(`generated ${c.identity === "a" ? "always" : "by default"} as identity${identityOptions(q)}`);
  } else if (c.generated !== null) {
    const e = sqlToKmig(c.generated);
    if (e === null) unsaid.push(`the generated column ${t.name}.${c.name} (GENERATED ALWAYS AS (${c.generated}) STORED): its expression is not one kmig can say`);
    else parts.push(`generated always as (${e}) stored`);
  } else if (c.default !== null && !owned) {
    const e = sqlToKmig(c.default);
    if (e === null) unsaid.push(`the default of ${t.name}.${c.name} (DEFAULT ${c.default}): not an expression kmig can say`);
    else parts.push(`default ${e}`);
  }
  if (c.comment !== null) parts.push(`comment ${kmigString(c.comment)}`);
  return parts.join(" ");
}

/** The default name PostgreSQL gives a constraint, when it has no truncation or number in it. */
function defaultName(table: string, c: PulledConstraint): string {
  const suffix = { p: "pkey", u: "key", f: "fkey", c: "check", x: "excl" }[c.type] ?? "";
  if (c.type === "p") return `${table}_pkey`;
  if (c.type === "c" && c.columns.length !== 1) return `${table}_check`;
  return `${table}_${c.columns.join("_")}_${suffix}`;
}

const named = (table: string, c: PulledConstraint) => (c.name === defaultName(table, c) && c.name.length <= 63 ? "" : `constraint ${kmigName(c.name)} `);
const cols = (names: readonly string[]) => `(${names.map(kmigName).join(", ")})`;

/** A table constraint line, or null with a note. */
export function constraintLine(table: string, c: PulledConstraint, unsaid: Unsaid, tables: ReadonlySet<string>): string | null {
  if (c.type === "f" && !tables.has(c.refTable as string)) {
    unsaid.push(`the foreign key ${c.name} on ${table} (${c.def}): the table it references is not one kmig describes`);
    return null;
  }
  const extra = /DEFERRABLE|NOT VALID|MATCH FULL|NO INHERIT|INCLUDE|NULLS NOT DISTINCT| WITH \(|USING INDEX TABLESPACE/.test(c.def);
  if (extra || c.type === "x") {
    unsaid.push(`the constraint ${c.name} on ${table} (${c.def}): kmig cannot say its options yet`);
    return null;
  }
  switch (c.type) {
    case "p":
      return `${named(table, c)}primary key ${cols(c.columns)}`;
    case "u":
      return `${named(table, c)}unique ${cols(c.columns)}`;
    case "f": {
      const del = FK_ACTIONS[c.onDelete];
      const upd = FK_ACTIONS[c.onUpdate];
      return `${named(table, c)}foreign key ${cols(c.columns)} references ${kmigName(c.refTable as string)} ${cols(c.refColumns)}${del ? ` on delete ${del}` : ""}${upd ? ` on update ${upd}` : ""}`;
    }
    case "c": {
      const body = checkBody(c.def);
      const e = body === null ? null : sqlToKmig(body);
      if (e === null) {
        unsaid.push(`the check ${c.name} on ${table} (${c.def}): not an expression kmig can say`);
        return null;
      }
      return `${named(table, c)}check (${e})`;
    }
    default:
      return null;
  }
}

/** An index line, or null with a note (expressions, operator classes, `include`, storage options: issue 13's index options). */
export function indexLine(table: string, i: PulledIndex, unsaid: Unsaid): string | null {
  if (i.columns.some((c) => c === null || !c.defaultOpclass || c.nullsOther) || i.include > 0 || i.options !== null) {
    unsaid.push(`the index ${i.name} on ${table} (${i.def}): kmig cannot say its expressions or options yet`);
    return null;
  }
  const where = i.predicate === null ? "" : sqlToKmig(i.predicate);
  if (where === null) {
    unsaid.push(`the index ${i.name} on ${table} (${i.def}): its WHERE is not an expression kmig can say`);
    return null;
  }
  const list = i.columns.map((c) => `${kmigName((c as { name: string }).name)}${(c as { desc: boolean }).desc ? " desc" : ""}`).join(", ");
  return `${i.unique ? "unique " : ""}index ${kmigName(i.name)}${i.method === "btree" ? "" : ` using ${i.method}`} (${list})${where ? ` where ${where}` : ""}`;
}

/**
 * `create table t { … }` for a table kmig models: columns, then the constraints that are not
 * written on a column, indexes, and the table's comment. `laterFks`: foreign keys to write after
 * every table (to tables written later), which this leaves out.
 */
export function createTableText(t: PulledTable, serials: ReadonlySet<string>, sequences: readonly PulledSequence[], laterFks: ReadonlySet<string>, tables: ReadonlySet<string>, unsaid: Unsaid, spread?: TableSpread): string {
  const own = t.constraints.filter((c) => !c.inherited);
  const pk = own.find((c) => c.type === "p");
  const inlinePk = pk && pk.columns.length === 1 && named(t.name, pk) === "" ? pk : undefined;
  const inlineUniques = own.filter((c) => c.type === "u" && c.columns.length === 1 && named(t.name, c) === "" && !/INCLUDE|NULLS NOT DISTINCT|DEFERRABLE/.test(c.def));
  const lines: string[] = [];
  if (t.comment !== null) lines.push(`comment ${kmigString(t.comment)}`);
  for (const c of t.columns) lines.push(columnLine(t, c, serials, sequences, inlinePk?.columns[0] === c.name, inlineUniques.some((u) => u.columns[0] === c.name), unsaid));
  for (const c of own) {
    if (c === inlinePk || inlineUniques.includes(c) || laterFks.has(c.name)) continue;
    const line = constraintLine(t.name, c, unsaid, tables);
    if (line) lines.push(line);
  }
  for (const i of t.indexes) {
    if (i.forConstraint || i.inherited) continue;
    const line = indexLine(t.name, i, unsaid);
    if (line) lines.push(line);
  }
  if (t.replicaIdentity !== "d") unsaid.push(`the replica identity of ${t.name} (${{ n: "nothing", f: "full", i: `using index ${t.replicaIndex}` }[t.replicaIdentity] ?? t.replicaIdentity})`);
  unsaid.push(...t.unsaid);
  return `create ${spread?.reference ? "reference " : ""}table ${kmigName(t.name)}${spread?.suffix ?? ""} {\n${lines.map((l) => `  ${l}`).join("\n")}\n}`;
}
