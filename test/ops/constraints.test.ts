import fc from "fast-check";
import { expect } from "vitest";
import type { Catalog } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { opSuite } from "./support/suite.js";

const SHOP = `
  create table users {
    id     integer  primary key
    email  text
    age    integer?
    name   text?
  }
  create table orders {
    id        integer   primary key
    user_id   integer?  references users (id)
    low       integer
    high      integer
    note      text?     check (note is null or length(note) < 100)
    check (low <= high)
    index (low) where note is not null
  }`;

const VALUES = {
  "orders.low": fc.integer({ min: -1000, max: 0 }),
  "orders.high": fc.integer({ min: 0, max: 1000 }),
  "orders.note": fc.option(fc.string({ maxLength: 20 }).filter((s) => !s.includes("\u0000")), { nil: null }),
};

const constraintsOf = (cat: Catalog, table: string) => Object.fromEntries(cat.constraints.filter((x) => x.table === table).map((x) => [x.name, x.def]));

const CASES: OpCase[] = [
  {
    name: "add unique constraints, unnamed (one and two columns) and named",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table users {\n  add unique (id, email)\n  add constraint users_email_uq unique (email, id)\n}\ntable orders {\n  add unique (id)\n}"],
    steps: ["create-index:reversible", "add-constraint:reversible", "create-index:reversible", "add-constraint:reversible", "create-index:reversible", "add-constraint:reversible"],
    after: ({ catalog }) => {
      expect(constraintsOf(catalog, "users")).toMatchObject({ users_id_email_key: "UNIQUE (id, email)", users_email_uq: "UNIQUE (email, id)" });
      expect(constraintsOf(catalog, "orders")).toMatchObject({ orders_id_key: "UNIQUE (id)" });
    },
  },
  {
    name: "add check constraints: named, unnamed on one column, unnamed on two columns",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table orders {\n  add constraint orders_span_ck check (high - low <= 2000)\n  add check (high >= 0)\n  add check (low < high + 1 and low > -5000)\n}"],
    steps: ["add-constraint:reversible", "validate-constraint:reversible", "add-constraint:reversible", "validate-constraint:reversible", "add-constraint:reversible", "validate-constraint:reversible"],
    after: ({ catalog }) => {
      expect(Object.keys(constraintsOf(catalog, "orders")).sort()).toEqual(["orders_check", "orders_check1", "orders_high_check", "orders_note_check", "orders_pkey", "orders_span_ck", "orders_user_id_fkey"]);
    },
  },
  {
    name: "a check with nested functions, ??, in and is null",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table users {\n  add constraint users_name_ck check (name is null or length(trim(lower(name))) >= 0)\n  add constraint users_age_ck check ((age ?? 0) in [0, age ?? 0])\n}"],
    steps: ["add-constraint:reversible", "validate-constraint:reversible", "add-constraint:reversible", "validate-constraint:reversible"],
  },
  {
    name: "replace a foreign key: drop it, add it back with other actions",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table orders {\n  drop constraint orders_user_id_fkey\n  add foreign key (user_id) references users (id) on delete cascade on update restrict\n}"],
    steps: ["drop-constraint:reversible", "add-constraint:reversible", "validate-constraint:reversible"],
    after: ({ catalog }) => {
      expect(constraintsOf(catalog, "orders").orders_user_id_fkey).toBe("FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE RESTRICT ON DELETE CASCADE");
    },
  },
  {
    name: "drop unique, check and primary key constraints: rollback adds them back",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table orders {\n  drop constraint orders_check\n  drop constraint orders_note_check\n  drop constraint orders_user_id_fkey\n}\ntable users {\n  drop constraint users_pkey\n}"],
    steps: ["drop-constraint:reversible", "drop-constraint:reversible", "drop-constraint:reversible", "drop-constraint:reversible"],
    after: ({ catalog }) => {
      expect(Object.keys(constraintsOf(catalog, "users"))).toEqual([]);
      expect(Object.keys(constraintsOf(catalog, "orders"))).toEqual(["orders_pkey"]);
    },
  },
  {
    name: "add a primary key to a table that has none",
    baseline: "create table logs {\n  id   integer  unique\n  msg  text?\n}",
    migrations: ["table logs {\n  add primary key (id)\n}"],
    steps: ["create-index:reversible", "add-constraint:reversible"],
    after: ({ catalog }) => expect(constraintsOf(catalog, "logs")).toMatchObject({ logs_pkey: "PRIMARY KEY (id)" }),
  },
  {
    name: "drop a check after its column was renamed: rollback adds the check on the current name",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table orders {\n  rename note -> remark\n}", "table orders {\n  drop constraint orders_note_check\n}"],
    steps: ["rename-column:reversible", "drop-constraint:reversible"],
  },
  {
    name: "drop an index after the column of its predicate was renamed: rollback rebuilds it on the current name",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table orders {\n  rename note -> remark\n}", "table orders {\n  drop index orders_low_idx\n}"],
    steps: ["rename-column:reversible", "drop-index:reversible"],
  },
  {
    name: "drop a column a table check reads: the check comes back",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table orders {\n  drop high\n}"],
    steps: ["drop-column:stash"],
    after: ({ catalog }) => expect(Object.keys(constraintsOf(catalog, "orders"))).not.toContain("orders_check"),
  },
  {
    name: "drop a foreign key after the column it references was renamed: rollback references the current name",
    baseline: SHOP,
    values: VALUES,
    migrations: ["table users {\n  rename id -> user_uid\n}", "table orders {\n  drop constraint orders_user_id_fkey\n}"],
    steps: ["rename-column:reversible", "drop-constraint:reversible"],
  },
  {
    name: "a check and an index predicate with nested functions and a long when: no subquery",
    baseline: SHOP,
    values: VALUES,
    migrations: [
      `table orders {
        add constraint orders_note_len check (length(when note in ['', 'none', 'n/a', 'unknown', 'nobody'] then '' else trim(lower(upper(trim(note))))) < 100)
        index orders_note_len_idx (low) where length(when note in ['', 'none', 'n/a', 'unknown', 'nobody'] then '' else trim(lower(upper(trim(note))))) > 0
      }`,
    ],
    steps: ["add-constraint:reversible", "validate-constraint:reversible", "create-index:reversible"],
  },
  {
    name: "checks follow PostgreSQL's rules: a comparison with NULL passes",
    baseline: SHOP,
    migrations: ["table users {\n  add constraint users_age_ck check (age >= 0 and age < 200 or age == -1)\n}"],
    values: { ...VALUES, "users.age": fc.option(fc.integer({ min: 0, max: 150 }), { nil: null, freq: 2 }) },
    steps: ["add-constraint:reversible", "validate-constraint:reversible"],
    after: ({ catalog }) => expect(constraintsOf(catalog, "users").users_age_ck).toBe("CHECK ((((age >= 0) AND (age < 200)) OR (age = '-1'::integer)))"),
  },
];

opSuite("constraints on PostgreSQL", CASES);
