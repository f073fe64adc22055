import type * as A from "../../grammar/ast.js";
import { sameBase, showType, type Type } from "../../core/types.js";
import { getColumn, putSequence, putTable, replaceColumn, type ColumnState, type TableState } from "../model/schema.js";
import { ident } from "../sql/quote.js";
import { addSqlStep, createdHere, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { stashSequences } from "./sequence-stash.js";
import { columnSql } from "./column-def.js";
import { checkDefault } from "./column-default.js";
import { createSequenceSql, ownedBySql } from "./column-sequence.js";
import type { SequenceState } from "../model/sequence.js";
import type { LossCheck, RestoreCheck, Reversibility } from "../../core/plan.js";
import { restoreCheck } from "./restore-check.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { lowerSql } from "../expr/lower-sql.js";
import { columnTypes, rowScope } from "../migration/scopes.js";
import { followColumnRename } from "./follow-rename.js";
import { externalsFollowColumn } from "./external.js";
import { fitsColumnLimit } from "./column-limit.js";
import { columnComments } from "./comments.js";
import { columnChange } from "./change-data.js";
import { lowersOn, setNotNullSteps } from "./safe-lowering.js";

/** The table as it stands now in the model. */
export function current(cx: MigrationContext, table: string): TableState {
  return cx.schema.tables.get(table) as TableState;
}

function update(cx: MigrationContext, t: TableState): void {
  cx.schema = putTable(cx.schema, t);
}

/**
 * `add col type …`: the column (nullable while a mapping still has to fill it). A serial's sequence
 * is created before it and owned by it; an identity's comes with it. Existing rows get the default,
 * the next numbers of the sequence, or the generated value, as PostgreSQL gives them.
 */
export function addColumnStep(cx: MigrationContext, table: string, col: ColumnState, span: A.Span, fillLater: boolean, sequence: SequenceState | null): void {
  // Reported, and added all the same: later steps that use the column then check as usual.
  fitsColumnLimit(cx, table, current(cx, table).columns.length + 1, span);
  const ddl = fillLater && !col.default ? { ...col, type: { ...col.type, nullable: true } as Type } : col;
  if (sequence) cx.schema = putSequence(cx.schema, sequence);
  const serial = sequence && !sequence.identity ? sequence : null;
  // Rows that exist draw numbers from a sequence the column does not own: rollback sets it back.
  const drawn = !sequence && col.default?.sequence && !createdHere(cx, table) ? cx.schema.sequences.get(col.default.sequence) : undefined;
  const stash = stashSequences(cx, table, `${col.name}_seq`, drawn ? [drawn] : [], true);
  addSqlStep(cx, span, {
    change: { op: "add-column", table, column: columnChange(ddl), sequence: serial?.name ?? null },
    summary: `add column ${table}.${col.name} ${showType(col.type)}${columnExtras(col)}`,
    table,
    up: [...stash.keep, ...(serial ? [createSequenceSql(serial)] : []), `ALTER TABLE ${ident(table)} ADD COLUMN ${columnSql(ddl, cx.schema.sequences)}`, ...(serial ? [ownedBySql(serial)] : []), ...columnComments(table, [col]), ...stash.keepAfter],
    down: [`ALTER TABLE ${ident(table)} DROP COLUMN ${ident(col.name)}`, ...stash.restore, ...stash.cleanup],
    reversibility: drawn
      ? { kind: "stash", why: `a new column: rollback drops it and sets ${drawn.name}, which numbered the rows, back to where it was` }
      : REVERSIBLE(`a new column: rollback drops it${sequence ? ` and its sequence ${sequence.name}` : ""} (refusing if values were written since, unless --accept-data-loss)`),
    lossChecks: [...(fillLater ? [] : addedColumnLoss(table, col)), ...stash.lossChecks],
  });
  const t = current(cx, table);
  update(cx, { ...t, columns: [...t.columns, ddl] });
}

/** What `kmig explain` adds after the type: the default, identity or generated expression. */
function columnExtras(col: ColumnState): string {
  if (col.identity) return ` generated ${col.identity.always ? "always" : "by default"} as identity (sequence ${col.identity.sequence})`;
  if (col.generated) return ` generated always as (${col.generated.sql}) stored`;
  return col.default ? ` default ${col.default.sql}` : "";
}

/**
 * Rows whose value rollback would lose: those other than the default. A mapped column is checked by
 * its backfill; a column whose values the database makes up (a volatile default, an identity, a
 * generated expression) holds nothing that was written to it unless it was updated — not detectable.
 */
function addedColumnLoss(table: string, col: ColumnState): LossCheck[] {
  if (col.identity || col.generated || col.default?.volatile) return [];
  return [{ what: `values in column ${table}.${col.name} other than its default`, sql: `SELECT count(*)::bigint AS n FROM ${ident(table)} WHERE ${ident(col.name)} IS DISTINCT FROM ${col.default ? `(${col.default.sql})` : "NULL"}` }];
}

/** `rename a -> b [default d]`. Indexes and constraints follow the column, as in PostgreSQL. */
export function renameColumnStep(cx: MigrationContext, table: string, from: string, to: string, def: A.Expr | null, span: A.Span): void {
  const t = current(cx, table);
  const col = getColumn(t, from) as ColumnState;
  const up = [`ALTER TABLE ${ident(table)} RENAME COLUMN ${ident(from)} TO ${ident(to)}`];
  const down = [`ALTER TABLE ${ident(table)} RENAME COLUMN ${ident(to)} TO ${ident(from)}`];
  let next: ColumnState = { ...col, name: to };
  if (def) {
    const d = checkDefault(cx, def, `the default of \`${table}.${to}\``, col.type);
    if (d) {
      up.push(`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(to)} SET DEFAULT ${d.sql}`);
      down.unshift(col.default ? `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(to)} SET DEFAULT ${col.default.sql}` : `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(to)} DROP DEFAULT`);
      next = { ...next, default: d };
    }
  }
  const change = { op: "rename-column", table, from, to, default: next.default !== col.default ? (next.default?.sql ?? null) : null } as const;
  addSqlStep(cx, span, { change, summary: `rename column ${table}.${from} to ${to}${def ? " (new default)" : ""}`, table, up, down, reversibility: REVERSIBLE("a rename is undone by renaming back") });
  update(cx, replaceColumn(t, from, next));
  cx.schema = externalsFollowColumn(followColumnRename(cx.schema, table, from, to, cx.maps), table, from, to);
}

/** `alter c set default e` / `drop default`. */
export function defaultStep(cx: MigrationContext, table: string, column: string, expr: A.Expr | null, span: A.Span): void {
  const t = current(cx, table);
  const col = getColumn(t, column) as ColumnState;
  if (col.generated || col.identity) {
    report(cx, "K3040", span, `\`${table}.${column}\` is ${col.generated ? "a generated column" : "an identity column"}: it has no default`, { help: col.generated ? "PostgreSQL computes its value from the row" : "its values come from its sequence" });
    return;
  }
  const d = expr ? checkDefault(cx, expr, `the default of \`${table}.${column}\``, col.type) : null;
  if (expr && !d) return;
  const set = (sql: string | null) => `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} ${sql ? `SET DEFAULT ${sql}` : "DROP DEFAULT"}`;
  addSqlStep(cx, span, {
    change: d ? { op: "set-default", table, column, default: d.sql } : { op: "drop-default", table, column },
    summary: d ? `set default of ${table}.${column} to ${d.sql}` : `drop default of ${table}.${column}`,
    table,
    up: [set(d ? d.sql : null)],
    down: [set(col.default ? col.default.sql : null)],
    reversibility: REVERSIBLE(col.default ? `the previous default ${col.default.sql} comes back` : "the column had no default before"),
  });
  update(cx, replaceColumn(t, column, { ...col, default: d }));
}

/** `alter c set not null` / `drop not null`. */
export function nullabilityStep(cx: MigrationContext, table: string, column: string, notNull: boolean, span: A.Span, inverse: A.StepInverse | null = null): void {
  const t = current(cx, table);
  const col = getColumn(t, column) as ColumnState;
  const stmt = (nn: boolean) => `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} ${nn ? "SET" : "DROP"} NOT NULL`;
  const after = replaceColumn(t, column, { ...col, type: { ...col.type, nullable: !notNull } as Type });
  const back = notNull ? { down: [stmt(false)], reversibility: REVERSIBLE("rollback allows NULL again"), restoreChecks: [] } : restoreNotNull(cx, after, column, stmt(true), inverse);
  const wasNullable = col.type.kind !== "null" && col.type.kind !== "error" && col.type.nullable;
  if (notNull && wasNullable && lowersOn(cx, table)) setNotNullSteps(cx, table, column, span, stmt(true), back);
  else addSqlStep(cx, span, { change: { op: notNull ? "set-not-null" : "drop-not-null", table, column }, summary: `${notNull ? "set" : "drop"} not null on ${table}.${column}`, table, up: [stmt(notNull)], ...back });
  update(cx, after);
}

/**
 * How rollback sets NOT NULL again after `drop not null`: a declared `reverse` first fills the
 * NULLs written since (lossy: what it writes is the spec's choice); rows still NULL then (all of
 * them, without a reverse) stop the rollback, named, before anything is changed.
 */
function restoreNotNull(cx: MigrationContext, t: TableState, column: string, setNotNull: string, inverse: A.StepInverse | null): { down: string[] | null; reversibility: Reversibility; restoreChecks: RestoreCheck[] } {
  const c = `${t.name}.${column}`;
  if (inverse?.kind === "IrreversibleClause") return { down: null, reversibility: { kind: "irreversible", why: `declared irreversible: ${inverse.reason.value}` }, restoreChecks: [] };
  if (inverse?.kind !== "ReverseClause") {
    return {
      down: [setNotNull],
      reversibility: REVERSIBLE("rollback sets NOT NULL again (if NULLs were written since, it names those rows and stops)"),
      restoreChecks: [restoreCheck(t, `${ident(column)} IS NULL`, `hold NULL in ${c}, which rollback makes NOT NULL again`, `fill them first, or declare how rollback fills them: \`alter ${column} drop not null reverse ${column} ?? …\``)],
    };
  }
  const col = getColumn(t, column) as ColumnState;
  const g = checkFits(checkExpr(inverse.expr, rowScope(cx, t.name, columnTypes(t))), { what: `the reverse of \`drop not null\` on \`${c}\``, type: { ...col.type, nullable: false } as Type }, cx.file, cx.diags, inverse.expr.span);
  const value = lowerSql(g, { column: (x) => ident(x), maps: cx.maps });
  return {
    down: [`UPDATE ${ident(t.name)} SET ${ident(column)} = ${value} WHERE ${ident(column)} IS NULL`, setNotNull],
    reversibility: { kind: "lossy", why: `rollback fills the NULLs written since in \`${column}\` with the declared reverse, then sets NOT NULL again` },
    restoreChecks: [restoreCheck(t, `${ident(column)} IS NULL AND (${value}) IS NULL`, `hold NULL in ${c} where the declared reverse gives NULL too, and rollback makes ${c} NOT NULL again`, "fill them first, or make the reverse give a value for them")],
  };
}

/** Safe casts PostgreSQL does without `using`, and whether they can lose information. */
export function typeChangeKind(from: Type, to: Type): "same" | "widening" | "narrowing" | "needs-using" {
  if (sameBase(from, to)) return "same";
  // An enum's values are its labels: text holds every one (and casts back exactly); the way back may meet text that is no label.
  if (from.kind === "enum" && to.kind === "scalar" && (to.name === "text" || (to.name === "varchar" && to.args.length === 0))) return "widening";
  if (to.kind === "enum" && from.kind === "scalar" && ["text", "varchar", "char", "bpchar"].includes(from.name)) return "narrowing";
  if (from.kind !== "scalar" || to.kind !== "scalar") return from.kind === "json" && to.kind === "json" ? "widening" : "needs-using";
  const rank: Record<string, number> = { smallint: 1, integer: 2, bigint: 3, numeric: 4 };
  if (rank[from.name] && rank[to.name]) return rank[to.name] > rank[from.name] ? "widening" : "narrowing";
  const texty = ["text", "varchar", "char", "bpchar"];
  if (texty.includes(from.name) && texty.includes(to.name)) {
    if (to.name === "text" || (to.name === "varchar" && (to.args[0] === undefined || (from.args[0] !== undefined && to.args[0] >= from.args[0])))) return "widening";
    return "narrowing";
  }
  if (texty.includes(to.name)) return "widening";
  if (from.name === "timestamp" && to.name === "timestamptz") return "widening";
  if (from.name === "time" && to.name === "timetz") return "widening";
  if (from.name === to.name && PRECISION_TYPES.has(to.name)) return holdsEvery(from, to) ? "widening" : "narrowing";
  if ((from.name === "bit" || from.name === "varbit") && to.name === "varbit") return to.args[0] === undefined || to.args[0] >= (from.args[0] ?? 1) ? "widening" : "narrowing";
  if (from.name === "varbit" && to.name === "bit") return "narrowing";
  return "needs-using";
}

/** Types whose argument is a number of fractional digits of seconds (6 when none is written). */
const PRECISION_TYPES = new Set(["time", "timetz", "timestamp", "timestamptz", "interval"]);

/** Whether every value of `from` is a value of `to`: as many fractional digits, and (intervals) no field dropped. */
function holdsEvery(from: Type & { kind: "scalar" }, to: Type & { kind: "scalar" }): boolean {
  if (to.fields !== undefined && to.fields !== from.fields) return false;
  return (to.args[0] ?? 6) >= (from.args[0] ?? 6);
}
