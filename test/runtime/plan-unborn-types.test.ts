import { describe, expect, it } from "vitest";
import { freshServer } from "./support/engines.js";
import { applyAll, planAll } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder } from "./support/specs.js";

/**
 * `kmig plan` runs in one read-only transaction, where the labels and types the migration's own
 * earlier steps make do not exist: a mapping that uses a label `add value` adds (or a type `create
 * type` makes) is not a violation — apply commits each step before the next — but a note, and the
 * checks of that table's rows after it are not predicted. Issue 13's steps (enum labels, types,
 * sequences, comments) are kmig's own SQL, not raw SQL. A real violation elsewhere is still found.
 */
const BASELINE = `baseline b version '1' {
  create type order_state as enum ('new', 'paid', 'void')
  create table orders {
    id    integer     primary key
    state order_state default 'new'
  }
  create table notes {
    id   integer primary key
    body text?
  }
  create table tickets {
    id integer primary key
  }
}
`;

const MIGRATION = `migration m from '1' to '2' {
  describe 'refunds and priorities'
  alter type order_state add value 'refunded' after 'void'
  create type priority as enum ('low', 'high')
  map settled: order_state -> order_state closed {
    new      -> new
    paid     -> paid
    void     -> refunded
    refunded -> refunded
  }
  table orders {
    state := settled(state)
    add ticket bigserial
  }
  table tickets {
    add level priority := when id > 1 then 'high' else 'low'
  }
  table orders {
    comment 'what people buy'
    add constraint orders_ticket_ck check (ticket > 0)
  }
  table notes { alter body set not null }
}
`;

describe("kmig plan over labels and types the migration makes (PostgreSQL)", () => {
  const server = freshServer();

  it("no false violation and no raw-SQL notes; the real violation found; nothing changes; apply then runs", async () => {
    const db = server.db();
    const spec = specFolder({ "000_b.kmig": BASELINE, "001_m.kmig": MIGRATION });
    try {
      await applyAll(db, spec.plans.slice(0, 1));
      await db.exec(`INSERT INTO orders VALUES (1, 'new'), (2, 'void'), (3, 'paid'); INSERT INTO notes VALUES (1, 'x'), (2, NULL); INSERT INTO tickets VALUES (1), (2)`);
      const before = await snapshotDb(db);
      const p = await planAll(db, spec.plans);
      expect(p.violations.map((v) => [v.step.includes("notes.body"), v.examples])).toEqual([[true, ["id=2"]]]);
      const notes = p.migrations[0].steps.flatMap((s) => s.notes.map((n) => `${s.summary}: ${n}`));
      expect(notes.filter((n) => n.includes("raw SQL"))).toEqual([]);
      expect(notes).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^backfill orders: state: the mapping of orders\.state \(line \d+\) is not predicted: it reads the label 'refunded' of order_state, which an earlier step adds/),
          expect.stringMatching(/^add check orders_ticket_ck on orders.*: not predicted: the rows after step `backfill orders: state` \(it reads the label 'refunded'/),
          "backfill tickets: level: not predicted: the rows of tickets once it has a column of the type priority, which an earlier step creates",
        ]),
      );
      expect(await snapshotDb(db)).toEqual(before);
      await db.exec(`UPDATE notes SET body = '' WHERE body IS NULL`);
      expect((await planAll(db, spec.plans)).violations).toEqual([]);
      await applyAll(db, spec.plans);
      const rows = await db.query<{ r: string }>(`SELECT (id, state, ticket)::text AS r FROM orders UNION ALL SELECT (id, level)::text FROM tickets ORDER BY 1`);
      expect(rows.rows.map((r) => r.r)).toEqual(["(1,low)", "(1,new,1)", "(2,high)", "(2,refunded,2)", "(3,paid,3)"]);
    } finally {
      spec.remove();
    }
  });
});
