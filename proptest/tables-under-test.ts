import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { namedTypeUsers } from "../compiler/model/schema.js";

/** The laws one migration's table property checks, and on which tables. */
export interface TableLawPlan {
  /** Tables that hold rows before the migration and that its steps change (names before it). */
  readonly tables: readonly string[];
  readonly laws: readonly string[];
}

/**
 * What `kmig test` checks of a migration's effect on rows that exist before it: every table one of
 * its steps changes — a mapping, an `alter … type`, a `drop` (of a column or the whole table), a
 * rename, an added column or constraint — gets rows. Forward must be total on them; rollback must
 * give them back exactly (a declared reverse: apply again gives the same rows); where a block maps
 * values, SQL must agree with JavaScript, status maps send each input where they say and `expect`
 * clauses hold. Null when the migration changes no table that exists before it.
 */
export function tableLawPlan(unit: CompiledUnit): TableLawPlan | null {
  const existing = new Set(unit.before.tables.keys());
  const tables = new Set<string>();
  // Names tables have in the middle of the migration, and the table of that name before it (null: created by it).
  const current = new Map<string, string | null>([...existing].map((t) => [t, t]));
  for (const s of unit.plan.steps) {
    if (SEQUENCE_OPS.has(s.op) || TYPE_OPS.has(s.op)) continue;
    // A label added or renamed: the tables with a column of the type (its rollback rewrites them).
    const change = s.kind === "sql" ? s.change : undefined;
    if (change?.op === "add-enum-value" || change?.op === "rename-enum-value") {
      for (const u of namedTypeUsers(unit.before, change.type)) tables.add(u.table);
      continue;
    }
    if (s.op === "create-table" && s.table !== null) {
      current.set(s.table, null);
      continue;
    }
    const renamed = s.op === "rename-table" ? renamedFrom(s.up[0] ?? "") : null;
    if (renamed !== null && s.table !== null) current.set(s.table, current.get(renamed) ?? null);
    const origin = s.table === null ? undefined : current.get(s.table);
    // Raw SQL may change any table.
    if (origin === undefined) existing.forEach((t) => tables.add(t));
    else if (origin !== null) tables.add(origin);
  }
  for (const m of unit.mappings) {
    const origin = current.get(m.before.name);
    if (origin) tables.add(origin);
  }
  if (tables.size === 0) return null;
  const kinds = new Set(unit.plan.steps.map((s) => s.reversibility.kind));
  const mapped = unit.mappings.filter((m) => current.get(m.before.name));
  const laws = ["forward is total"];
  if (mapped.some((m) => m.assignments.length > 0)) laws.push("SQL agrees with JS");
  if (mapped.some((m) => m.assignments.some(({ assignment: a }) => a.value.kind === "mapApply"))) laws.push("status maps land where they say");
  if (mapped.some((m) => m.expects.length > 0)) laws.push("expect clauses hold");
  if (!kinds.has("irreversible")) laws.push(kinds.has("lossy") ? "rollback then apply gives the same rows" : "rollback is exact");
  return { tables: [...tables], laws };
}

const SEQUENCE_OPS = new Set(["create-sequence", "alter-sequence", "drop-sequence", "rename-sequence"]);
/** Types made or dropped change no row (only a type no column has can be dropped). */
const TYPE_OPS = new Set(["create-type", "drop-type", "create-domain", "drop-domain"]);

/** The old name in the compiler's `ALTER TABLE "a" RENAME TO "b"`. */
function renamedFrom(sql: string): string | null {
  const m = /^ALTER TABLE "((?:[^"]|"")+)" RENAME TO /.exec(sql);
  return m ? m[1].replace(/""/g, '"') : null;
}
