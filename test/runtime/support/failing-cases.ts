import type { Db } from "../../../runtime/db/connection.js";
import { applyAll } from "./run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./shop.js";
import { specFolder, type SpecFolder } from "./specs.js";

/**
 * One failing step of every kind, each in the middle of a migration of the shop: the data (or a
 * schema edited by hand) makes PostgreSQL refuse it. Shared by the apply and the plan tests.
 */

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

export interface FailCase {
  readonly name: string;
  /** The failing item; its first line is the one the error must name. */
  readonly item: string;
  /** What makes it fail on real data (or a schema edited by hand). */
  readonly prepare: string;
  readonly dbMessage: RegExp;
}

export const FAIL_CASES: readonly FailCase[] = [
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
export async function prepareFailure(db: Db, k: FailCase): Promise<SpecFolder> {
  const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(`${BEFORE}\n${k.item}\n${AFTER}`) });
  await applyAll(db, spec.plans.slice(0, 1));
  await insertShopRows(db);
  await db.exec(k.prepare);
  return spec;
}

