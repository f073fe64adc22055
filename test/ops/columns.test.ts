import fc from "fast-check";
import { expect } from "vitest";
import { columnOf } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { opSuite } from "./support/suite.js";

const PEOPLE = `
  create table people {
    id      integer       primary key
    email   varchar(100)  unique
    name    text?
    code    varchar(10)   default 'x'
    n       integer?      check (n > 0)
    label   text?
    index (code desc) where n is not null
    index (label, code)
  }`;

const positive = fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null });
const VALUES = { "people.n": positive };

const CASES: OpCase[] = [
  {
    name: "add a nullable column: every row reads NULL",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  add last_login timestamp?\n}"],
    steps: ["add-column:reversible"],
    after: ({ after, catalog }) => {
      expect(columnOf(catalog, "people", "last_login")).toMatchObject({ type: "timestamp without time zone", not_null: false, default: null });
      for (const p of after.people) expect(p.last_login).toBeNull();
    },
  },
  {
    name: "add a NOT NULL column with a default: every row gets the default",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  add role varchar(50) default 'user'\n}"],
    steps: ["add-column:reversible"],
    after: ({ after, catalog }) => {
      expect(columnOf(catalog, "people", "role")).toMatchObject({ type: "character varying(50)", not_null: true, default: "'user'::character varying" });
      for (const p of after.people) expect(p.role).toBe("user");
    },
  },
  {
    name: "add a column computed with :=",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  add display text? := name ?? email\n}"],
    steps: ["add-column:reversible", "backfill:reversible"],
    after: ({ before, after }) => {
      expect(after.people.map((p) => p.display)).toEqual(before.people.map((p) => p.name ?? p.email));
    },
  },
  {
    name: "add a NOT NULL column computed with := and no default: NOT NULL after the backfill",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  add handle text := lower(email)\n}"],
    steps: ["add-column:reversible", "backfill:reversible", "add-constraint:reversible", "validate-constraint:reversible", "set-not-null:reversible"],
    after: ({ before, after, catalog }) => {
      expect(columnOf(catalog, "people", "handle")).toMatchObject({ not_null: true, default: null });
      // lower() maps ASCII letters only (stdlib/lower.ts): the same on every server locale.
      expect(after.people.map((p) => p.handle)).toEqual(before.people.map((p) => (p.email as string).replace(/[A-Z]+/g, (s) => s.toLowerCase())));
    },
  },
  {
    name: "add columns with constraints: unique, check and a foreign key, created after the backfill",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  add slug varchar(100) unique := email\n  add score integer? check (score >= 0)\n  add manager integer? references people (id)\n}"],
    steps: ["add-column:reversible", "add-column:reversible", "add-column:reversible", "backfill:reversible", "add-constraint:reversible", "validate-constraint:reversible", "set-not-null:reversible", "create-index:reversible", "add-constraint:reversible", "add-constraint:reversible", "validate-constraint:reversible", "add-constraint:reversible", "validate-constraint:reversible"],
    after: ({ catalog }) => {
      const names = catalog.constraints.filter((x) => x.table === "people").map((x) => x.name);
      expect(names).toEqual(expect.arrayContaining(["people_slug_key", "people_score_check", "people_manager_fkey"]));
    },
  },
  {
    name: "drop a column: values, default, NOT NULL, its unique constraint and indexes come back",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  drop code\n}"],
    steps: ["drop-column:stash"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "people", "code")).toBeUndefined();
      expect(catalog.indexes.map((i) => i.name)).toEqual(["people_email_key", "people_pkey"]);
    },
  },
  {
    name: "drop a column read by a partial index's predicate: the index comes back",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  drop n\n}"],
    steps: ["drop-column:stash"],
    after: ({ catalog }) => {
      expect(catalog.constraints.map((x) => x.name)).not.toContain("people_n_check");
      expect(catalog.indexes.map((i) => i.name)).not.toContain("people_code_idx");
    },
  },
  {
    name: "drop a column another column's check reads: the check comes back",
    baseline: `
  create table ranges {
    id    integer  primary key
    low   integer  check (low <= high)
    high  integer
  }`,
    values: { "ranges.low": fc.integer({ min: -100, max: 0 }), "ranges.high": fc.integer({ min: 0, max: 100 }) },
    migrations: ["table ranges {\n  drop high\n}"],
    steps: ["drop-column:stash"],
    after: ({ catalog }) => {
      expect(catalog.constraints.map((x) => x.name)).toEqual(["ranges_pkey"]);
    },
  },
  {
    name: "drop a column irreversibly: no down",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  drop label irreversible 'exported to the CRM'\n}"],
    steps: ["drop-column:irreversible"],
    after: ({ catalog }) => expect(catalog.kmigTables).toEqual([]),
  },
  {
    name: "drop a column with a declared reverse: rollback recomputes it, no stash",
    baseline: `
  create table accounts {
    id         integer  primary key
    is_active  boolean
  }`,
    migrations: ["table accounts {\n  add status text := when is_active then 'active' else 'disabled'\n  drop is_active reverse status == 'active'\n}"],
    steps: ["add-column:reversible", "backfill:reversible", "add-constraint:reversible", "validate-constraint:reversible", "set-not-null:reversible", "drop-column:lossy"],
    after: ({ before, after, catalog }) => {
      expect(catalog.kmigTables).toEqual([]);
      expect(after.accounts.map((a) => a.status)).toEqual(before.accounts.map((a) => (a.is_active ? "active" : "disabled")));
    },
  },
  {
    name: "rename a column and give it a default",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  rename name -> title default 'untitled'\n}"],
    steps: ["rename-column:reversible"],
    after: ({ before, after, catalog }) => {
      expect(columnOf(catalog, "people", "title")).toMatchObject({ default: "'untitled'::text" });
      expect(after.people.map((p) => p.title)).toEqual(before.people.map((p) => p.name));
    },
  },
  {
    name: "rename a column that has a default, keeping it",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  rename code -> short_code\n}"],
    steps: ["rename-column:reversible"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "people", "short_code")).toMatchObject({ default: "'x'::character varying" });
      expect(catalog.indexes.find((i) => i.name === "people_code_idx")?.def).toContain("short_code DESC");
    },
  },
  {
    name: "set and drop defaults",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  alter code set default 'y'\n  alter name set default 'anonymous'\n  alter n drop default\n}", "table people {\n  alter code drop default\n}"],
    steps: ["set-default:reversible", "set-default:reversible", "drop-default:reversible", "drop-default:reversible"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "people", "code")?.default).toBeNull();
      expect(columnOf(catalog, "people", "name")?.default).toBe("'anonymous'::text");
    },
  },
  {
    name: "fill the NULLs, then set not null; drop not null",
    baseline: PEOPLE,
    values: VALUES,
    migrations: ["table people {\n  n := n ?? 1\n  alter n set not null\n  alter email drop not null\n}"],
    steps: ["drop-not-null:reversible", "backfill:stash", "add-constraint:reversible", "validate-constraint:reversible", "set-not-null:reversible"],
    after: ({ before, after, catalog }) => {
      expect(columnOf(catalog, "people", "n")?.not_null).toBe(true);
      expect(columnOf(catalog, "people", "email")?.not_null).toBe(false);
      expect(after.people.map((p) => p.n)).toEqual(before.people.map((p) => p.n ?? 1));
    },
  },
];

opSuite("column operations on PostgreSQL", CASES);
