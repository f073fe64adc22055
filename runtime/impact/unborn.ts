import type { Step } from "../../core/plan.js";
import type { SimState } from "./live-tables.js";
import type { Finding } from "./simulate-sql.js";

/**
 * `kmig plan` runs in one read-only transaction, so the enum labels and types the migration's
 * earlier steps make do not exist there (and a label added by `ALTER TYPE … ADD VALUE` could not be
 * read in that transaction anyway). A check that fails only because it meets one is not a
 * violation: apply commits each step before the next. It becomes a note, and the table's rows are
 * not predicted after it.
 */
export function unbornCause(state: SimState, message: string): string | null {
  const bare = (t: string) => t.replace(/^.*\./, "").replace(/^"|"$/g, "");
  const label = /invalid input value for enum ([^:]+): "((?:[^"]|"")*)"/.exec(message);
  if (label) {
    const hit = state.unborn.find((u) => u.label === label[2] && bare(u.type) === bare(label[1]));
    if (hit) return `it reads the label '${hit.label}' of ${hit.type}, which an earlier step adds (PostgreSQL lets it be read once that step has committed)`;
  }
  const type = /type "([^"]+)" does not exist/.exec(message);
  if (type) {
    const hit = state.unborn.find((u) => u.label === null && bare(u.type) === bare(type[1]));
    if (hit) return `it uses the type ${hit.type}, which an earlier step creates`;
  }
  return null;
}

/** A step's findings with those caused only by an unborn label or type set aside as notes. */
export function setAsideUnborn<R extends { findings: Finding[]; notes: string[] }>(state: SimState, step: Step, r: R): R {
  const findings: Finding[] = [];
  const notes = [...r.notes];
  for (const f of r.findings) {
    const cause = f.blocks ? unbornCause(state, f.what) : null;
    if (!cause) {
      findings.push(f);
      continue;
    }
    const at = f.what.indexOf(" fails");
    notes.push(`${at > 0 ? f.what.slice(0, at) : step.summary} is not predicted: ${cause}`);
    const v = step.table ? state.views.get(step.table) : undefined;
    if (v && step.table) state.views.set(step.table, { ...v, unknown: `the rows after step \`${step.summary}\` (${cause})` });
  }
  return { ...r, findings, notes };
}
