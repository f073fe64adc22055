import { UPTO_MARKER, type Plan, type Step } from "./plan.js";

/**
 * Which undos `kmig rollback` runs after its transaction has committed. A rollback undoes a
 * migration in one transaction, so that a refused rollback changes nothing; but two kinds of
 * undo would hold their locks for the whole of it, and need not be in it:
 *
 * - an index build or drop CONCURRENTLY (the rebuild of a dropped index, the drop of an index the
 *   migration built on a table that had rows): it cannot run in a transaction, and the plain form
 *   would hold SHARE (writes wait for the build) or ACCESS EXCLUSIVE until the rollback commits;
 * - a backfill's refill (its stashed originals put back, its inverse recomputed): in the
 *   transaction it is one UPDATE whose row locks are all held until the commit; after it, it runs
 *   in keyset batches by primary key like the forward backfill, each committed with its cursor.
 *
 * Deferred, they run newest first once the transaction has committed — after every other undo,
 * not between them — so an undo is deferred only when no undo that would otherwise run after it
 * (an earlier step's, in the transaction) depends on it or changes what it works on. The runtime
 * (runtime/rollback.ts), the safety lints (a deferred undo takes no lock in the rollback's
 * transaction) and `kmig explain` read the same answer from here.
 */
export type DeferredUndo =
  | { readonly kind: "build" | "drop"; readonly index: string; readonly table: string | null; readonly unique: boolean; readonly definition: string }
  | { readonly kind: "refill"; readonly table: string; /** The quoted columns its refill reads or writes. */ readonly columns: readonly string[] };

/** Whether a statement builds an index CONCURRENTLY (it cannot run inside a transaction). */
export function buildsConcurrently(sql: string): boolean {
  return /^CREATE (UNIQUE )?INDEX CONCURRENTLY /.test(sql);
}

/** Whether a statement drops an index CONCURRENTLY (it cannot run inside a transaction either). */
export function dropsConcurrently(sql: string): boolean {
  return /^DROP INDEX CONCURRENTLY /.test(sql);
}

/** Whether a statement cannot run inside a transaction because it works on an index CONCURRENTLY. */
export function concurrentIndexStatement(sql: string): boolean {
  return buildsConcurrently(sql) || dropsConcurrently(sql);
}

/**
 * The steps (by index, below `stepsDone`: those a rollback undoes) whose undo runs after the
 * rollback's transaction has committed. An undo's deferral depends only on the steps before it,
 * so the answer for a step is the same for any `stepsDone` above it: a rollback that stopped in
 * its deferred part finds the same set again.
 */
export function deferredUndos(plan: Plan, stepsDone: number): Map<number, DeferredUndo> {
  return undoPlacement(plan, stepsDone).deferred;
}

/**
 * Where each deferrable undo runs: deferred, or kept in the transaction because the undo of an
 * earlier step (`by`, the latest such) names what it works on — for `kmig explain`'s why.
 */
export function undoPlacement(plan: Plan, stepsDone: number): { deferred: Map<number, DeferredUndo>; kept: Map<number, { undo: DeferredUndo; by: number }> } {
  const deferred = new Map<number, DeferredUndo>();
  const kept = new Map<number, { undo: DeferredUndo; by: number }>();
  // Each step's undo and checks as one lower-case text: a step that does not even contain a name cannot conflict over it (most do not: a cheap test first).
  const texts: string[] = [];
  const textOf = (k: number) => (texts[k] ??= undoText(plan.steps[k]).join("\n").toLowerCase());
  for (let i = 0; i < Math.min(stepsDone, plan.steps.length); i++) {
    const d = candidate(plan.steps[i]);
    if (!d) continue;
    const name = (d.kind === "refill" ? d.table : d.index).toLowerCase();
    const table = (d.table ?? "").toLowerCase();
    const mayConflict = (k: number) => textOf(k).includes(name) || (d.kind !== "refill" && ((table !== "" && textOf(k).includes(table)) || (d.unique && textOf(k).includes(" references "))));
    // The undos of earlier steps that stay in the transaction run before this one once it is deferred.
    let by = -1;
    for (let k = i - 1; k >= 0 && by < 0; k--) if (!deferred.has(k) && mayConflict(k) && conflicts(plan.steps[k], d)) by = k;
    if (by < 0) deferred.set(i, d);
    else kept.set(i, { undo: d, by });
  }
  return { deferred, kept };
}

/** The refill statements of a backfill's down (the leading UPDATEs a key range limits: UPTO_MARKER), or null. */
export function refillOf(step: Step): readonly string[] | null {
  if (step.kind !== "backfill" || !step.down || step.key.length === 0) return null;
  const n = step.down.findIndex((s) => !(s.startsWith("UPDATE ") && s.includes(UPTO_MARKER)));
  const refills = step.down.slice(0, n < 0 ? step.down.length : n);
  return refills.length > 0 ? refills : null;
}

function candidate(step: Step): DeferredUndo | null {
  if (step.kind === "backfill") {
    const refill = refillOf(step);
    if (!refill) return null;
    const own = new Set([quote(step.table), ...(step.stash ? [quote(step.stash.schema), quote(step.stash.table)] : [])]);
    return { kind: "refill", table: step.table, columns: [...new Set(refill.join("\n").match(/"(?:[^"]|"")+"/g) ?? [])].filter((c) => !own.has(c)) };
  }
  if (step.down?.length !== 1) return null;
  const build = /^CREATE (UNIQUE )?INDEX CONCURRENTLY ("(?:[^"]|"")+") ON ("(?:[^"]|"")+")/.exec(step.down[0]);
  if (build) return { kind: "build", index: unquote(build[2]), table: unquote(build[3]), unique: build[1] !== undefined, definition: step.down[0] };
  const drop = /^DROP INDEX CONCURRENTLY (?:IF EXISTS )?("(?:[^"]|"")+")$/.exec(step.down[0]);
  if (drop) return { kind: "drop", index: unquote(drop[1]), table: step.table, unique: false, definition: step.down[0] };
  return null;
}

/** A step's undo statements and the checks rollback runs before them. */
function undoText(step: Step): string[] {
  return [...(step.down ?? []), ...step.lossChecks.map((c) => c.sql), ...(step.kind === "sql" ? (step.restoreChecks ?? []).map((c) => c.sql) : [])];
}

/** Whether `earlier`'s undo, run before the deferred one instead of after it, could change its outcome (or it, that undo's). */
function conflicts(earlier: Step, d: DeferredUndo): boolean {
  const down = earlier.down ?? [];
  if (d.kind === "refill") {
    // The undo's statements and the checks run before it that name the table; an index built or dropped changes no row and no column.
    const text = [...down.filter((sql) => !/^(CREATE (UNIQUE )?INDEX|DROP INDEX) /.test(sql)), ...earlier.lossChecks.map((c) => c.sql), ...(earlier.kind === "sql" ? (earlier.restoreChecks ?? []).map((c) => c.sql) : [])].filter((sql) => names(sql, d.table));
    const t = quote(d.table);
    return text.some(
      (sql) =>
        // Raw SQL that names it bare; the table dropped, renamed or moved; a column the refill reads or writes named
        // (dropped, renamed, constrained again, counted by a check): anything else about the table leaves the refill's rows alone.
        !sql.includes(t) || sql.startsWith(`DROP TABLE ${t}`) || (sql.startsWith(`ALTER TABLE ${t} `) && / (RENAME TO|SET SCHEMA) /.test(sql)) || d.columns.some((c) => sql.includes(c)),
    );
  }
  if (down.some((sql) => names(sql, d.index))) return true;
  // A unique index a foreign key that comes back may need; its table taken away, renamed or moved;
  // a column it is on (named in its definition) dropped or renamed.
  const t = quote(d.table ?? "");
  return down.some((sql) => {
    if ((d.unique && / REFERENCES /.test(sql)) || sql.startsWith(`DROP TABLE ${t}`)) return true;
    if (!sql.startsWith(`ALTER TABLE ${t} `)) return false;
    if (/ (RENAME TO|SET SCHEMA) /.test(sql)) return true;
    const columns = [...sql.matchAll(/ (?:DROP COLUMN|RENAME COLUMN) ("(?:[^"]|"")+")/g)].map((m) => m[1]);
    return columns.some((c) => d.definition.includes(c));
  });
}

/** Whether SQL names an object: quoted as kmig writes it, or bare as raw SQL may (any case). */
function names(sql: string, name: string): boolean {
  if (sql.includes(quote(name))) return true;
  if (!sql.toLowerCase().includes(name.toLowerCase())) return false;
  return bareName(name).test(sql);
}

const BARE = new Map<string, RegExp>();

function bareName(name: string): RegExp {
  let re = BARE.get(name);
  if (!re) BARE.set(name, (re = new RegExp(`(^|[^A-Za-z0-9_$"])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_$"])`, "i")));
  return re;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function unquote(q: string): string {
  return q.slice(1, -1).replace(/""/g, '"');
}
