import { getColumn, getTable, type ColumnState, type SchemaState } from "../model/schema.js";
import { showType } from "../../core/types.js";
import { rewritesTable } from "./binary-coercible.js";
import { finding, say, type Finding, type LintContext, type Rule } from "./finding.js";
import { blocksNote, lockPhrase } from "./claim-words.js";
import type { LintOp } from "./operations.js";

/**
 * Column changes that scan or rewrite a table with rows. K5007: SET NOT NULL scans under ACCESS
 * EXCLUSIVE (not on PostgreSQL 12+ when a valid CHECK (c IS NOT NULL) proves it); K5008: a type
 * change that is not binary-coercible rewrites the table and its indexes; K5009: ADD COLUMN with
 * a volatile default rewrites; K5022: SET NOT NULL fails on the first NULL; K5024: ADD COLUMN of a
 * stored generated, identity or serial column rewrites.
 */
export const columnRules: Rule = (ops, cx) => ops.flatMap((op) => [...notNull(op, cx, ops), ...typeChange(op, cx), ...addColumn(op, cx)]);

function notNull(op: LintOp, cx: LintContext, all: readonly LintOp[]): Finding[] {
  const s = op.statement;
  if (s.kind !== "set-not-null" || op.newTable) return [];
  const t = getTable(op.before, s.table);
  // A valid CHECK (c IS NOT NULL) proves there is no NULL; on PostgreSQL 12+ SET NOT NULL then skips its scan.
  const proved = (t?.constraints.some((c) => c.kind === "check" && !c.notValid && provesNotNull(c.sql, s.column)) ?? false) || provedBefore(op, all, s.column);
  const out: Finding[] = [];
  if (!(proved && cx.server.pgVersion >= 12)) {
    out.push(finding("K5007", op, say(op, `setting \`${s.table}.${s.column}\` NOT NULL ${lockPhrase("set-not-null", s.table, cx.server.pgVersion)}`, `sets \`${s.table}.${s.column}\` NOT NULL again, which ${lockPhrase("set-not-null", s.table, cx.server.pgVersion)}`), cx.server.pgVersion >= 18 ? `PostgreSQL ${cx.server.pgVersion} can add the NOT NULL \`not valid\` and validate it later (SHARE UPDATE EXCLUSIVE); or first add \`check (${s.column} is not null) not valid\`, \`validate constraint\` it, and then set NOT NULL without a scan` : `first add \`check (${s.column} is not null) not valid\` and \`validate constraint\` it (SHARE UPDATE EXCLUSIVE); PostgreSQL ${cx.server.pgVersion} then sets NOT NULL without scanning`, [blocksNote("set-not-null", cx.server.pgVersion)]));
  }
  const filled = op.direction === "up" && all.some((o) => o.direction === "up" && o.stepIndex < op.stepIndex && o.step.kind === "backfill" && o.step.table === s.table && o.step.assignments.some((a) => a.column === s.column));
  const added = op.direction === "up" && all.some((o) => o.direction === "up" && o.stepIndex <= op.stepIndex && o.statement.kind === "add-column" && o.statement.table === s.table && o.statement.column === s.column);
  // Proven by a check validated in an earlier migration; one validated in this one (kmig's lowering included) fails on a NULL too.
  const provenEarlier = getTable(op.unit.before, s.table)?.constraints.some((c) => c.kind === "check" && !c.notValid && provesNotNull(c.sql, s.column)) ?? false;
  if (!filled && !added && !provenEarlier) {
    out.push(finding("K5022", op, say(op, `\`${s.table}.${s.column}\` may hold NULLs: SET NOT NULL fails on the first one`, `sets \`${s.table}.${s.column}\` NOT NULL again: NULLs written since the migration make the rollback fail`), op.direction === "up" ? `fill it in the same block: \`${s.column} := ${s.column} ?? …\`` : "kmig rollback counts them first and stops before changing anything (K9041); fill them, or keep the column nullable"));
  }
  return out;
}

function typeChange(op: LintOp, cx: LintContext): Finding[] {
  const s = op.statement;
  if (s.kind !== "alter-type" || op.newTable) return [];
  const from = columnIn(op.before, s.table, s.column);
  const to = columnIn(op.after, s.table, s.column);
  if (!from || !to || !rewritesTable(from.type, to.type, cx.server)) return [];
  const change = `${showType(from.type)} → ${showType(to.type)}`;
  return [finding("K5008", op, say(op, `changing \`${s.table}.${s.column}\` (${change}) rewrites the table: it ${lockPhrase("alter-type-rewrite", s.table, cx.server.pgVersion)}`, `changes \`${s.table}.${s.column}\` back (${change}), which rewrites the table: it ${lockPhrase("alter-type-rewrite", s.table, cx.server.pgVersion)}`), "add a new column, fill it in batches (a mapping), and switch to it; only widening varchar/numeric/timestamp precision, varchar ↔ text and cidr → inet keep the table as it is", [blocksNote("alter-type-rewrite", cx.server.pgVersion)])];
}

const VOLATILE = /\b(gen_random_uuid|uuid_generate_v[14]|random|clock_timestamp|timeofday|statement_timestamp|nextval|txid_current|uuidv7)\s*\(/i;

function addColumn(op: LintOp, cx: LintContext): Finding[] {
  const s = op.statement;
  if (s.kind !== "add-column" || op.newTable || op.direction !== "up") return [];
  const def = s.definition;
  if (/\bGENERATED ALWAYS AS \(/i.test(def) || /\bAS IDENTITY\b/i.test(def) || /DEFAULT nextval\(/i.test(def)) {
    const what = /\bAS IDENTITY\b/i.test(def) ? "an identity column" : /DEFAULT nextval\(/i.test(def) ? "a serial column" : "a stored generated column";
    return [finding("K5024", op, `adding ${what} \`${s.column}\` computes a value for every row, rewriting the table: it ${lockPhrase("add-column-volatile-default", s.table, cx.server.pgVersion)}`, "add the column nullable without it, fill it in batches (a mapping), then attach the default, identity or generation", [blocksNote("add-column-volatile-default", cx.server.pgVersion)])];
  }
  const m = /\bDEFAULT (.*)$/s.exec(def);
  if (!m) return [];
  if (!VOLATILE.test(m[1]) && cx.server.pgVersion >= 11) return [];
  return [finding("K5009", op, `adding \`${s.column}\` with the volatile default ${m[1].trim()} writes a value into every row, rewriting the table: it ${lockPhrase("add-column-volatile-default", s.table, cx.server.pgVersion)}`, `add it nullable with no default, \`set default\` in a later step (catalog only), and fill existing rows with a mapping (batched)`, [blocksNote("add-column-volatile-default", cx.server.pgVersion), "a non-volatile default (a literal, now()) is stored in the catalog on PostgreSQL 11+: no rewrite"])];
}

function columnIn(s: SchemaState, table: string, column: string): ColumnState | undefined {
  const t = getTable(s, table);
  return t ? getColumn(t, column) : undefined;
}

/**
 * Whether earlier statements add `CHECK (c IS NOT NULL) NOT VALID` and validate it, with no drop of
 * it since: kmig's own lowering of SET NOT NULL (PostgreSQL 12+, steps of their own or statements of
 * one step), which the schema model does not show. Down statements: within their step only.
 */
export function provedBefore(op: LintOp, all: readonly LintOp[], column: string): boolean {
  const earlier = all.filter((o) => o.direction === op.direction && (o.stepIndex === op.stepIndex ? o.position < op.position : op.direction === "up" && o.stepIndex < op.stepIndex));
  return earlier.some((o, i) => {
    const a = o.statement;
    if (a.kind !== "add-constraint" || a.type !== "check" || a.table !== op.table) return false;
    const check = /CHECK\s*(.*?)(?:\s+NOT VALID)?$/s.exec(o.sql)?.[1] ?? "";
    const later = earlier.slice(i + 1);
    return provesNotNull(check, column) && later.some((v) => v.statement.kind === "validate-constraint" && v.statement.constraint === a.constraint) && !later.some((v) => v.statement.kind === "drop-constraint" && v.statement.constraint === a.constraint);
  });
}

/** Whether a check's SQL is `c IS NOT NULL` (as PostgreSQL or kmig spells it: `NOT (c IS NULL)`), whatever its parentheses. */
function provesNotNull(sql: string, column: string): boolean {
  const bare = sql.replace(/[()]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  const c = `"${column.replace(/"/g, '""')}"`.toLowerCase();
  return bare === `${c} is not null` || bare === `not ${c} is null` || bare === `${column.toLowerCase()} is not null`;
}
