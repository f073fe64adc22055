import { beforeAll, describe, expect, it } from "vitest";
import { compileChain, type ChainResult } from "../../compiler/pipeline.js";
import { getTable } from "../../compiler/model/schema.js";
import { makeSourceFile } from "../../core/source-file.js";
import { wideSchemaSpec } from "./support/wide-schema.js";

/**
 * Checking scales with the size of the spec, not with tables × operations: a chain over 10,000
 * tables compiles well within the test timeout (no time is asserted: a loaded machine may be slow;
 * when each step copied the schema, this took many minutes). `bench/check-large.mjs` measures it.
 */
describe("a chain over a very wide schema", () => {
  const TABLES = 10_000;
  const wide = wideSchemaSpec(TABLES);
  let chain: ChainResult;
  // Compiled once, under the hook timeout: the whole chain is what is measured against it.
  beforeAll(() => {
    chain = compileChain(wide.files.map((f) => makeSourceFile(f.name, f.text)));
  });

  it("checks cleanly and plans every step", () => {
    const [baseline, migration] = chain.units;
    expect(chain.diagnostics).toEqual([]);
    // Each table: create table, then its index.
    expect(baseline.plan.steps).toHaveLength(2 * TABLES);
    expect(migration.plan.steps).toHaveLength(wide.migrationSteps);
    expect(migration.after.tables.size).toBe(TABLES - 1);
  });

  it("keeps each unit's schema before and after", () => {
    const [baseline, migration] = chain.units;
    expect(baseline.before.tables.size).toBe(0);
    expect(migration.before).toBe(baseline.after);
    expect(getTable(migration.before, "t0")?.columns.map((c) => c.name)).toEqual(["id", "code", "note"]);
    expect(getTable(migration.after, "t0")).toBeUndefined();
    expect(getTable(migration.after, "renamed_t0")?.columns.map((c) => c.name)).toEqual(["key", "code", "flag"]);
  });

  it("makes foreign keys follow renamed tables and columns", () => {
    const migration = chain.units[1];
    for (const [from, to] of wide.renamed) {
      const next = `t${Number(from.slice(1)) + 1}`;
      const fk = getTable(migration.after, next)?.constraints.find((c) => c.kind === "foreignKey");
      expect(fk).toMatchObject({ refTable: to, refColumns: ["key"] });
    }
  });
});
