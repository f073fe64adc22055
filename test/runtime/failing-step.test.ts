import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCli } from "../support/cli.js";
import { postgresDb, resetDatabase, sharedPglite, type TestDb } from "./support/engines.js";
import { applyAll, runErrorOf } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

/** Steps that succeed before the failing one (a stash backfill among them) and after it. */
const BEFORE = `  map name_style {
    n1   -> first
    else -> other
  }
  table customers {
    add note text? default 'x'
    rename name -> full_name := name_style(name)
  }
  table customers { index idx_customers_note (note) }`;
const AFTER = `  table customers { add later text? }`;

interface FailCase {
  readonly name: string;
  /** The failing item; its first line is the one the error must name. */
  readonly item: string;
  /** What makes it fail on real data (or a schema edited by hand). */
  readonly prepare: string;
  readonly dbMessage: RegExp;
}

const CASES: readonly FailCase[] = [
  { name: "add column", item: "  table orders { add flagged boolean? }", prepare: "ALTER TABLE orders ADD COLUMN flagged boolean", dbMessage: /column "flagged" of relation "orders" already exists/ },
  { name: "rename column", item: "  table orders { rename amount -> total }", prepare: "ALTER TABLE orders ADD COLUMN total integer", dbMessage: /column "total" of relation "orders" already exists/ },
  {
    name: "backfill with a stash, overflowing half-way through its batches",
    item: "  table orders {\n    state := order_state(state)\n    add big integer? := amount * 1000000\n  }",
    prepare: "UPDATE orders SET amount = 5000 WHERE id = 650",
    dbMessage: /integer out of range/,
  },
  {
    name: "backfill with a stash, failing in its first batch",
    item: "  table orders {\n    state := order_state(state)\n    add big integer? := amount * 1000000\n  }",
    prepare: "UPDATE orders SET amount = 5000 WHERE id = 3",
    dbMessage: /integer out of range/,
  },
  { name: "backfill into a varchar too short for one row", item: "  table customers { add short varchar(4)? := full_name }", prepare: "UPDATE customers SET name = 'much too long' WHERE id = 250", dbMessage: /value too long for type character varying\(4\)/ },
  { name: "set not null", item: "  table customers { alter email set not null }", prepare: "UPDATE customers SET email = NULL WHERE id = 150", dbMessage: /contains null values/ },
  { name: "unique constraint", item: "  table customers { add unique (email) }", prepare: "UPDATE customers SET email = 'c1@example.org' WHERE id = 150", dbMessage: /could not create unique index "customers_email_key"/ },
  { name: "check constraint", item: "  table orders { add constraint orders_amount_ck check (amount >= 0) }", prepare: "UPDATE orders SET amount = -1 WHERE id = 650", dbMessage: /check constraint "orders_amount_ck" .*is violated by some row/ },
  { name: "foreign key", item: "  table orders { add foreign key (customer_id) references customers (id) }", prepare: "UPDATE orders SET customer_id = 9999 WHERE id = 650", dbMessage: /violates foreign key constraint "orders_customer_id_fkey"/ },
  { name: "create index", item: "  table orders { index idx_taken (amount) }", prepare: "CREATE INDEX idx_taken ON customers (id)", dbMessage: /relation "idx_taken" already exists/ },
  { name: "unique index built concurrently", item: "  table customers { unique index customers_email_uq (email) concurrently }", prepare: "UPDATE customers SET email = 'c1@example.org' WHERE id = 150", dbMessage: /could not create unique index "customers_email_uq"/ },
  { name: "raw sql", item: "  sql '''UPDATE orders SET amount = amount / (id - 650)''' reverse '''SELECT 1'''", prepare: "SELECT 1", dbMessage: /division by zero/ },
];

/** Builds the shop at v1 with rows, breaks it as the case says, and returns the spec. */
async function prepare(db: Db, k: FailCase): Promise<SpecFolder> {
  const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(`${BEFORE}\n${k.item}\n${AFTER}`) });
  await applyAll(db, spec.plans.slice(0, 1));
  await insertShopRows(db);
  await db.exec(k.prepare);
  return spec;
}

/** The run stops naming the spec line and PostgreSQL's message, and leaves the database exactly as it found it. */
async function expectCleanFailure(db: Db, k: FailCase): Promise<void> {
  const spec = await prepare(db, k);
  try {
    const before = await snapshotDb(db);
    const e = await runErrorOf(applyAll(db, spec.plans, { batch: { batchSize: 100, pauseMs: 0 } }));
    expect(e.message).toMatch(k.dbMessage);
    expect(e.code, e.message).toBe("K9101");
    expect(e.origin?.file).toBe(`${spec.dir}/001_v2.kmig`);
    expect(e.origin?.line).toBe(spec.lineOf("001_v2.kmig", k.item.split("\n")[0]));
    expect(e.message).toMatch(k.dbMessage);
    expect(await snapshotDb(db)).toEqual(before);
  } finally {
    spec.remove();
  }
}

describe("a failing step on the PostgreSQL server", () => {
  let t: TestDb;
  let db: Db;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
  });
  afterEach(async () => {
    await db?.close();
    await t?.drop();
  });

  for (const k of CASES) it(`${k.name}: stops, names the spec line, changes nothing`, () => expectCleanFailure(db, k));

  it("through the CLI: exit 1, the spec line and the database's message on stderr", async () => {
    const k = CASES[2];
    const spec = await prepare(db, k);
    try {
      const before = await snapshotDb(db);
      const r = runCli(["apply", spec.dir, "--db", t.url, "--batch-size", "100"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error[K9101]`);
      expect(r.stderr).toContain(`${spec.dir}/001_v2.kmig:${spec.lineOf("001_v2.kmig", "table orders {")}:`);
      expect(r.stderr).toContain("integer out of range");
      expect(await snapshotDb(db)).toEqual(before);
    } finally {
      spec.remove();
    }
  });
});

describe("a failing step on PGlite", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));
  for (const k of [CASES[2], CASES[6], CASES[10]]) it(`${k.name}: stops, names the spec line, changes nothing`, () => expectCleanFailure(pglite.db(), k));
});
