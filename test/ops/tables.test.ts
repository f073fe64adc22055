import { expect } from "vitest";
import { columnOf } from "./support/catalog.js";
import { RUN_AT, type OpCase } from "./support/round-trip.js";
import { opSuite } from "./support/suite.js";

const USERS = `
  create table users {
    id     uuid          primary key default gen_random_uuid()
    email  varchar(255)  unique
    name   text?
  }`;

const CASES: OpCase[] = [
  {
    name: "create table: columns, defaults, keys, checks, a foreign key and an index",
    baseline: USERS,
    migrations: [
      `create table audit_logs {
        id          uuid          primary key default gen_random_uuid()
        user_id     uuid?         references users (id) on delete set null
        action      varchar(100)  check (length(action) > 0)
        details     jsonb?        default { source: 'kmig', tags: [] }
        created_at  timestamptz   default now()
        unique (user_id, action)
        index (user_id, created_at desc)
      }`,
    ],
    steps: ["create-table:reversible", "create-index:reversible"],
    after: async ({ c, catalog }) => {
      expect(catalog.tables).toContain("audit_logs");
      expect(columnOf(catalog, "audit_logs", "details")).toMatchObject({ type: "jsonb", not_null: false, default: `'{"tags": [], "source": "kmig"}'::jsonb` });
      expect(columnOf(catalog, "audit_logs", "action")).toMatchObject({ type: "character varying(100)", not_null: true });
      expect(catalog.constraints.filter((x) => x.table === "audit_logs").map((x) => x.name)).toEqual(["audit_logs_action_check", "audit_logs_pkey", "audit_logs_user_id_action_key", "audit_logs_user_id_fkey"]);
      expect(catalog.indexes.map((i) => i.name)).toContain("audit_logs_user_id_created_at_idx");
      // The defaults work for rows the application inserts later.
      const row = (await c.query("INSERT INTO audit_logs (action) VALUES ('login') RETURNING to_jsonb(audit_logs.*)::text AS r")).rows[0].r;
      expect(JSON.parse(row)).toMatchObject({ action: "login", details: { source: "kmig", tags: [] }, user_id: null });
      await c.query("DELETE FROM audit_logs");
    },
  },
  {
    name: "drop table: the table, its rows, keys and indexes come back",
    baseline: `${USERS}
  create table sessions {
    id       bigint   primary key
    user_id  uuid     references users (id)
    token    text     unique
    data     jsonb?
    index (user_id)
  }`,
    migrations: ["drop table sessions"],
    steps: ["drop-table:stash"],
    after: ({ catalog }) => {
      expect(catalog.tables).toEqual(["users"]);
      expect(catalog.kmigTables).toEqual(["stash__m1__sessions__table"]);
    },
  },
  {
    name: "drop table irreversible: nothing kept, no down",
    baseline: `${USERS}
  create table legacy {
    id integer primary key
    note text?
  }`,
    migrations: ["drop table legacy irreversible 'archived to S3'"],
    steps: ["drop-table:irreversible"],
    after: ({ catalog }) => {
      expect(catalog.tables).toEqual(["users"]);
      expect(catalog.kmigTables).toEqual([]);
    },
  },
  {
    name: "rename table: constraints keep their names, foreign keys follow, later steps use the new name",
    baseline: `${USERS}
  create table tasks {
    id       integer  primary key
    user_id  uuid     references users (id)
  }`,
    migrations: ["rename table users -> people", "table people {\n  add nickname text?\n}\ntable tasks {\n  add owner_email varchar(255)?\n}"],
    steps: ["rename-table:reversible", "add-column:reversible", "add-column:reversible"],
    after: ({ catalog }) => {
      expect(catalog.tables).toEqual(["people", "tasks"]);
      expect(catalog.constraints.find((x) => x.name === "tasks_user_id_fkey")?.def).toBe("FOREIGN KEY (user_id) REFERENCES people(id)");
      expect(catalog.constraints.map((x) => x.name)).toContain("users_pkey");
    },
  },
  {
    name: "raw sql with a reverse",
    baseline: USERS,
    migrations: ["sql '''CREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL''' reverse '''DROP VIEW named_users'''"],
    steps: ["raw-sql:lossy"],
    after: async ({ c, before }) => {
      const n = Number((await c.query("SELECT count(*) AS n FROM named_users")).rows[0].n);
      expect(n).toBe(before.users.filter((u) => u.name !== null).length);
    },
  },
  {
    name: "raw sql irreversible",
    baseline: USERS,
    migrations: ["sql '''ANALYZE users''' irreversible 'statistics only'"],
    steps: ["raw-sql:irreversible"],
  },
  {
    name: "now() is the run's time",
    baseline: USERS,
    migrations: ["table users {\n  add seen_at timestamptz? := now()\n}"],
    steps: ["add-column:reversible", "backfill:reversible"],
    after: ({ after }) => {
      for (const u of after.users) expect(u.seen_at).toBe(RUN_AT.replace(" ", "T").replace("+00", "+00:00"));
    },
  },
];

opSuite("table operations on PostgreSQL", CASES);
