import type { LossCheck } from "../../core/plan.js";
import { newStashName, type MigrationContext } from "../migration/context.js";
import type { SequenceState } from "../model/sequence.js";
import { ident, KMIG_SCHEMA, literal, qualified } from "../sql/quote.js";

/**
 * Keeping a sequence's state (`last_value`, `is_called`) for rollback, when a step drops it (with
 * its column), moves it (`restart`) or draws numbers from it (a column added with `nextval(…)` to
 * a table with rows): rollback sets it back with `setval`, so that a dump after rollback is the dump
 * before. Where the sequence lives on, its state after the step is kept too: if it has moved since,
 * it handed out numbers that rollback would hand out again, and rollback says so (a loss check).
 */
export interface SequenceStash {
  /** Run before the step: keeps the states. */
  readonly keep: string[];
  /** Run after the step: keeps the states it left. */
  readonly keepAfter: string[];
  /** Run on rollback once the sequences exist again: sets the states back. */
  readonly restore: string[];
  /** Run last on rollback: drops the stash. */
  readonly cleanup: string[];
  readonly lossChecks: LossCheck[];
}

/** A stash in kmig's schema for the states of `sequences`, named after `owner` and `suffix`; `after`: the sequences outlive the step. */
export function stashSequences(cx: MigrationContext, owner: string, suffix: string, sequences: readonly SequenceState[], after = false): SequenceStash {
  if (sequences.length === 0) return { keep: [], keepAfter: [], restore: [], cleanup: [], lossChecks: [] };
  const stash = qualified(KMIG_SCHEMA, newStashName(cx, owner, suffix));
  const names = sequences.map((q) => q.name);
  return {
    keep: [
      `CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`,
      `CREATE TABLE ${stash} ("sequence" text PRIMARY KEY, "last_value" bigint NOT NULL, "is_called" boolean NOT NULL, "after_last_value" bigint, "after_is_called" boolean)`,
      ...names.map((n) => `INSERT INTO ${stash} ("sequence", "last_value", "is_called") SELECT ${literal(n)}, "last_value", "is_called" FROM ${ident(n)}`),
    ],
    // A sequence cannot be locked, so it is read in a subquery rather than joined into the UPDATE.
    keepAfter: after ? names.map((n) => `UPDATE ${stash} SET ("after_last_value", "after_is_called") = (SELECT "last_value", "is_called" FROM ${ident(n)}) WHERE "sequence" = ${literal(n)}`) : [],
    restore: names.map((n) => `SELECT setval(${regclass(n)}, s."last_value", s."is_called") FROM ${stash} AS s WHERE s."sequence" = ${literal(n)}`),
    cleanup: [`DROP TABLE ${stash}`],
    lossChecks: after ? names.map((n) => movedSince(stash, n)) : [],
  };
}

/** 1 when the sequence is not where the step left it: it handed out numbers since. */
function movedSince(stash: string, name: string): LossCheck {
  return {
    what: `numbers handed out by sequence ${name} since the migration (rollback sets it back, so it would hand them out again)`,
    sql: `SELECT count(*)::bigint AS n FROM ${stash} AS s, ${ident(name)} AS q WHERE s."sequence" = ${literal(name)} AND (q."last_value", q."is_called") IS DISTINCT FROM (s."after_last_value", s."after_is_called")`,
  };
}

/** `'"name"'::regclass`: a sequence by its (quoted) name. */
export function regclass(name: string): string {
  return `${literal(ident(name))}::regclass`;
}
