import { describe, expect, it } from "vitest";
import { snapshotCatalog, snapshotRows, type Queryable } from "./catalog.js";
import { runUp } from "./round-trip.js";
import { compileCase, plansOf, type CaseSpec } from "./spec.js";
import { usePglite, useDatabase } from "./suite.js";

/**
 * A construct against the SQL PostgreSQL's documentation gives for it: the spec's plans and the
 * hand-written SQL each run on an empty database, and pg_catalog must then describe the same
 * schema — every column, default, constraint, index, comment, sequence (with its state) and
 * replica identity — and `probe` statements (inserts that omit a key, say) give the same rows.
 */
export interface SqlEquivalence extends CaseSpec {
  readonly name: string;
  /** The SQL that makes the same schema, statement by statement. */
  readonly sql: readonly string[];
  /** Statements run after either (inserts, nextval calls); the rows of every table are compared after them. */
  readonly probe?: readonly string[];
}

async function schemaAfter(c: Queryable, statements: () => Promise<void>, probe: readonly string[]): Promise<unknown> {
  await c.query("BEGIN");
  try {
    await statements();
    for (const sql of probe) await c.query(sql);
    const catalog = await snapshotCatalog(c);
    return { catalog, rows: await snapshotRows(c, catalog.tables) };
  } finally {
    await c.query("ROLLBACK");
  }
}

/** Checks one equivalence on one connection. */
export async function checkSameAsSql(c: Queryable, k: SqlEquivalence): Promise<void> {
  const { baseline, migrations } = plansOf(compileCase(k));
  const fromSpec = await schemaAfter(c, () => runUp(c, [baseline, ...migrations]), k.probe ?? []);
  const fromSql = await schemaAfter(c, async () => {
    for (const sql of k.sql) await c.query(sql);
  }, k.probe ?? []);
  expect(fromSpec).toEqual(fromSql);
}

/** One `it` per equivalence, on the server and on PGlite. */
export function sameAsSqlSuite(title: string, cases: readonly SqlEquivalence[]): void {
  describe(`${title}: the same catalog as the SQL`, () => {
    const db = useDatabase();
    for (const k of cases) it(k.name, () => checkSameAsSql(db(), k));
  });
  describe(`${title}: the same catalog as the SQL (PGlite)`, () => {
    const db = usePglite();
    for (const k of cases) it(k.name, () => checkSameAsSql(db(), k), 60_000);
  });
}
