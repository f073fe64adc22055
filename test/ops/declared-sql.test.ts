import { expect } from "vitest";
import type { OpCase } from "./support/round-trip.js";
import { sameAsSqlSuite } from "./support/same-as-sql.js";
import { opSuite } from "./support/suite.js";

/**
 * A `sql` item that declares what it does (docs/language.md §8.2): the SQL runs as written, the
 * model follows the declaration (later items use what it made), and rollback is the derived
 * inverse where the declaration says enough — exact on the server and on PGlite.
 */
const ORDERS = `
  create table orders {
    id    integer primary key
    total numeric(10, 2)
    note  text?
  }`;

const CASES: OpCase[] = [
  {
    name: "creates a table and an index: a later item adds to the table; rollback drops both",
    baseline: ORDERS,
    migrations: [
      `sql '''
    CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, since date DEFAULT current_date);
    CREATE INDEX users_email_idx ON users (email);
  '''
    creates table users {
      id     bigint  primary key
      email  text
      since  date?   default current_date
    }
    creates index users_email_idx on users (email)
  table users {
    add nick text?
  }`,
    ],
    steps: ["raw-sql:reversible", "add-column:reversible"],
    after: ({ catalog }) => {
      expect(catalog.tables).toContain("users");
      expect(catalog.indexes.map((i) => i.name)).toContain("users_email_idx");
      expect(catalog.columns.filter((c) => c.table === "users").map((c) => c.column)).toEqual(["email", "id", "nick", "since"]);
    },
    runs: 4,
  },
  {
    name: "alters a table with rows: the added column is dropped again, the rows stay",
    baseline: ORDERS,
    migrations: [
      `sql '''ALTER TABLE orders ADD COLUMN score integer NOT NULL DEFAULT 0, ALTER COLUMN note SET DEFAULT 'none' '''
    alters table orders {
      add score integer default 0
      alter note set default 'none'
    }`,
    ],
    steps: ["raw-sql:reversible"],
    after: ({ after }) => expect(after.orders.every((r) => r.score === 0)).toBe(true),
    runs: 6,
  },
  {
    name: "creates an enum type that a later table uses; drops an index kmig made, rebuilt on rollback",
    baseline: `${ORDERS}\n  create table tags {\n    id integer primary key\n    label text\n    index tags_label_idx (label)\n  }`,
    migrations: [
      `sql '''CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')''' creates type mood as enum ('sad', 'ok', 'happy')
  sql '''DROP INDEX tags_label_idx''' drops index tags_label_idx
  table tags {
    add mood mood default 'ok'
  }`,
    ],
    steps: ["raw-sql:reversible", "raw-sql:reversible", "add-column:reversible"],
    runs: 4,
  },
  {
    name: "a hand-written reverse is the rollback",
    baseline: ORDERS,
    migrations: [
      `sql '''ALTER TABLE orders ADD COLUMN flag boolean'''
    alters table orders {
      add flag boolean?
    }
    reverse '''ALTER TABLE orders DROP COLUMN flag'''`,
    ],
    steps: ["raw-sql:lossy"],
    runs: 3,
  },
];

opSuite("declared raw SQL", CASES, { pgliteRuns: 2 });

sameAsSqlSuite("declared raw SQL", [
  {
    name: "a declared table is the table kmig's own item makes",
    baseline: ORDERS,
    migrations: [
      `sql '''CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) UNIQUE)'''
    creates table users {
      id     bigint        primary key
      email  varchar(100)? unique
    }`,
    ],
    sql: [
      `CREATE TABLE orders (id integer PRIMARY KEY, total numeric(10, 2) NOT NULL, note text)`,
      `CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) UNIQUE)`,
    ],
  },
]);
