import type { Span } from "../../grammar/ast.js";
import type { BackfillStep, Reversibility, StashLayout } from "../../core/plan.js";
import { RANGE_MARKER, UPTO_MARKER } from "../../core/plan.js";
import { lowerSql } from "../expr/lower-sql.js";
import { mapIr } from "../ir/build.js";
import type { IrExpr } from "../ir/expr.js";
import { sqlType, type Type } from "../../core/types.js";
import { getColumn, primaryKey, type TableState } from "../model/schema.js";
import { ident, identList, KMIG_SCHEMA, qualified } from "../sql/quote.js";
import { newStashName, nextStepId, noteIfIrreversible, originOf, report, type MigrationContext, type TableMapping } from "../migration/context.js";
import type { Assignment, InverseResult } from "../rollback/assignment.js";
import { deriveInverse } from "../rollback/inverse.js";
import { backfillMapUses } from "./backfill-maps.js";
import { changedSinceWritten, writtenJoin, writtenLayout, type WrittenLayout } from "./backfill-written.js";
import { variesPerCall } from "../expr/volatility.js";
import { refusedVolatileMappings } from "./citus-rules.js";

/**
 * The data step of a table block: one UPDATE computing every mapped column from the old row,
 * preceded by keeping, in a stash keyed by primary key, exactly the originals its inverse cannot
 * recompute; and the restore that undoes it.
 */
export function compileBackfill(cx: MigrationContext, table: TableState, assignments: readonly Assignment[], physical: ReadonlyMap<string, string>, span: Span): { stepId: string; inverses: TableMapping["assignments"] } {
  refusedVolatileMappings(cx, table, assignments);
  const t = ident(table.name);
  const oldSql = (c: string) => ident(physical.get(c) ?? c);
  const newSql = (c: string) => ident(c);
  const lowerOld = (e: IrExpr) => lowerSql(e, { column: (c, side) => (side === "old" ? oldSql(c) : newSql(c)), maps: cx.maps });
  const lowerNew = (e: IrExpr) => lowerSql(e, { column: (c) => newSql(c), maps: cx.maps });
  const newColumns = new Map<string, Type>(table.columns.map((c) => [c.name, c.type]));
  const inverses = assignments.map((a) => ({ a, inv: deriveInverse(cx, table.name, a, assignments, newColumns) }));
  const keyNames = primaryKey(table) ?? [];
  const key = keyNames.map((k) => ({ column: k, sqlType: sqlType(getColumn(table, k)?.type ?? { kind: "error" }) }));
  const stashed = inverses.filter((x) => x.inv.kind === "stash" && x.a.destroys);
  if (stashed.length > 0 && key.length === 0) {
    report(cx, "K4006", span, `table \`${table.name}\` has no primary key, so the originals this mapping overwrites cannot be kept for rollback`, { help: "add a primary key first, or mark the mapping `irreversible 'why'`" });
  } else if (key.length === 0) {
    report(cx, "K4014", span, `table \`${table.name}\` has no primary key, so this backfill runs as one UPDATE: it cannot be batched or resumed`, { help: "add a primary key to the table (in the baseline, or with `add primary key (…)` in an earlier block)" });
  }
  const set = assignments.map((a) => {
    const sql = lowerOld(a.value);
    const cast = a.targetType.kind === "json" && a.targetType.storage === "json" ? `(${sql})::json` : sql;
    return { column: a.target, sql: cast, origin: originOf(cx, a.span) };
  });
  const update = `UPDATE ${t} SET ${set.map((s) => `${ident(s.column)} = ${s.sql}`).join(", ")} WHERE true ${RANGE_MARKER}`;
  const stash: StashLayout | null =
    stashed.length > 0 && key.length > 0
      ? {
          schema: KMIG_SCHEMA,
          table: newStashName(cx, table.name),
          key,
          columns: stashed.map(({ a, inv }) => {
            const d = a.destroys as { column: string; type: Type };
            return { column: physical.get(d.column) ?? d.column, sqlType: sqlType(d.type), predicate: stashPredicate(inv, a, assignments, physical, lowerOld) };
          }),
        }
      : null;
  const written = writtenLayout(cx, table.name, key, assignments);
  const prepare = [...(stash ? stashDdl(stash) : []), ...(written?.prepare.slice(stash ? 1 : 0) ?? [])];
  const perBatch = [...(stash ? [stashInsert(stash, t)] : []), update, ...(written ? [written.perBatch] : [])];
  const whole = [...prepare, ...perBatch].map((s) => s.replace(RANGE_MARKER, "").replace(/ WHERE true\s*$/, "").trimEnd());
  const restore = restoreSql(cx, t, inverses, stash, lowerNew, physical);
  const down = restore && written ? [...restore, written.drop] : restore;
  const step: BackfillStep = {
    kind: "backfill",
    id: nextStepId(cx, "backfill"),
    op: "backfill",
    summary: `backfill ${table.name}: ${assignments.map((a) => a.target).join(", ")}`,
    origin: originOf(cx, span),
    table: table.name,
    key,
    assignments: set,
    stash,
    up: whole,
    down,
    batch: { prepare, perBatch },
    reversibility: classify(inverses.map((x) => x.inv)),
    transactional: true,
    lossChecks: [lossCheck(cx, table.name, assignments, inverses, stash, physical, written, key)],
    maps: backfillMapUses(cx, assignments, lowerOld),
  };
  cx.steps.push(step);
  cx.stepSchemas.push(cx.schema);
  noteIfIrreversible(cx, span, step);
  return { stepId: step.id, inverses: inverses.map(({ a, inv }) => ({ assignment: a, inverse: inv })) };
}

/** True where the candidate inverse would not give the original back: those rows are stashed. */
function stashPredicate(inv: InverseResult, a: Assignment, all: readonly Assignment[], physical: ReadonlyMap<string, string>, lowerOld: (e: IrExpr) => string): string {
  const d = a.destroys as { column: string; type: Type };
  const original = lowerOld({ kind: "column", column: d.column, side: "old", type: d.type, span: a.span });
  // A mapping evaluated again gives another value: whether the inverse gets the original back cannot be told before the UPDATE.
  if (variesPerCall(a.value)) return "true";
  if (!inv.g) return `${original} IS NOT NULL`;
  const renamedBack = new Map([...physical.entries()].map(([o, n]) => [n, o]));
  // g reads the new row; before the update the new row is what the mappings compute from the old one.
  const composed = mapIr(inv.g, (x) => {
    if (x.kind !== "column" || x.side !== "new") return x;
    const mapped = all.find((m) => m.target === x.column);
    if (mapped) return mapped.value;
    return { ...x, side: "old", column: renamedBack.get(x.column) ?? x.column };
  });
  return `(${lowerOld(composed)}) IS DISTINCT FROM ${original}`;
}

function stashDdl(s: StashLayout): string[] {
  const cols = [...s.key.map((k) => `${ident(k.column)} ${k.sqlType} NOT NULL`), ...s.columns.flatMap((c) => [`${ident(c.column)} ${c.sqlType}`, `${ident(`${c.column}__kept`)} boolean NOT NULL`])];
  return [`CREATE SCHEMA IF NOT EXISTS ${ident(s.schema)}`, `CREATE TABLE IF NOT EXISTS ${qualified(s.schema, s.table)} (${cols.join(", ")}, PRIMARY KEY (${identList(s.key.map((k) => k.column))}))`];
}

function stashInsert(s: StashLayout, t: string): string {
  const keys = s.key.map((k) => ident(k.column));
  const target = [...keys, ...s.columns.flatMap((c) => [ident(c.column), ident(`${c.column}__kept`)])];
  // A row is stashed when any column's original must be kept; the other columns' values are not needed.
  const values = [...keys, ...s.columns.flatMap((c) => [`CASE WHEN ${c.predicate} THEN ${ident(c.column)} END`, `COALESCE(${c.predicate}, false)`])];
  const any = s.columns.map((c) => `(${c.predicate})`).join(" OR ");
  return `INSERT INTO ${qualified(s.schema, s.table)} (${target.join(", ")}) SELECT ${values.join(", ")} FROM ${t} WHERE (${any}) ${RANGE_MARKER}`;
}

function restoreSql(
  cx: MigrationContext,
  t: string,
  inverses: readonly { a: Assignment; inv: InverseResult }[],
  stash: StashLayout | null,
  lowerNew: (e: IrExpr) => string,
  physical: ReadonlyMap<string, string>,
): string[] | null {
  if (inverses.some((x) => x.inv.kind === "irreversible")) return null;
  const recompute = inverses.filter(({ a, inv }) => a.destroys && inv.g && !(inv.g.kind === "column" && inv.g.column === (physical.get(a.destroys.column) ?? a.destroys.column)));
  const columnOf = (a: Assignment) => physical.get((a.destroys as { column: string }).column) ?? (a.destroys as { column: string }).column;
  if (!stash) {
    if (recompute.length === 0) return [];
    return [`UPDATE ${t} SET ${recompute.map(({ a, inv }) => `${ident(columnOf(a))} = ${lowerNew(inv.g as IrExpr)}`).join(", ")} WHERE true ${UPTO_MARKER}`];
  }
  const s = qualified(stash.schema, stash.table);
  const join = stash.key.map((k) => `${t}.${ident(k.column)} = s.${ident(k.column)}`).join(" AND ");
  const fromStash = (c: string, otherwise: string) => `CASE WHEN s.${ident(`${c}__kept`)} THEN s.${ident(c)} ELSE ${otherwise} END`;
  if (recompute.length === 0) {
    // Only the stashed rows change: join them.
    const sets = stash.columns.map((c) => `${ident(c.column)} = ${fromStash(c.column, `${t}.${ident(c.column)}`)}`);
    return [`UPDATE ${t} SET ${sets.join(", ")} FROM ${s} AS s WHERE ${join} ${UPTO_MARKER}`, `DROP TABLE ${s}`];
  }
  // Every row changes, each written once (a second write of a row in the same transaction fires its
  // foreign-key checks again): the rows without a stash row recomputed, then the stashed rows joined
  // to the stash. Joins, not a sub-select per row: a hash join is faster on one node, and on Citus a
  // correlated sub-select over a distributed stash becomes a quadratic distributed subplan, where a
  // join on the key (which holds the distribution column) runs on each shard as it is.
  // Columns are qualified: next to the stash a bare name could mean the stash's column.
  const lowerQualified = (e: IrExpr) => lowerSql(e, { column: (c) => `${t}.${ident(c)}`, maps: cx.maps });
  const recomputed = new Map(recompute.map(({ a, inv }) => [columnOf(a), lowerQualified(inv.g as IrExpr)]));
  const targets = [...new Set([...recomputed.keys(), ...stash.columns.map((c) => c.column)])];
  const assign = (columns: readonly string[], value: (c: string) => string) => columns.map((c) => `${ident(c)} = ${value(c)}`).join(", ");
  const unstashed = (c: string) => recomputed.get(c) ?? `${t}.${ident(c)}`;
  const stashed = (c: string) => (stash.columns.some((k) => k.column === c) ? fromStash(c, unstashed(c)) : unstashed(c));
  const kept = stash.key.map((k) => `s.${ident(k.column)} = ${t}.${ident(k.column)}`).join(" AND ");
  return [
    `UPDATE ${t} SET ${assign([...recomputed.keys()], unstashed)} WHERE NOT EXISTS (SELECT 1 FROM ${s} AS s WHERE ${kept}) ${UPTO_MARKER}`,
    `UPDATE ${t} SET ${assign(targets, stashed)} FROM ${s} AS s WHERE ${join} ${UPTO_MARKER}`,
    `DROP TABLE ${s}`,
  ];
}

/**
 * Rows whose mapped columns hold values that "rollback, then apply again" would not give back:
 * data written after the migration. The old row is rebuilt as the restore would rebuild it.
 */
function lossCheck(
  cx: MigrationContext,
  table: string,
  assignments: readonly Assignment[],
  inverses: readonly { a: Assignment; inv: InverseResult }[],
  stash: StashLayout | null,
  physical: ReadonlyMap<string, string>,
  written: WrittenLayout | null,
  key: BackfillStep["key"],
): { what: string; sql: string } {
  const t = ident(table);
  const inNew = (c: string) => `${t}.${ident(c)}`;
  const recon = (old: string): string => {
    const phys = physical.get(old) ?? old;
    const found = inverses.find((x) => x.a.destroys?.column === old);
    if (!found) return inNew(phys);
    const g = found.inv.g ? lowerSql(found.inv.g, { column: (c) => inNew(c), maps: cx.maps }) : "NULL";
    const kept = stash?.columns.find((c) => c.column === phys);
    return kept ? `(CASE WHEN s.${ident(`${phys}__kept`)} THEN s.${ident(phys)} ELSE ${g} END)` : `(${g})`;
  };
  // A mapping that gives another value on each evaluation is compared with what it wrote, never evaluated again.
  const conds = assignments.map((a) =>
    written?.targets.includes(a.target) ? changedSinceWritten(t, a.target) : `${inNew(a.target)} IS DISTINCT FROM (${lowerSql(a.value, { column: (c, side) => (side === "old" ? recon(c) : inNew(c)), maps: cx.maps })})`,
  );
  const join = (stash ? ` LEFT JOIN ${qualified(stash.schema, stash.table)} AS s ON ${stash.key.map((k) => `${t}.${ident(k.column)} = s.${ident(k.column)}`).join(" AND ")}` : "") + (written ? writtenJoin(written, t, key) : "");
  return { what: `rows of ${table} whose ${assignments.map((a) => a.target).join(", ")} were changed after the migration`, sql: `SELECT count(*)::bigint AS n FROM ${t}${join} WHERE ${conds.join(" OR ")}` };
}

function classify(invs: readonly InverseResult[]): Reversibility {
  const whys = invs.map((i) => i.why).filter((w) => w.length > 0);
  const why = whys.length > 0 ? whys.join("; ") : "new columns only: rollback drops them";
  if (invs.some((i) => i.kind === "irreversible")) return { kind: "irreversible", why };
  if (invs.some((i) => i.kind === "lossy")) return { kind: "lossy", why };
  if (invs.some((i) => i.kind === "stash")) return { kind: "stash", why };
  return { kind: "reversible", why };
}
