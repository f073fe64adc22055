import { describe, expect, it } from "vitest";
import { compileCase } from "../ops/support/spec.js";
import { parseSpec } from "../../grammar/index.js";
import { makeSourceFile } from "../../core/source-file.js";

/** `sql '''…''' creates …`: parsed, checked against the model, folded into it, rolled back as declared. */
const BASE = `
  create table orders {
    id    integer primary key
    note  text?
    index orders_note_idx (note)
  }`;

const diagnosticsOf = (...migrations: string[]) => compileCase({ baseline: BASE, migrations }).diagnostics.map((d) => `${d.code} ${d.message}${d.help ? ` | ${d.help}` : ""}`);
const stepsOf = (...migrations: string[]) => compileCase({ baseline: BASE, migrations }).units.slice(1).flatMap((u) => u.plan.steps);

describe("declared raw SQL", () => {
  it("parses every kind of declaration, before or after the inverse", () => {
    const src = `migration m from '1' to '2' {
  sql 'x' reverse 'y' creates table t { id integer primary key }
  sql 'x'
    creates unique index i on t using btree (a desc) where a is not null
    creates type e as enum ('a')
    creates domain d as integer check (value > 0)
    creates sequence s start with 5
    alters table t { add b text? }
    drops table u
    drops index j
    drops type f
    drops domain g
    drops sequence q
    irreversible 'why'
}`;
    const r = parseSpec(makeSourceFile("m.kmig", src));
    expect(r.diagnostics).toEqual([]);
    const items = r.ast.units[0].items;
    expect(items.map((i) => (i.kind === "RawSql" ? (i.declares ?? []).map((d) => d.kind) : []))).toEqual([
      ["CreateTable"],
      ["CreatesIndex", "CreateEnum", "CreateDomain", "CreateSequence", "AlterTable", "DropTable", "DropsIndex", "DropNamedType", "DropNamedType", "DropSequence"],
    ]);
  });

  it("a misspelt object kind gets a did-you-mean; a raw sql item without declarations has no `declares` key", () => {
    const r = parseSpec(makeSourceFile("m.kmig", "migration m from '1' to '2' {\n  sql 'x' creates tabel t { }\n  sql 'y'\n}"));
    expect(r.diagnostics.map((d) => `${d.code} ${d.help}`)).toEqual(["K1102 did you mean `table`?"]);
    expect(Object.keys(r.ast.units[0].items[1])).not.toContain("declares");
  });

  it("later items use what the SQL declared; without the declaration they cannot", () => {
    const body = "  table users {\n    add nick text?\n  }";
    expect(diagnosticsOf(`  sql '''CREATE TABLE users (id bigint PRIMARY KEY)''' creates table users { id bigint primary key }\n${body}`)).toEqual([]);
    expect(diagnosticsOf(`  sql '''CREATE TABLE users (id bigint PRIMARY KEY)''' reverse '''DROP TABLE users'''\n${body}`).map((d) => d.slice(0, 5))).toEqual(["K4011", "K2001"]);
  });

  it("derives the rollback of what it creates, adds or renames; a drop without a reverse is irreversible", () => {
    const [made] = stepsOf("  sql 'CREATE TABLE u (id int PRIMARY KEY); CREATE INDEX u_id ON u (id)' creates table u { id integer primary key }\n    creates index u_id on u (id)");
    expect(made.down).toEqual(['DROP INDEX "u_id"', 'DROP TABLE "u"']);
    expect(made.reversibility.kind).toBe("reversible");
    expect(made.lossChecks.map((l) => l.what)).toEqual(["rows in table u"]);
    const [index] = stepsOf("  sql 'DROP INDEX orders_note_idx' drops index orders_note_idx");
    // On a table with rows, rebuilt CONCURRENTLY after the rollback's commit, as kmig's own `drop index` is.
    expect(index.down).toEqual(['CREATE INDEX CONCURRENTLY "orders_note_idx" ON "orders" ("note")']);
    const [two] = stepsOf("  sql 'x' drops index orders_note_idx\n    alters table orders { add n text? }");
    expect(two.down).toEqual(['ALTER TABLE "orders" DROP COLUMN "n"', 'CREATE INDEX "orders_note_idx" ON "orders" ("note")']);
    const [dropped] = stepsOf("  sql 'ALTER TABLE orders DROP COLUMN note' alters table orders { drop note }");
    expect(dropped.reversibility.kind).toBe("irreversible");
    expect(dropped.down).toBeNull();
    expect(diagnosticsOf("  sql 'ALTER TABLE orders DROP COLUMN note' alters table orders { drop note }")[0]).toMatch(/^K4010 .* \| give it a `reverse/);
    const [written] = stepsOf("  sql 'ALTER TABLE orders DROP COLUMN note' alters table orders { drop note } reverse 'ALTER TABLE orders ADD COLUMN note text'");
    expect([written.reversibility.kind, written.down]).toEqual(["lossy", ["ALTER TABLE orders ADD COLUMN note text"]]);
  });

  it("names and shapes are checked as in the items they stand for", () => {
    expect(diagnosticsOf("  sql 'x' creates table orders { id integer }")).toContainEqual(expect.stringMatching(/^K2005 /));
    expect(diagnosticsOf("  sql 'x' drops index orders_not_idx")).toContain("K2008 no table has an index `orders_not_idx` | did you mean `orders_note_idx`?");
    expect(diagnosticsOf("  sql 'x' alters table order { add a text? }")[0]).toMatch(/^K2001 .*did you mean `orders`/);
  });

  it("K2120: what only kmig's own items say has no place in a declaration", () => {
    const d = diagnosticsOf(`  sql 'x'
    alters table orders {
      add a text? := 'x'
      alter note type varchar(10) using note
      note := 'y'
      index orders_a (a) concurrently
      drop note reverse 'z'
      expect a == 'x'
    }`);
    expect(d.filter((x) => x.startsWith("K2120")).map((x) => x.split(" has no place")[0])).toEqual([
      "K2120 a mapping (`:=`)",
      "K2120 `using`",
      "K2120 a mapping (`:=`)",
      "K2120 `concurrently`",
      "K2120 `reverse` on a declared change",
      "K2120 `expect`",
    ]);
  });

  it("a map may name an enum type a declaration creates", () => {
    expect(diagnosticsOf(`  map shown: mood -> text closed {\n    sad -> 'S'\n    ok -> 'O'\n  }\n  sql 'x' creates type mood as enum ('sad', 'ok')`)).toEqual([]);
  });
});
