import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type pg from "pg";
import { errorsOf, compileCase, plansOf } from "./support/spec.js";
import { runUp } from "./support/round-trip.js";
import { useDatabase } from "./support/suite.js";

/**
 * kmig names unnamed constraints and indexes the way PostgreSQL does, so that a baseline written in
 * kmig describes a database created from plain SQL. The property: for random tables (long and
 * non-ASCII names, several constraints of one kind on the same columns), the names PostgreSQL picks
 * for the plain SQL equal the names kmig writes into its own SQL.
 */

interface TableDef {
  readonly name: string;
  readonly columns: readonly string[];
  readonly pk: readonly string[];
  readonly columnChecks: readonly (readonly string[] | null)[];
  readonly columnUnique: readonly boolean[];
  readonly uniques: readonly (readonly string[])[];
  readonly checks: readonly (readonly string[])[];
  readonly fks: readonly string[];
  readonly indexes: readonly (readonly string[])[];
}

const name = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{30,62}$/) },
  { weight: 1, arbitrary: fc.constantFrom("ä".repeat(31), "日本語の列", "größe_ß", "é".repeat(20) + "x") },
);

const subsetOf = (cols: readonly string[], min: number) => fc.subarray([...cols], { minLength: min, maxLength: Math.min(3, cols.length) });

const tableDef: fc.Arbitrary<TableDef> = fc
  .tuple(name, fc.uniqueArray(name, { minLength: 1, maxLength: 4 }))
  .filter(([t, cols]) => !cols.includes(t) && t !== "p")
  .chain(([t, columns]) =>
    fc.record({
      name: fc.constant(t),
      columns: fc.constant(columns),
      pk: subsetOf(columns, 0),
      columnChecks: fc.array(fc.option(subsetOf(columns, 0), { nil: null }), { minLength: columns.length, maxLength: columns.length }),
      columnUnique: fc.array(fc.boolean(), { minLength: columns.length, maxLength: columns.length }),
      uniques: fc.array(subsetOf(columns, 1), { maxLength: 3 }),
      checks: fc.array(subsetOf(columns, 0), { maxLength: 3 }),
      fks: fc.array(fc.constantFrom(...columns), { maxLength: 2 }),
      indexes: fc.array(subsetOf(columns, 1), { maxLength: 3 }),
    }),
  );

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
const list = (cols: readonly string[]) => cols.map(q).join(", ");
/** A check expression that reads exactly `cols` (none: a constant). */
const checkExpr = (cols: readonly string[]) => (cols.length === 0 ? "true" : `${cols.map(q).join(" + ")} > 0 or ${q(cols[0])} is null`);

function kmigText(t: TableDef): string {
  const lines = t.columns.map((c, i) => {
    const marks = [t.columnUnique[i] ? "unique" : "", t.columnChecks[i] ? `check (${checkExpr(t.columnChecks[i] as string[])})` : ""].filter(Boolean).join(" ");
    return `    ${q(c)} integer${t.pk.includes(c) ? "" : "?"} ${marks}`;
  });
  if (t.pk.length > 0) lines.push(`    primary key (${list(t.pk)})`);
  for (const u of t.uniques) lines.push(`    unique (${list(u)})`);
  for (const c of t.checks) lines.push(`    check (${checkExpr(c)})`);
  for (const f of t.fks) lines.push(`    foreign key (${q(f)}) references p (id)`);
  for (const i of t.indexes) lines.push(`    index (${list(i)})`);
  return `  create table p {\n    id integer primary key\n  }\n  create table ${q(t.name)} {\n${lines.join("\n")}\n  }`;
}

function plainSql(t: TableDef): string[] {
  const sqlCheck = (cols: readonly string[]) => (cols.length === 0 ? "true" : `${cols.map(q).join(" + ")} > 0 OR ${q(cols[0])} IS NULL`);
  const items = t.columns.map((c, i) => `${q(c)} integer${t.pk.includes(c) ? " NOT NULL" : ""}${t.columnUnique[i] ? " UNIQUE" : ""}${t.columnChecks[i] ? ` CHECK (${sqlCheck(t.columnChecks[i] as string[])})` : ""}`);
  if (t.pk.length > 0) items.push(`PRIMARY KEY (${list(t.pk)})`);
  for (const u of t.uniques) items.push(`UNIQUE (${list(u)})`);
  for (const c of t.checks) items.push(`CHECK (${sqlCheck(c)})`);
  for (const f of t.fks) items.push(`FOREIGN KEY (${q(f)}) REFERENCES p (id)`);
  return ["CREATE TABLE p (id integer PRIMARY KEY)", `CREATE TABLE ${q(t.name)} (${items.join(", ")})`, ...t.indexes.map((i) => `CREATE INDEX ON ${q(t.name)} (${list(i)})`)];
}

/** Names and what they stand for (checks by the columns they read: their text differs in layout). */
async function namesOf(c: pg.Client): Promise<string[]> {
  const cons = await c.query(`
    SELECT co.conname AS name, co.contype AS kind, cl.relname AS table,
           CASE WHEN co.contype = 'c' THEN (SELECT string_agg(a.attname, ',' ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = co.conrelid AND a.attnum = ANY (co.conkey)) ELSE pg_get_constraintdef(co.oid) END AS what
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = 'public'`);
  const idx = await c.query(`SELECT indexname AS name, regexp_replace(indexdef, '^.* USING ', '') AS what FROM pg_indexes WHERE schemaname = 'public'`);
  return [...cons.rows.map((r) => `${r.kind} ${r.table}.${r.name}: ${r.what}`), ...idx.rows.map((r) => `i ${r.name}: ${r.what}`)].sort();
}

describe("derived constraint and index names", () => {
  const db = useDatabase();
  it("are the names PostgreSQL gives the same table written in plain SQL", async () => {
    const c = db();
    await fc.assert(
      fc.asyncProperty(tableDef, async (t) => {
        const chain = compileCase({ baseline: kmigText(t), migrations: [] });
        expect(errorsOf(chain), kmigText(t)).toEqual([]);
        await c.query("BEGIN");
        let fromPostgres: string[];
        try {
          for (const sql of plainSql(t)) await c.query(sql);
          fromPostgres = await namesOf(c);
        } finally {
          await c.query("ROLLBACK");
        }
        await c.query("BEGIN");
        try {
          await runUp(c, [plansOf(chain).baseline]);
          expect(await namesOf(c), kmigText(t)).toEqual(fromPostgres);
        } finally {
          await c.query("ROLLBACK");
        }
      }),
      { numRuns: 150 },
    );
  });
});
