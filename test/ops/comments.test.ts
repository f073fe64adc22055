import { expect } from "vitest";
import { columnOf, type Catalog } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { sameAsSqlSuite } from "./support/same-as-sql.js";
import { opSuite } from "./support/suite.js";

const CUSTOMERS = `
  create table customers {
    comment 'people who buy'
    id     integer  primary key
    email  text     unique comment 'login e-mail'
    name   text?    comment '''it's "their" name'''
    note   text?
  }`;

const tableComment = (cat: Catalog, table: string) => cat.tableProperties.find((t) => t.table === table)?.comment;

const CASES: OpCase[] = [
  {
    name: "change a column's comment, set one, remove one",
    baseline: CUSTOMERS,
    migrations: ["table customers {\n  alter email comment 'primary e-mail'\n  alter note comment 'free text'\n  alter name comment null\n}"],
    steps: ["comment-column:reversible", "comment-column:reversible", "comment-column:reversible"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "customers", "email")?.comment).toBe("primary e-mail");
      expect(columnOf(catalog, "customers", "note")?.comment).toBe("free text");
      expect(columnOf(catalog, "customers", "name")?.comment).toBeNull();
    },
  },
  {
    name: "change the table's comment, then remove it",
    baseline: CUSTOMERS,
    migrations: ["table customers {\n  comment 'people who bought'\n}", "table customers {\n  comment null\n}"],
    steps: ["comment-table:reversible", "comment-table:reversible"],
    after: ({ catalog }) => expect(tableComment(catalog, "customers")).toBeNull(),
  },
  {
    name: "add a column with a comment; a new table with comments",
    baseline: CUSTOMERS,
    migrations: ["table customers {\n  add phone text? comment 'E.164'\n}\ncreate table tags {\n  comment 'labels'\n  id integer primary key comment 'the key'\n}"],
    steps: ["add-column:reversible", "create-table:reversible"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "customers", "phone")?.comment).toBe("E.164");
      expect(tableComment(catalog, "tags")).toBe("labels");
      expect(columnOf(catalog, "tags", "id")?.comment).toBe("the key");
    },
  },
  {
    name: "drop a column with a comment: rollback gives the comment back with the values",
    baseline: CUSTOMERS,
    migrations: ["table customers {\n  drop name\n}"],
    steps: ["drop-column:stash"],
  },
  {
    name: "rename a column and the table: the comments follow",
    baseline: CUSTOMERS,
    migrations: ["table customers {\n  rename email -> login\n}\nrename table customers -> buyers"],
    steps: ["rename-column:reversible", "rename-table:reversible"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "buyers", "login")?.comment).toBe("login e-mail");
      expect(tableComment(catalog, "buyers")).toBe("people who buy");
    },
  },
];

opSuite("comments", CASES, { pgliteRuns: 3 });

sameAsSqlSuite("comments", [
  {
    name: "a table and column comments",
    baseline: CUSTOMERS,
    migrations: ["table customers {\n  alter email comment 'primary e-mail'\n  comment null\n}"],
    sql: [
      "CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL UNIQUE, name text, note text)",
      "COMMENT ON TABLE customers IS 'people who buy'",
      "COMMENT ON COLUMN customers.email IS 'login e-mail'",
      `COMMENT ON COLUMN customers.name IS 'it''s "their" name'`,
      "COMMENT ON COLUMN customers.email IS 'primary e-mail'",
      "COMMENT ON TABLE customers IS NULL",
    ],
  },
]);
