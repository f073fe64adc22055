import { finding, type Finding, type Rule } from "./finding.js";
import { lockPhrase } from "./claim-words.js";
import type { LintOp } from "./operations.js";
import { getTable } from "../model/schema.js";

/**
 * Changes that break the application still running against the old schema during a deploy:
 * K5013 drop column, K5014 drop table, K5015 rename column, K5016 rename table, K5017 drop not
 * null (old code may not expect NULLs; its rollback sets NOT NULL again), K5018 dropping a
 * foreign key, unique or primary key (lost integrity; its rollback re-adds it with a full check).
 */
export const clientRules: Rule = (ops, cx) => ops.flatMap((op) => clientBreak(op, cx.server.pgVersion));

function clientBreak(op: LintOp, pg: number): Finding[] {
  if (op.direction !== "up" || op.newTable) return [];
  const s = op.statement;
  switch (s.kind) {
    case "drop-column":
      return [finding("K5013", op, `dropping \`${s.table}.${s.column}\` breaks every running version of the application that still reads or writes it (and ${lockPhrase("drop-column", s.table, pg)})`, "expand/contract: ship code that no longer uses the column first, then drop it in a later migration")];
    case "move-table":
      if (s.schema === "public") return [];
      return [finding("K5014", op, `dropping table \`${s.table}\` breaks every running version of the application that still uses it (kmig keeps its rows for rollback)`, "ship code that no longer uses the table first, then drop it in a later migration")];
    case "drop-table":
      return [finding("K5014", op, `dropping table \`${s.table}\` breaks every running version of the application that still uses it`, "ship code that no longer uses the table first, then drop it in a later migration")];
    case "rename-column":
      return [finding("K5015", op, `renaming \`${s.table}.${s.column}\` to \`${s.to}\` breaks every running version of the application that uses the old name`, "add the new column, write both and fill it (a mapping), move the code over, then drop the old one; or give old code a view with the old name")];
    case "rename-table":
      return [finding("K5016", op, `renaming table \`${s.table}\` to \`${s.to}\` breaks every running version of the application that uses the old name`, "for the transition, keep a view with the old name (`sql` item), dropped once no code uses it")];
    case "drop-not-null":
      return [finding("K5017", op, `dropping NOT NULL on \`${s.table}.${s.column}\`: running code may not expect NULLs, and rolling this back sets NOT NULL again (a full scan, and it fails on any NULL written since)`, "keep the column NOT NULL with a sentinel default, or move to a new nullable column")];
    case "drop-constraint": {
      const c = getTable(op.before, s.table)?.constraints.find((x) => x.name === s.constraint);
      if (!c || c.kind === "check" || c.kind === "exclude") return [];
      const what = c.kind === "foreignKey" ? "foreign key" : c.kind === "primaryKey" ? "primary key" : "unique constraint";
      return [finding("K5018", op, `dropping ${what} \`${s.constraint}\` lets rows that break it in, and rolling this back re-adds it, checking every row under lock (and failing on any such row)`, `keep it until the code no longer relies on it; when it must go, expect its rollback to be a ${c.kind === "foreignKey" ? "validating foreign key (K5005)" : "unique index build under ACCESS EXCLUSIVE (K5003)"}`)];
    }
    default:
      return [];
  }
}
