import { describe, expect, it } from "vitest";
import { runLaws } from "../../proptest/run-laws.js";
import { compileChain } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";
import { freshServer } from "../runtime/support/engines.js";
import { openMemoryPglite } from "../../runtime/db/pglite.js";

/**
 * `kmig test` on mappings with date/time arithmetic (issue 13 item 9): rows of date, timestamp,
 * timestamptz, time and interval columns are generated (month ends and leap days included), and the
 * SQL of every mapping agrees with its JavaScript on them, on the real server.
 */
const V1 = `migration m1 from '0' to '1' {
  describe 'orders'
  create table orders {
    id         integer primary key
    created_at timestamptz
    placed_at  timestamp?
    ordered_on date
    opens      time?
    span       interval?
  }
}
`;
const V2 = `migration m2 from '1' to '2' {
  describe 'dates'
  table orders {
    add overdue boolean := created_at < now() - interval '30 days'
    add due_on date := ordered_on + 3
    add due_at timestamp := ordered_on + interval '1 month'
    add renew_at timestamp? := placed_at + interval '1 year 1 month -1 day'
    add age interval := now() - created_at
    add waited integer := current_date - ordered_on
    add doubled interval? := -(span * 2) + interval '1 day'
    add closes time? := opens + interval '90 minutes'
    add early boolean := ordered_on < placed_at
  }
}
`;

describe("kmig test on date/time mappings (server)", { timeout: 300_000 }, () => {
  const server = freshServer();

  it("holds: forward is total, SQL agrees with JS, rollback is exact", async () => {
    const chain = compileChain([makeSourceFile("t/001.kmig", V1), makeSourceFile("t/002.kmig", V2)]);
    expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const rs = await runLaws(server.db(), chain.units, { runs: 15, seed: 13, path: null, rowsPerRun: 8 });
    expect(rs.map((r) => r.failure?.message ?? null)).toEqual(rs.map(() => null));
    expect(rs.reduce((n, r) => n + r.tested, 0)).toBeGreaterThan(15);
  });
});

describe("kmig test on date/time mappings (PGlite)", { timeout: 400_000 }, () => {
  it("holds on the embedded PostgreSQL too", async () => {
    const db = await openMemoryPglite();
    try {
      const chain = compileChain([makeSourceFile("t/001.kmig", V1), makeSourceFile("t/002.kmig", V2)]);
      const rs = await runLaws(db, chain.units, { runs: 5, seed: 13, path: null, rowsPerRun: 8 });
      expect(rs.map((r) => r.failure?.message ?? null)).toEqual(rs.map(() => null));
      expect(rs.reduce((n, r) => n + r.tested, 0)).toBeGreaterThan(5);
    } finally {
      await db.close();
    }
  });
});
