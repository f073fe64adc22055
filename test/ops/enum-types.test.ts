import fc from "fast-check";
import { expect } from "vitest";
import { columnOf, type Catalog } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { sameAsSqlSuite } from "./support/same-as-sql.js";
import { opSuite } from "./support/suite.js";

const ORDERS = `
  create type order_state as enum ('new', 'paid', 'shipped', 'void')
  create table orders {
    id    integer primary key
    state order_state default 'new'
    prior order_state?
    note  text?
  }`;

const typeDef = (cat: Catalog, name: string) => cat.types.find((t) => t.name === name)?.def;

const CASES: OpCase[] = [
  {
    name: "add a label after another, and use it later in the same run (each step commits)",
    baseline: ORDERS,
    migrations: ["alter type order_state add value 'refunded' after 'void'\ntable orders {\n  state := when state == 'void' then 'refunded' else state\n}"],
    steps: ["add-enum-value:reversible", "backfill:stash"],
    commitEachStep: true,
    runs: 6,
    after: ({ catalog, after }) => {
      expect(typeDef(catalog, "order_state")).toBe("enum: 'new', 'paid', 'shipped', 'void', 'refunded'");
      expect(after.orders.every((r) => r.state !== "void")).toBe(true);
    },
    values: { "orders.id": fc.integer({ min: 0, max: 10_000 }) },
    probe: ["INSERT INTO orders (id) VALUES (-1)"],
  },
  {
    name: "add a label to a type that checks, a partial index and an exclusion read: rollback makes them again with the type",
    baseline: `${ORDERS}
  create table parcels {
    id     integer     primary key
    state  order_state
    weight integer
    constraint parcels_shipped_ck check (state <> 'shipped' or weight > 0)
    index parcels_open (id) where state == 'new'
    exclude (weight with =) where state == 'paid'
  }`,
    migrations: ["alter type order_state add value 'refunded' after 'void'\ntable parcels {\n  state := when state == 'void' then 'refunded' else state\n}"],
    steps: ["add-enum-value:reversible", "backfill:stash"],
    commitEachStep: true,
    runs: 6,
    after: ({ catalog }) => expect(typeDef(catalog, "order_state")).toBe("enum: 'new', 'paid', 'shipped', 'void', 'refunded'"),
    values: { "parcels.id": fc.integer({ min: 0, max: 10_000 }), "parcels.weight": fc.integer({ min: 1, max: 1_000_000 }) },
  },
  {
    name: "add a label first and before another",
    baseline: ORDERS,
    migrations: ["alter type order_state add value 'draft' before 'new'\nalter type order_state add value 'held'"],
    steps: ["add-enum-value:reversible", "add-enum-value:reversible"],
    commitEachStep: true,
    runs: 4,
    after: ({ catalog }) => expect(typeDef(catalog, "order_state")).toBe("enum: 'draft', 'new', 'paid', 'shipped', 'void', 'held'"),
  },
  {
    name: "rename a label: rows and the default follow it",
    baseline: ORDERS,
    migrations: ["alter type order_state rename value 'new' -> 'open'"],
    steps: ["rename-enum-value:reversible"],
    after: ({ catalog, before, after }) => {
      expect(columnOf(catalog, "orders", "state")?.default).toBe("'open'::order_state");
      expect(after.orders.map((r) => r.state)).toEqual(before.orders.map((r) => (r.state === "new" ? "open" : r.state)));
    },
  },
  {
    name: "an enum column to text and back: exact both ways, the default too",
    baseline: ORDERS,
    migrations: ["table orders {\n  alter state type text\n}", "table orders {\n  alter state type order_state\n}"],
    steps: ["alter-type:reversible", "alter-type:stash"],
    after: ({ catalog, beforeCatalog }) => expect(columnOf(catalog, "orders", "state")).toEqual(columnOf(beforeCatalog, "orders", "state")),
  },
  {
    name: "an enum column to text: text functions apply",
    baseline: ORDERS,
    migrations: ["table orders {\n  alter state type text\n  note := upper(to_text(state))\n}"],
    steps: ["alter-type:reversible", "backfill:stash"],
    after: ({ catalog }) => expect(columnOf(catalog, "orders", "state")?.default).toBe("'new'::text"),
  },
  {
    name: "a new enum type and a table of it; a status map into it",
    baseline: ORDERS,
    migrations: [
      "create type priority as enum ('low', 'high')\ncreate table tickets {\n  id integer primary key\n  level priority default 'low'\n}\nmap rank: order_state -> priority closed {\n  new, paid -> 'low'\n  shipped, void -> 'high'\n}\ntable orders {\n  add level priority := rank(state)\n}",
    ],
    steps: ["create-type:reversible", "create-table:reversible", "add-column:reversible", "backfill:reversible", "add-constraint:reversible", "validate-constraint:reversible", "set-not-null:reversible"],
    after: ({ after }) => expect(after.orders.every((r) => r.level === (["new", "paid"].includes(r.state as string) ? "low" : "high"))).toBe(true),
  },
  {
    name: "drop a type no column has",
    baseline: `${ORDERS}\n  create type unused as enum ('x', 'y z')`,
    migrations: ["drop type unused"],
    steps: ["drop-type:reversible"],
  },
];

opSuite("enum types", CASES, { pgliteRuns: 2 });

sameAsSqlSuite("enum types", [
  {
    name: "an enum type, a column of it with a default, a label added after another",
    baseline: ORDERS,
    migrations: ["alter type order_state add value 'refunded' after 'void'"],
    sql: [
      "CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped', 'void')",
      "CREATE TABLE orders (id integer PRIMARY KEY, state order_state NOT NULL DEFAULT 'new', prior order_state, note text)",
      "ALTER TYPE order_state ADD VALUE 'refunded' AFTER 'void'",
    ],
    probe: ["INSERT INTO orders (id) VALUES (1)"],
  },
]);
