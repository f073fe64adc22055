import { finding, say, type Finding, type Rule } from "./finding.js";
import { blocksNote, lockPhrase } from "./claim-words.js";
import type { LintOp } from "./operations.js";

/**
 * Constraints added to a table that has rows. K5003: a unique (or exclusion) constraint builds
 * its index under ACCESS EXCLUSIVE; K5004: so does a primary key (and sets its columns NOT NULL,
 * a scan); K5005: a validating foreign key scans under SHARE ROW EXCLUSIVE on both tables; K5006:
 * a validating check scans under ACCESS EXCLUSIVE; K5021: a unique index or constraint over
 * existing rows fails on the first duplicate. kmig's own lowerings (NOT VALID + VALIDATE in a
 * later transaction, UNIQUE USING INDEX after a concurrent build) take none of these and are not reported.
 */
export const constraintRules: Rule = (ops, cx) => ops.flatMap((op) => [...addedUnderLock(op, cx.server.pgVersion), ...uniqueMayFail(op)]);

function addedUnderLock(op: LintOp, pg: number): Finding[] {
  const s = op.statement;
  if (s.kind !== "add-constraint" || op.newTable || s.usingIndex) return [];
  const what = (noun: string) => say(op, `adding ${noun} \`${s.constraint}\``, `re-adds ${noun} \`${s.constraint}\`, which`);
  switch (s.type) {
    case "unique":
    case "exclude":
      return [finding("K5003", op, `${what(s.type === "unique" ? "unique constraint" : "exclusion constraint")} ${lockPhrase("add-unique", s.table, pg)}`, "build the index first with `index … unique concurrently`, then add the constraint `using index` (a brief lock)", [blocksNote("add-unique", pg)])];
    case "primary-key":
      return [finding("K5004", op, `${what("primary key")} ${lockPhrase("add-primary-key", s.table, pg)}, and scans for NULLs in its columns`, "build a unique index `concurrently`, make its columns NOT NULL safely (K5007), then add the primary key `using index`", [blocksNote("add-primary-key", pg)])];
    case "foreign-key":
      if (s.notValid) return [];
      return [finding("K5005", op, `${what("foreign key")} ${lockPhrase("add-foreign-key", s.table, pg)}, checking every row against \`${s.refTable ?? "?"}\``, "add it `not valid` (no scan), then `validate constraint` in a later migration: VALIDATE takes only SHARE UPDATE EXCLUSIVE", [blocksNote("add-foreign-key", pg, s.refTable ?? undefined)])];
    case "check":
      if (s.notValid) return [];
      return [finding("K5006", op, `${what("check constraint")} ${lockPhrase("add-check", s.table, pg)}`, "add it `not valid` (no scan), then `validate constraint` in a later migration: VALIDATE takes only SHARE UPDATE EXCLUSIVE", [blocksNote("add-check", pg)])];
    default:
      return [];
  }
}

function uniqueMayFail(op: LintOp): Finding[] {
  const s = op.statement;
  if (op.newTable || op.table === null) return [];
  const unique = (s.kind === "create-index" && s.unique) || (s.kind === "add-constraint" && !s.usingIndex && (s.type === "unique" || s.type === "primary-key"));
  if (!unique) return [];
  const name = s.kind === "create-index" ? s.index : s.kind === "add-constraint" ? s.constraint : "";
  return [finding("K5021", op, say(op, `\`${name}\` makes \`${op.table}\`'s existing rows unique: one duplicate fails the step`, `re-creates unique \`${name}\`: rows written since the migration may hold duplicates, and one fails the rollback`), "find duplicates first (`kmig plan` on a copy of production), and merge them in an earlier step")];
}
