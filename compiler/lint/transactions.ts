import type { StatementKind } from "./lock-claims.js";
import { blocksTraffic, claimOn, type Claim } from "./claim-words.js";
import { claimKindOf } from "./statement.js";
import { finding, type Finding, type LintContext, type Rule } from "./finding.js";
import type { LintOp } from "./operations.js";
import { getTable, getColumn } from "../model/schema.js";
import { rewritesTable } from "./binary-coercible.js";
import { provedBefore } from "./columns.js";
import { keptNote } from "./indexes.js";

/**
 * How long locks are held, and whether they wait. K5010: a lock that blocks traffic taken before
 * more work in the same transaction is held for that work too — inside one step (`kmig apply` runs
 * each step in its own transaction), and across a whole rollback (one transaction). K5011: raw SQL
 * that switches off the lock_timeout kmig sets for every step. K5012: a refill that updates every
 * row in one statement. K5023: several ALTER TABLE statements on one table where one would do.
 */
export const transactionRules: Rule = (ops, cx) => [...heldInStep(ops, cx), ...heldInRollback(ops, cx), ...ops.flatMap(noLockTimeout), ...ops.flatMap(unbatched), ...notCombined(ops, cx)];

/** Claims already worked out, per lint run (its context) and op: the rules ask for the same op's claim many times. */
const CLAIMS = new WeakMap<LintContext, WeakMap<LintOp, Claim | null>>();

/** The claim of an op's statement (null: kmig's own tables, new tables, statements with no lock worth naming). */
export function claimOfOp(op: LintOp, cx: LintContext, all: readonly LintOp[] = []): Claim | null {
  let known = CLAIMS.get(cx);
  if (!known) CLAIMS.set(cx, (known = new WeakMap()));
  if (known.has(op)) return known.get(op) as Claim | null;
  const claim = claimOf(op, cx, all);
  known.set(op, claim);
  return claim;
}

function claimOf(op: LintOp, cx: LintContext, all: readonly LintOp[]): Claim | null {
  if (op.newTable || op.table === null) return null;
  const s = op.statement;
  const facts = {
    rewritesType: s.kind === "alter-type" ? typeRewrites(op, cx) : undefined,
    volatileDefault: s.kind === "add-column" ? /\bDEFAULT .*\b(gen_random_uuid|random|clock_timestamp|nextval)\s*\(|AS IDENTITY|GENERATED ALWAYS AS \(/i.test(s.definition) : undefined,
    provenNotNull: s.kind === "set-not-null" ? cx.server.pgVersion >= 12 && provedBefore(op, all, s.column) : undefined,
    foreignKey: s.kind === "validate-constraint" || s.kind === "drop-constraint" ? getTable(op.before, s.table)?.constraints.some((c) => c.name === s.constraint && c.kind === "foreignKey") : undefined,
  };
  const kind: StatementKind | null = claimKindOf(s, facts);
  return kind === null ? null : claimOn(kind, cx.server.pgVersion);
}

function typeRewrites(op: LintOp, cx: LintContext): boolean {
  const s = op.statement;
  if (s.kind !== "alter-type") return true;
  const a = getTable(op.before, s.table);
  const b = getTable(op.after, s.table);
  const from = a && getColumn(a, s.column);
  const to = b && getColumn(b, s.column);
  return !from || !to || rewritesTable(from.type, to.type, cx.server);
}

const heavy = (k: Claim | null): boolean => k !== null && k.work !== "none";

/** Within one transactional step (up): a traffic-blocking lock, then heavy work after it. */
function heldInStep(ops: readonly LintOp[], cx: LintContext): Finding[] {
  const out: Finding[] = [];
  const byStep = new Map<number, LintOp[]>();
  for (const op of ops) if (op.direction === "up" && op.step.transactional) byStep.set(op.stepIndex, [...(byStep.get(op.stepIndex) ?? []), op]);
  for (const group of byStep.values()) {
    const first = group.findIndex((op) => {
      const k = claimOfOp(op, cx, ops);
      return k !== null && blocksTraffic(k.lock);
    });
    if (first < 0) continue;
    const later = group.slice(first + 1).find((op) => heavy(claimOfOp(op, cx, ops)));
    if (!later) continue;
    const k = claimOfOp(group[first], cx, ops) as Claim;
    out.push(finding("K5010", group[first], `the ${k.lock} lock this step takes on \`${group[first].table}\` is held while it goes on to ${claimOfOp(later, cx, ops)?.shape ?? "more work"} on \`${later.table}\` in the same transaction`, "split the work so that the statement that scans or builds runs in its own step (e.g. a later migration)"));
  }
  return out;
}

/** Rollback: one transaction; report once, at the forward line of the first undo that takes a traffic-blocking lock, when heavy undo work follows it. */
function heldInRollback(ops: readonly LintOp[], cx: LintContext): Finding[] {
  // What runs after the transaction's commit holds none of its locks, and waits for none of them.
  const down = ops.filter((op) => op.direction === "down" && !op.deferred);
  const first = down.findIndex((op) => {
    const k = claimOfOp(op, cx, ops);
    return k !== null && blocksTraffic(k.lock);
  });
  if (first < 0) return [];
  const heavyLater = down.slice(first + 1).filter((op) => heavy(claimOfOp(op, cx, ops)) && op.stepIndex !== down[first].stepIndex);
  if (heavyLater.length === 0) return [];
  const k = claimOfOp(down[first], cx, ops) as Claim;
  const lines = [...new Set(heavyLater.map((op) => op.step.origin.line))].slice(0, 5).join(", ");
  return [{ code: "K5010", op: down[first], message: `rolling this back takes ${k.lock === "ACCESS EXCLUSIVE" ? "an" : "a"} ${k.lock} lock on \`${down[first].table}\` and holds it while the rest of the rollback scans or builds (the undo of line${heavyLater.length === 1 ? "" : "s"} ${lines})`, help: "keep rollbacks short: split the migration so that the steps whose undo scans or builds are in a migration of their own", notes: ["`kmig rollback` runs a migration's whole undo in one transaction: every lock is held until it commits"] }];
}

/** Raw SQL that switches kmig's lock_timeout off (kmig sets one in every step's transaction, up and down). */
function noLockTimeout(op: LintOp): Finding[] {
  if (op.step.op !== "raw-sql" || op.position !== 0) return [];
  const all = [...op.step.up, ...(op.step.down ?? [])].join("\n");
  const off = /\bSET\s+(?:LOCAL\s+)?lock_timeout\s*(?:=|TO)\s*'?0'?\s*(?:;|$)|\bRESET\s+lock_timeout\b|\bRESET\s+ALL\b/im.test(all);
  if (!off || op.direction !== "up") return [];
  return [finding("K5011", op, "this SQL switches off the lock_timeout kmig sets for every step: a statement that waits for a lock then queues behind long queries, and everything queued behind it waits too", "leave lock_timeout to kmig (`kmig apply --lock-timeout`), which retries with backoff instead of queueing")];
}

/**
 * A refill of every row in one UPDATE inside the rollback's transaction: one kmig cannot run in
 * batches after the commit (core/deferred-undo.ts) — a column restored by a schema step's undo
 * (a dropped column, a type change), a backfill without a key, or one an earlier undo needs first.
 * (A forward backfill without a key is K4014.)
 */
function unbatched(op: LintOp): Finding[] {
  if (op.newTable || op.table === null || op.statement.kind !== "update") return [];
  if (op.direction === "up" || op.deferred) return [];
  const why = op.step.kind === "backfill" && op.step.key.length === 0 ? [`\`${op.table}\` has no primary key to batch the refill by`] : keptNote(op);
  return [finding("K5012", op, `rolling this back refills \`${op.table}\` in one UPDATE: every row it changes stays locked, and the whole table is written again, until the rollback commits`, "for a large table, roll forward instead (a new migration), or acknowledge with `allow K5012 '…'` when the table is small", why)];
}

/** Several ALTER TABLE statements of one item on one existing table, two or more of which scan or rewrite. */
function notCombined(ops: readonly LintOp[], cx: LintContext): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<string, LintOp[]>();
  for (const op of ops) {
    if (op.direction !== "up" || op.table === null || op.newTable || !/^ALTER TABLE /.test(op.sql)) continue;
    const k = claimOfOp(op, cx, ops);
    if (k === null || k.lock !== "ACCESS EXCLUSIVE" || k.work === "none") continue;
    const key = `${op.step.origin.file}:${op.table}`;
    groups.set(key, [...(groups.get(key) ?? []), op]);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    out.push(finding("K5023", g[1], `this migration changes \`${g[0].table}\` with ${g.length} ALTER TABLE statements that each take ACCESS EXCLUSIVE and scan or rewrite it (lines ${[...new Set(g.map((o) => o.step.origin.line))].join(", ")})`, "PostgreSQL does several actions of one ALTER TABLE in one pass: where they must happen, group them in one migration step, or split them across migrations"));
  }
  return out;
}
