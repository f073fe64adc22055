import type { CompiledUnit } from "../migration/compile-unit.js";
import { claimOfOp } from "./transactions.js";
import { DEFAULT_LINT_OPTIONS, type LintOptions } from "./index.js";
import { lintOps } from "./operations.js";

const WORK = { none: "catalog only", scan: "scans the table", build: "builds an index: a scan and a sort", rewrite: "rewrites the table", rows: "updates every row" } as const;

/**
 * For `kmig explain`: per step of a migration (index-aligned with its plan's steps), the locks its
 * statements take on tables that have rows and whether they scan or rewrite — `ACCESS EXCLUSIVE on
 * users (rewrites the table)` — or null when it takes none worth naming (a new table, kmig's own).
 */
export function stepLocks(unit: CompiledUnit, options: LintOptions = DEFAULT_LINT_OPTIONS): (string | null)[] {
  const out: string[][] = unit.plan.steps.map(() => []);
  const ops = lintOps(unit);
  for (const op of ops) {
    if (op.direction !== "up") continue;
    const c = claimOfOp(op, { server: options.server }, ops);
    if (!c) continue;
    const ref = c.referenced && op.statement.kind === "add-constraint" && op.statement.refTable ? `, ${c.referenced} on ${op.statement.refTable}` : "";
    const line = `${c.lock} on ${op.table}${ref} (${WORK[c.work]})`;
    if (!out[op.stepIndex].includes(line)) out[op.stepIndex].push(line);
  }
  return out.map((lines) => (lines.length === 0 ? null : lines.join("; ")));
}
