import type * as A from "./ast.js";
import type { LiteralProblem } from "./literals.js";
import type { OptionClause } from "./parser-table-options.js";

/** What an index or a constraint may be: the kinds whose options `optionsOf` sorts. */
export type OptionHolder = A.TableConstraint["kind"] | "IndexDef" | "UniqueIndexDef";

/** The options of an index or constraint, as its AST node holds them (absent when not written). */
export interface HeldOptions {
  include?: readonly A.Ident[];
  with?: readonly A.StorageParam[];
  deferral?: A.Deferral;
  notValid?: true;
  nullsNotDistinct?: true;
}

const TAKES: Record<OptionClause["k"], readonly OptionHolder[]> = {
  include: ["PrimaryKeyConstraint", "UniqueConstraint", "ExcludeConstraint", "IndexDef", "UniqueIndexDef"],
  with: ["PrimaryKeyConstraint", "UniqueConstraint", "ExcludeConstraint", "IndexDef", "UniqueIndexDef"],
  deferral: ["PrimaryKeyConstraint", "UniqueConstraint", "ForeignKeyConstraint", "ExcludeConstraint"],
  notValid: ["CheckConstraint", "ForeignKeyConstraint"],
  nullsNotDistinct: ["UniqueConstraint", "UniqueIndexDef"],
};

const WORDS: Record<OptionClause["k"], string> = {
  include: "`include (…)`",
  with: "`with (…)`",
  deferral: "`deferrable`",
  notValid: "`not valid`",
  nullsNotDistinct: "`nulls not distinct`",
};

const HOLDER_WORDS: Record<OptionHolder, string> = {
  PrimaryKeyConstraint: "a primary key",
  UniqueConstraint: "a unique constraint",
  CheckConstraint: "a check constraint",
  ForeignKeyConstraint: "a foreign key",
  ExcludeConstraint: "an exclusion constraint",
  IndexDef: "an index that is not unique",
  UniqueIndexDef: "a unique index",
};

/**
 * The options that `holder` takes, each at most once; the others are problems (K2070) saying
 * which kinds take them, and are left out of the node.
 */
export function optionsOf(holder: OptionHolder, clauses: readonly OptionClause[], problems: LiteralProblem[]): HeldOptions {
  const out: HeldOptions = {};
  const seen = new Set<OptionClause["k"]>();
  for (const o of clauses) {
    if (!TAKES[o.k].includes(holder)) {
      const takers = TAKES[o.k].map((h) => HOLDER_WORDS[h].replace(/^an? /, "")).join(", ");
      problems.push({ code: "K2070", span: o.span, message: `${WORDS[o.k]} does not apply to ${HOLDER_WORDS[holder]}`, help: `it applies to: ${takers}` });
      continue;
    }
    if (seen.has(o.k)) {
      problems.push({ code: "K2070", span: o.span, message: `${WORDS[o.k]} is written twice`, help: "write each option once" });
      continue;
    }
    seen.add(o.k);
    if (o.k === "include") out.include = o.names;
    else if (o.k === "with") out.with = o.params;
    else if (o.k === "deferral") out.deferral = o.deferral;
    else if (o.k === "notValid") out.notValid = true;
    else out.nullsNotDistinct = true;
  }
  return out;
}
