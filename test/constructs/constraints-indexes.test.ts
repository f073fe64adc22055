import { describe, expect, it } from "vitest";
import { action, bin, column, element, errorCodes, id, inMigration, isIn, isNull, name, num, str, type, type Node } from "./support.js";

/** docs/language.md §6 and §7: column and table constraints, foreign-key actions, indexes. */

const refs = (table: string, col: string | null, onDelete: string | null = null, onUpdate: string | null = null): Node => ({
  kind: "ReferencesMark",
  table: id(table),
  column: col === null ? null : id(col),
  onDelete,
  onUpdate,
});

const constraintsOf = (def: string) => (element(`c uuid ${def}`) as { constraints: unknown }).constraints;

describe("column constraints", () => {
  it.each<[string, Node[]]>([
    ["primary key", [{ kind: "PrimaryKeyMark" }]],
    ["unique", [{ kind: "UniqueMark" }]],
    ["references users (id)", [refs("users", "id")]],
    ["references users", [refs("users", null)]],
    ["check (c is not null)", [{ kind: "CheckMark", expr: isNull(name("c"), true) }]],
    ["unique references users (id) check (c != 'x')", [{ kind: "UniqueMark" }, refs("users", "id"), { kind: "CheckMark", expr: bin("!=", name("c"), str("x")) }]],
  ])("%s", (def, expected) => {
    expect(constraintsOf(def)).toEqual(expected);
  });

  it("modifiers come in any order, the default apart", () => {
    expect(element("id uuid primary key default gen_random_uuid()")).toEqual(element("id uuid default gen_random_uuid() primary key"));
  });
});

describe("foreign-key actions", () => {
  it.each([
    ["on delete cascade", "cascade", null],
    ["on delete restrict", "restrict", null],
    ["on delete no action", "no action", null],
    ["on delete set null", "set null", null],
    ["on delete set default", "set default", null],
    ["on update cascade", null, "cascade"],
    ["on delete set null on update cascade", "set null", "cascade"],
    ["on update restrict on delete cascade", "cascade", "restrict"],
  ])("%s", (actions, onDelete, onUpdate) => {
    expect(constraintsOf(`references users (id) ${actions}`)).toEqual([refs("users", "id", onDelete, onUpdate)]);
  });

  it("an unknown action is an error", () => {
    expect(errorCodes(inMigration("create table t {\n c uuid references u (id) on delete explode\n}")).length).toBeGreaterThan(0);
  });
});

const pk = (cols: string[], n: string | null = null): Node => ({ kind: "PrimaryKeyConstraint", name: n && id(n), columns: cols.map((c) => id(c)) });
const uq = (cols: string[], n: string | null = null): Node => ({ kind: "UniqueConstraint", name: n && id(n), columns: cols.map((c) => id(c)) });
const ck = (e: Node, n: string | null = null): Node => ({ kind: "CheckConstraint", name: n && id(n), expr: e });
const fk = (cols: string[], table: string, refCols: string[], o: { name?: string; onDelete?: string; onUpdate?: string } = {}): Node => ({
  kind: "ForeignKeyConstraint",
  name: o.name ? id(o.name) : null,
  columns: cols.map((c) => id(c)),
  refTable: id(table),
  refColumns: refCols.map((c) => id(c)),
  onDelete: o.onDelete ?? null,
  onUpdate: o.onUpdate ?? null,
});

const TABLE_CONSTRAINTS: [string, Node][] = [
  ["primary key (a, b)", pk(["a", "b"])],
  ["unique (a)", uq(["a"])],
  ["unique (a, b)", uq(["a", "b"])],
  ["check (a <= b)", ck(bin("<=", name("a"), name("b")))],
  ["check (role in ['owner', 'guest'])", ck(isIn(name("role"), [str("owner"), str("guest")]))],
  ["foreign key (a) references u (id)", fk(["a"], "u", ["id"])],
  ["foreign key (a, b) references u (x, y) on delete cascade on update no action", fk(["a", "b"], "u", ["x", "y"], { onDelete: "cascade", onUpdate: "no action" })],
  ["constraint t_pk primary key (a)", pk(["a"], "t_pk")],
  ["constraint t_a_uq unique (a)", uq(["a"], "t_a_uq")],
  ["constraint t_ck check (a > 0)", ck(bin(">", name("a"), num("0")), "t_ck")],
  ["constraint t_fk foreign key (a) references u (id)", fk(["a"], "u", ["id"], { name: "t_fk" })],
];

describe("table constraints", () => {
  it.each(TABLE_CONSTRAINTS)("in create table: %s", (src, expected) => {
    expect(element(src)).toEqual(expected);
  });

  it.each(TABLE_CONSTRAINTS)("in a table block: add %s", (src, expected) => {
    expect(action(`add ${src}`)).toEqual({ kind: "AddConstraint", constraint: expected });
  });

  it("drop constraint", () => {
    expect(action("drop constraint t_ck")).toEqual({ kind: "DropConstraint", name: id("t_ck") });
  });

  it("a column named `unique` or `check` is not a constraint", () => {
    expect(element("unique boolean")).toEqual(column("unique", type("boolean")));
    expect(action("add check integer")).toEqual({ kind: "AddColumn", column: column("check", type("integer")), compute: null, inverse: null });
  });
});

const ix = (cols: [string, boolean][], o: { name?: string; unique?: boolean; method?: string; where?: Node; concurrently?: boolean } = {}): Node => ({
  kind: "IndexDef",
  name: o.name ? id(o.name) : null,
  unique: o.unique ?? false,
  method: o.method ? id(o.method) : null,
  columns: cols.map(([c, descending]) => ({ kind: "IndexColumn", name: id(c), descending })),
  where: o.where ?? null,
  concurrently: o.concurrently ?? false,
});

const INDEXES: [string, Node][] = [
  ["index (role)", ix([["role", false]])],
  ["index idx_users_role (role)", ix([["role", false]], { name: "idx_users_role" })],
  ["index (user_id, action)", ix([["user_id", false], ["action", false]])],
  ["index recent (created_at desc, id asc)", ix([["created_at", true], ["id", false]], { name: "recent" })],
  ["unique index (email)", ix([["email", false]], { unique: true })],
  ["index using gin (capabilities)", ix([["capabilities", false]], { method: "gin" })],
  ["index idx_caps using gin (capabilities)", ix([["capabilities", false]], { name: "idx_caps", method: "gin" })],
  ["index (email) where email is not null", ix([["email", false]], { where: isNull(name("email"), true) })],
  ["index (due_at) concurrently", ix([["due_at", false]], { concurrently: true })],
  [
    "unique index ext_uq using btree (external_id desc) where external_id is not null concurrently",
    ix([["external_id", true]], { name: "ext_uq", unique: true, method: "btree", where: isNull(name("external_id"), true), concurrently: true }),
  ],
];

describe("indexes", () => {
  it.each(INDEXES)("in create table: %s", (src, expected) => {
    expect(element(src)).toEqual(expected);
  });

  it.each(INDEXES)("in a table block: %s", (src, expected) => {
    expect(action(src)).toEqual(expected);
  });

  it.each([
    ["drop index idx_users_role", false],
    ["drop index idx_users_role concurrently", true],
  ])("%s", (src, concurrently) => {
    expect(action(src)).toEqual({ kind: "DropIndex", name: id("idx_users_role"), concurrently });
  });

  it("an index needs at least one column", () => {
    expect(errorCodes(inMigration("table t {\n index i ()\n}")).length).toBeGreaterThan(0);
  });
});
