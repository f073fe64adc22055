import { describe, expect, it } from "vitest";
import { runLaws } from "../../proptest/run-laws.js";
import { compileChain } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";
import { freshServer } from "../runtime/support/engines.js";

/**
 * `kmig test` on a migration that adds an enum label and uses it in the same migration: PostgreSQL
 * refuses a label in the transaction that added it, and the laws run in one transaction, so they
 * used to fail "forward is total" (`unsafe use of new value`) on a migration `kmig apply` runs fine.
 * Also a label added in an earlier migration of the chain, one added before another, and a type
 * that a check and a partial index hold labels of. `add value` puts only the tables with a column of
 * the type under test (`pairs`, whose check no generated row meets, is not).
 */
const V1 = `baseline b version '1' {
  create type order_state as enum ('new', 'paid', 'void')
  create table orders {
    id     integer     primary key
    state  order_state default 'new'
    tags   order_state[]?
    total  integer
    constraint orders_state_ck check (state <> 'paid' or total > 0)
    index orders_open (id) where state == 'new'
  }
  create table pairs {
    id integer primary key
    a  integer
    b  integer
    check (a + b = 1000003)
  }
}
`;

const V2 = `migration m2 from '1' to '2' {
  describe 'refunds'
  alter type order_state add value 'refunded' after 'void'
  alter type order_state add value 'draft' before 'new'
  map settled: order_state -> order_state closed {
    new      -> new
    paid     -> paid
    void     -> refunded
    refunded -> refunded
    draft    -> draft
  }
  table orders {
    state := settled(state)
  }
}
`;

const V3 = `migration m3 from '2' to '3' {
  describe 'refunded orders are void again'
  table orders {
    state := when state == 'refunded' then 'void' else state
  }
}
`;

describe("kmig test on a migration that adds an enum label and uses it (PostgreSQL)", { timeout: 300_000 }, () => {
  const server = freshServer();

  it("the label is usable by the steps after `add value`, and rollback is exact; a later migration uses it too", async () => {
    const chain = compileChain([V1, V2, V3].map((text, i) => makeSourceFile(`specs/00${i}.kmig`, text)));
    expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const db = server.db();
    const results = await runLaws(db, chain.units, { runs: 10, seed: 5, path: null, rowsPerRun: 5 });
    expect(results.map((r) => [r.migration, r.failure?.message ?? null])).toEqual([
      ["m2", null],
      ["m3", null],
    ]);
    expect(results.map((r) => [r.ok, r.tested > 0, r.untested])).toEqual([[true, true, null], [true, true, null]]);
    // The session left nothing behind: the type is as the chain's baseline made it.
    const labels = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_type WHERE typname = 'order_state'`);
    expect(labels.rows[0].n).toBe("0");
  });

  it("a table whose every generated row PostgreSQL refuses is untested, though another table got rows", async () => {
    const both = `migration m2 from '1' to '2' {\n  describe 'both'\n  table orders {\n    state := when state == 'void' then 'paid' else state\n  }\n  table pairs {\n    drop b\n  }\n}\n`;
    const chain = compileChain([V1, both].map((text, i) => makeSourceFile(`specs/00${i}.kmig`, text)));
    expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const [r] = await runLaws(server.db(), chain.units, { runs: 6, seed: 2, path: null, rowsPerRun: 4 });
    expect([r.ok, r.tested > 0]).toEqual([true, true]);
    expect(r.untested).toMatch(/^`pairs` got no row/);
  });
});
