/**
 * A chain over a very wide schema, for the tests and the benchmark of how checking scales with the
 * number of tables: a baseline of `tables` tables, each keyed and indexed, most with a foreign key
 * to the table before it, then one migration that, on every `every`-th table, does each thing that
 * used to consult the whole schema: derive constraint and index names, rename a referenced column
 * (the foreign key pointing at it follows), rename a referenced table, drop a column, drop a table.
 * Clean by construction: `kmig check` finds nothing in it.
 */
export interface WideSchema {
  readonly files: readonly { readonly name: string; readonly text: string }[];
  /** The steps the migration plans: what a test can check without timing anything. */
  readonly migrationSteps: number;
  /** Tables renamed by the migration, old name → new name. */
  readonly renamed: ReadonlyMap<string, string>;
}

export function wideSchemaSpec(tables: number, every = 50): WideSchema {
  const baseline = [`baseline wide_v0 version '0.0.0' {`, `  describe 'a schema of ${tables} tables'`];
  for (let i = 0; i < tables; i++) baseline.push(createTable(i));
  baseline.push("}");
  const migration = [`migration wide_v1 from '0.0.0' to '1.0.0' {`, `  describe 'touches one table in ${every}'`];
  const renamed = new Map<string, string>();
  let steps = 0;
  // Table i is referenced by table i + 1 (if any), so the last one can be dropped.
  for (let i = 0; i + 1 < tables; i += every) {
    migration.push(
      `  table t${i} {`,
      `    rename id -> key`, // the foreign key of t${i + 1} follows
      `    add flag boolean default false unique`, // a derived constraint name
      `    drop note`,
      `    index (code, flag)`, // a derived index name
      `    add constraint t${i}_code_ck check (length(code) > 0)`,
      `  }`,
      `  rename table t${i} -> renamed_t${i}`,
    );
    renamed.set(`t${i}`, `renamed_t${i}`);
    // rename, add column, its unique (a concurrent index build, then the constraint using it),
    // drop note, index, check (added NOT VALID, then validated); rename table
    steps += 9;
  }
  migration.push(`  drop table t${tables - 1}`, "}");
  steps += 1;
  return {
    files: [
      { name: "000_baseline.kmig", text: baseline.join("\n") },
      { name: "001_wide.kmig", text: migration.join("\n") },
    ],
    migrationSteps: steps,
    renamed,
  };
}

function createTable(i: number): string {
  return [
    `  create table t${i} {`,
    `    id        bigint       primary key`,
    `    code      varchar(40)  unique`,
    `    note      text?`,
    ...(i > 0 ? [`    parent_id bigint?      references t${i - 1} (id)`] : []),
    `    index (note)`,
    `  }`,
  ].join("\n");
}
