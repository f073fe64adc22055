import { expect } from "vitest";
import { columnOf } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { opSuite } from "./support/suite.js";

/**
 * Issue 13, item 5: every spelling PostgreSQL accepts for a type kmig knows makes the column
 * PostgreSQL makes of it, and the types kmig added (timetz, money, bit strings, text search, xml,
 * geometry, MAC addresses, oid, bpchar, interval fields) go through a stash and back exactly.
 */

/** Column, spelling, and the type PostgreSQL reports for it (`format_type`). */
const SPELLINGS: readonly (readonly [string, string, string])[] = [
  ["c1", "time with time zone", "time with time zone"],
  ["c2", "time(3) with time zone", "time(3) with time zone"],
  ["c3", "timestamp(2) without time zone", "timestamp(2) without time zone"],
  ["c4", "timestamp with time zone", "timestamp with time zone"],
  ["c5", "character varying(20)", "character varying(20)"],
  ["c6", "national character(4)", "character(4)"],
  ["c7", "bpchar", "bpchar"],
  ["c8", "bit(3)", "bit(3)"],
  ["c9", "bit varying(5)", "bit varying(5)"],
  ["c10", "money", "money"],
  ["c11", "tsvector", "tsvector"],
  ["c12", "tsquery", "tsquery"],
  ["c13", "xml", "xml"],
  ["c14", "point", "point"],
  ["c15", "line", "line"],
  ["c16", "lseg", "lseg"],
  ["c17", "box", "box"],
  ["c18", "path", "path"],
  ["c19", "polygon", "polygon"],
  ["c20", "circle", "circle"],
  ["c21", "macaddr", "macaddr"],
  ["c22", "macaddr8", "macaddr8"],
  ["c23", "oid", "oid"],
  ["c24", "interval day to second(3)", "interval day to second(3)"],
  ["c25", "interval year to month", "interval year to month"],
  ["c26", "float(10)", "real"],
  ["c27", "integer array", "integer[]"],
  ["c28", "double precision[][]", "double precision[]"],
  ["c29", "dec(8, 3)", "numeric(8,3)"],
  ["c30", "timetz(2)", "time(2) with time zone"],
  ["c31", "varbit", "bit varying"],
];

/** One table per group of spellings: a case per table keeps each round trip small. */
const GROUPS = [SPELLINGS.slice(0, 8), SPELLINGS.slice(8, 16), SPELLINGS.slice(16, 24), SPELLINGS.slice(24)];

const spellingCase = (group: typeof SPELLINGS, n: number): OpCase => ({
  name: `spellings ${group.map(([, t]) => `\`${t}\``).join(", ")}: PostgreSQL's column; dropped, stashed, and put back by rollback`,
  baseline: `
  create table kinds {
    id integer primary key
${group.map(([c, t]) => `    ${c} ${t}?`).join("\n")}
  }`,
  migrations: [`table kinds {\n${group.map(([c]) => `  drop ${c}`).join("\n")}\n}`],
  steps: group.map(() => "drop-column:stash"),
  maxRows: 4,
  runs: 5 + n,
  after: ({ beforeCatalog, catalog }) => {
    for (const [c, , pg] of group) expect(columnOf(beforeCatalog, "kinds", c)?.type, c).toBe(pg);
    expect(catalog.columns.filter((c) => c.table === "kinds").map((c) => c.column)).toEqual(["id"]);
  },
});

const CASES: OpCase[] = [
  ...GROUPS.map(spellingCase),
  {
    name: "alter type between spellings of one type changes nothing PostgreSQL sees as a change",
    baseline: `
  create table slots {
    id integer primary key
    at timestamp with time zone?
    name character varying(30)?
  }`,
    migrations: ["table slots {\n  alter at type timestamp(6) with time zone\n  alter name type varchar(40)\n}"],
    steps: ["alter-type:reversible", "alter-type:reversible"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "slots", "at")?.type).toBe("timestamp(6) with time zone");
      expect(columnOf(catalog, "slots", "name")?.type).toBe("character varying(40)");
    },
  },
];

opSuite("type spellings (real PostgreSQL)", CASES);
