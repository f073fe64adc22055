import type { Step } from "../../core/plan.js";
import { STASH_PREFIX } from "../rollback/stash-name.js";

/**
 * What a step asks of the migration's earlier steps — did one create this table, does one's SQL
 * use this stash name — answered from an index that reads each step once, when a question comes
 * after it was added: scanning every earlier step at each question made a migration of thousands
 * of steps quadratic. Steps are only ever appended, so catching up from `scanned` is exact.
 */
export interface StepIndex {
  /** How many steps of the migration the sets below cover. */
  scanned: number;
  /** Tables created by a `create table` step (or a `sql` item that declares it creates them). */
  readonly created: Set<string>;
  /** Every S with `"S"` in a step's SQL (`up`) where S starts with the stash prefix: what a stash name must avoid. */
  readonly quotedStashNames: Set<string>;
  /**
   * Per table and suffix, the number of the stash name last handed out: names only ever become
   * used, so every earlier number is still taken and the next search starts there.
   */
  readonly stashNumbers: Map<string, number>;
}

export const newStepIndex = (): StepIndex => ({ scanned: 0, created: new Set(), quotedStashNames: new Set(), stashNumbers: new Map() });

/** Whether an earlier step created `table` (then it has no rows yet). */
export function createdInMigration(index: StepIndex, steps: readonly Step[], table: string): boolean {
  catchUp(index, steps);
  return index.created.has(table);
}

/** Whether the SQL of an earlier step contains `"name"`, as a quoted identifier or anywhere else. */
export function quotedInSteps(index: StepIndex, steps: readonly Step[], name: string): boolean {
  // The index holds the text from a quote to the next one: a name with a quote in it is looked for by hand.
  if (name.includes('"') || !name.startsWith(STASH_PREFIX)) return steps.some((s) => s.up.some((sql) => sql.includes(`"${name}"`)));
  catchUp(index, steps);
  return index.quotedStashNames.has(name);
}

function catchUp(index: StepIndex, steps: readonly Step[]): void {
  for (; index.scanned < steps.length; index.scanned++) {
    const s = steps[index.scanned];
    if (s.kind === "sql" && s.op === "create-table" && s.table !== null) index.created.add(s.table);
    // A table a `sql` item declares it creates is new here too.
    if (s.kind === "sql" && s.declared) for (const o of s.declared.objects) if (o.verb === "creates" && o.kind === "table") index.created.add(o.name);
    for (const sql of s.up) addQuotedStashNames(sql, index.quotedStashNames);
  }
}

/** Each `"S"` of `sql` with S starting with the stash prefix; every quote may open one (`"a"b"` holds `"a"` and `"b"`). */
function addQuotedStashNames(sql: string, out: Set<string>): void {
  const open = `"${STASH_PREFIX}`;
  for (let at = sql.indexOf(open); at >= 0; at = sql.indexOf(open, at + 1)) {
    const close = sql.indexOf('"', at + 1);
    if (close < 0) return;
    out.add(sql.slice(at + 1, close));
  }
}
