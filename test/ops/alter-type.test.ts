import fc from "fast-check";
import { expect } from "vitest";
import { columnOf } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { opSuite } from "./support/suite.js";

const ITEMS = `
  create table items {
    id       integer      primary key
    qty      integer?     check (qty >= -1000000)
    code     varchar(10)
    note     varchar(40)? default 'none'
    price    numeric(12, 4)?
    seen_at  timestamp?
    index (code)
  }`;

/** Digit strings, some with leading zeros (which `to_int` and the cast back do not keep). */
const digits = fc.oneof(fc.constantFrom("0", "007", "42", "-3", "2147483647"), fc.integer({ min: -99999, max: 999999 }).map(String));

/** numeric → integer rounds halves away from zero (and never gives -0). */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x)) + 0;

/** `qty` has a check; the other columns take the generic awkward values. */
const QTY = { "items.qty": fc.option(fc.integer({ min: -1_000_000, max: 2_147_483_647 }), { nil: null }) };

const CASES: OpCase[] = [
  {
    name: "widening without using: integer → bigint, varchar(10) → varchar(50), varchar(40) → text, timestamp → timestamptz",
    baseline: ITEMS,
    values: QTY,
    migrations: ["table items {\n  alter qty type bigint\n  alter code type varchar(50)\n  alter note type text\n  alter seen_at type timestamptz\n}"],
    steps: ["alter-type:reversible", "alter-type:reversible", "alter-type:reversible", "alter-type:reversible"],
    after: ({ catalog }) => {
      expect(columnOf(catalog, "items", "qty")?.type).toBe("bigint");
      expect(columnOf(catalog, "items", "code")).toMatchObject({ type: "character varying(50)", not_null: true });
      expect(columnOf(catalog, "items", "note")).toMatchObject({ type: "text", not_null: false });
      expect(columnOf(catalog, "items", "seen_at")?.type).toBe("timestamp with time zone");
    },
  },
  {
    name: "narrowing without using: numeric(12, 4) → integer keeps the rounded-away originals",
    baseline: ITEMS,
    migrations: ["table items {\n  alter price type integer\n}"],
    values: { ...QTY, "items.price": fc.option(fc.integer({ min: -9_999_999, max: 9_999_999 }).map((n) => (n / 100).toFixed(2)), { nil: null }) },
    steps: ["alter-type:stash"],
    after: ({ before, after }) => {
      expect(after.items.map((i) => i.price)).toEqual(before.items.map((i) => (i.price === null ? null : roundHalfAway(Number(i.price)))));
    },
  },
  {
    name: "narrowing varchar(40) → varchar(5): the stash keeps what the cast cuts",
    baseline: ITEMS,
    values: QTY,
    migrations: ["table items {\n  alter note type varchar(5)\n}"],
    steps: ["alter-type:stash"],
  },
  {
    name: "using with a stash: text digits → integer (leading zeros come back)",
    baseline: ITEMS,
    values: { ...QTY, "items.code": digits },
    migrations: ["table items {\n  alter code type integer using to_int(code) ?? -1\n}"],
    steps: ["alter-type:stash"],
    after: ({ before, after }) => {
      expect(after.items.map((i) => i.code)).toEqual(before.items.map((i) => Number(i.code)));
    },
  },
  {
    name: "using reads the old row: a column renamed in the same block is read by its old name",
    baseline: ITEMS,
    values: { ...QTY, "items.code": digits },
    migrations: ["table items {\n  rename code -> zip\n  alter zip type integer using to_int(code) ?? -1\n}"],
    steps: ["rename-column:reversible", "alter-type:stash"],
    after: ({ before, after }) => {
      expect(after.items.map((i) => i.zip)).toEqual(before.items.map((i) => Number(i.code)));
    },
  },
  {
    name: "a type change of a column with a default that does not fit the new type: drop the default first",
    baseline: ITEMS,
    values: { ...QTY, "items.note": fc.option(digits, { nil: null }) },
    migrations: ["table items {\n  alter note drop default\n  alter note type integer using to_int(note)\n  alter note set default 0\n}"],
    steps: ["drop-default:reversible", "alter-type:stash", "set-default:reversible"],
    after: ({ catalog }) => expect(columnOf(catalog, "items", "note")).toMatchObject({ type: "integer", default: "0" }),
  },
  {
    name: "a conversion too long for in-place arguments still runs (PostgreSQL allows no subquery in USING)",
    baseline: ITEMS,
    values: { ...QTY, "items.code": fc.oneof(digits, fc.constantFrom("", "none", "n/a", " 12 ")) },
    migrations: ["table items {\n  alter code type integer using to_int(when code in ['', 'none', 'n/a', 'unknown'] then '0' else trim(lower(code))) ?? -1\n}"],
    steps: ["alter-type:stash"],
  },
  {
    name: "a conversion to a type that cannot be cast back: every original kept, restored through a column of the old type",
    baseline: ITEMS,
    values: { ...QTY, "items.code": fc.constantFrom("a", "b", "c", "a ") },
    migrations: ["map code_num closed {\n  a -> 1\n  b -> 2\n  c -> 3\n  'a ' -> 4\n}\ntable items {\n  alter code type integer using code_num(code)\n}", "table items {\n  alter code type text\n}"],
    steps: ["alter-type:stash", "alter-type:reversible"],
  },
];

opSuite("alter type on PostgreSQL", CASES);
