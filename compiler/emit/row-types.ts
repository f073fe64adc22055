import type { CompiledUnit } from "../migration/compile-unit.js";
import type { TableState } from "../model/schema.js";
import { readonlyInterface, type Declaration } from "./module-model.js";
import { pascalCase, type ClaimName } from "./names.js";
import { inlineRowType, rowProperties, sameRowShape } from "./ts-types.js";

/** The row interfaces of one module, and how a mapping names the row type it reads or writes. */
export interface RowTypes {
  readonly declarations: readonly Declaration[];
  /** `TasksBefore` for a row shaped as `tasks` was before the migration, else the type written inline. */
  readonly beforeType: (state: TableState) => string;
  /** `TasksAfter` for a row shaped as `tasks` is after the migration, else the type written inline. */
  readonly afterType: (state: TableState) => string;
  /** The interface name of a table before / after, when the module declares one. */
  readonly beforeName: (table: string) => string | undefined;
  readonly afterName: (table: string) => string | undefined;
}

/**
 * `XBefore` / `XAfter` for every table the migration touches (changes, creates, drops or maps),
 * in the order the migration first touches them.
 */
export function rowTypes(unit: CompiledUnit, claim: ClaimName): RowTypes {
  const declarations: Declaration[] = [];
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const table of touchedTables(unit)) {
    const base = pascalCase(table);
    const old = unit.before.tables.get(table);
    const next = unit.after.tables.get(table);
    if (old) {
      const name = claim(`${base}Before`);
      before.set(table, name);
      declarations.push(readonlyInterface(name, `A row of \`${table}\` before ${unit.plan.id}.`, rowProperties(old)));
    }
    if (next) {
      const name = claim(`${base}After`);
      after.set(table, name);
      declarations.push(readonlyInterface(name, `A row of \`${table}\` after ${unit.plan.id}.`, rowProperties(next)));
    }
  }
  const typeOf = (names: Map<string, string>, states: ReadonlyMap<string, TableState>) => (state: TableState) => {
    const name = names.get(state.name);
    return name && sameRowShape(states.get(state.name), state) ? name : inlineRowType(state.columns);
  };
  return {
    declarations,
    beforeType: typeOf(before, unit.before.tables),
    afterType: typeOf(after, unit.after.tables),
    beforeName: (t) => before.get(t),
    afterName: (t) => after.get(t),
  };
}

/** Tables the migration names in a step or a mapping, then any other whose row shape it changes. */
function touchedTables(unit: CompiledUnit): string[] {
  const seen = new Set<string>();
  for (const s of unit.plan.steps) if (s.table !== null) seen.add(s.table);
  for (const m of unit.mappings) seen.add(m.table);
  const all = [...unit.before.tables.keys(), ...unit.after.tables.keys()];
  for (const t of all) if (!sameRowShape(unit.before.tables.get(t), unit.after.tables.get(t))) seen.add(t);
  return [...seen];
}
