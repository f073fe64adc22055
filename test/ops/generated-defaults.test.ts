import fc from "fast-check";
import { expect } from "vitest";
import { columnOf } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { sameAsSqlSuite } from "./support/same-as-sql.js";
import { opSuite } from "./support/suite.js";

const LINES = `
  create table lines {
    id     integer  primary key
    price  numeric(10, 2)
    qty    integer
    label  text?
    total  numeric  generated always as (price * qty) stored
    tag    text?    generated always as (lower(label) || '-' || to_text(qty)) stored
  }`;

const VALUES = { "lines.price": fc.integer({ min: 0, max: 10000 }).map((n) => (n / 100).toFixed(2)), "lines.qty": fc.integer({ min: 0, max: 1000 }) };

/** A key no generated row has (at most 8 rows: one of 11 candidates is free). */
const FREE_ID = "(SELECT g FROM generate_series(-5, 5) AS g WHERE g NOT IN (SELECT id FROM lines) LIMIT 1)";

const CASES: OpCase[] = [
  {
    name: "add a generated column to a table with rows: PostgreSQL computes every row",
    baseline: LINES,
    values: VALUES,
    migrations: ["table lines {\n  add doubled integer generated always as (qty * 2) stored comment 'twice qty'\n}"],
    steps: ["add-column:reversible"],
    probe: [`INSERT INTO lines (id, price, qty) VALUES (${FREE_ID}, 2.5, 4)`],
    after: ({ after, catalog }) => {
      expect(columnOf(catalog, "lines", "doubled")).toMatchObject({ generated: "s", default: '(qty * 2)', comment: "twice qty" });
      for (const r of after.lines) expect(r.doubled).toBe(Number(r.qty) * 2);
    },
  },
  {
    name: "drop a generated column: rollback adds it again, PostgreSQL computes the same values",
    baseline: LINES,
    values: VALUES,
    migrations: ["table lines {\n  drop tag\n}"],
    steps: ["drop-column:reversible"],
  },
  {
    name: "rename a column a generated column reads: the expression follows",
    baseline: LINES,
    values: VALUES,
    migrations: ["table lines {\n  rename qty -> quantity\n}", "table lines {\n  quantity := quantity + 1\n}"],
    steps: ["rename-column:reversible", "backfill:stash"],
    after: ({ after }) => {
      for (const r of after.lines) expect(Number(r.total)).toBeCloseTo(Number(r.price) * Number(r.quantity), 6);
    },
  },
  {
    name: "expression defaults: current_date, current_timestamp, localtimestamp, random(), lower(…), now() + arithmetic",
    baseline: LINES,
    values: VALUES,
    migrations: [
      `table lines {
        add day     date              default current_date
        add at      timestamptz       default current_timestamp
        add local   timestamp         default localtimestamp
        add luck    double precision  default random()
        add code    text              default lower('ABC') || '-x'
        add n       integer           default 6 * 7
        add seen    timestamptz       default now()
      }`,
    ],
    steps: Array(7).fill("add-column:reversible"),
    probe: [`INSERT INTO lines (id, price, qty) VALUES (${FREE_ID}, 1, 1)`],
    after: ({ after, catalog }) => {
      expect(columnOf(catalog, "lines", "day")?.default).toBe("CURRENT_DATE");
      expect(columnOf(catalog, "lines", "at")?.default).toBe("CURRENT_TIMESTAMP");
      expect(columnOf(catalog, "lines", "local")?.default).toBe("LOCALTIMESTAMP");
      expect(columnOf(catalog, "lines", "luck")?.default).toBe("random()");
      for (const r of after.lines) {
        expect(r.code).toBe("abc-x");
        expect(r.n).toBe(42);
        expect(Number(r.luck)).toBeGreaterThanOrEqual(0);
      }
    },
  },
  {
    name: "set an expression default and drop it again",
    baseline: LINES,
    values: VALUES,
    migrations: ["table lines {\n  alter label set default upper('none')\n}", "table lines {\n  alter label drop default\n}"],
    steps: ["set-default:reversible", "drop-default:reversible"],
  },
];

opSuite("generated columns and expression defaults", CASES, { pgliteRuns: 2 });

sameAsSqlSuite("generated columns and expression defaults", [
  {
    name: "generated columns and defaults as the equivalent SQL makes them",
    baseline: `${LINES}\n  create table events {\n    id integer primary key\n    day date default current_date\n    at timestamptz default now()\n    code text default lower('ABC')\n  }`,
    migrations: [],
    sql: [
      `CREATE TABLE lines (id integer PRIMARY KEY, price numeric(10,2) NOT NULL, qty integer NOT NULL, label text,
        total numeric NOT NULL GENERATED ALWAYS AS (price * qty) STORED,
        tag text GENERATED ALWAYS AS (lower(label COLLATE "C") || '-' || qty::text) STORED)`,
      `CREATE TABLE events (id integer PRIMARY KEY, day date NOT NULL DEFAULT CURRENT_DATE, at timestamptz NOT NULL DEFAULT now(), code text NOT NULL DEFAULT lower('ABC'::text COLLATE "C"))`,
    ],
    // events' defaults read the clock: the catalog says what they are.
    probe: ["INSERT INTO lines (id, price, qty, label) VALUES (1, 2.5, 4, 'Box')"],
  },
]);
