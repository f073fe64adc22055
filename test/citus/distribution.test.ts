import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../runtime/db/open.js";
import { readCitusTopology } from "../../runtime/citus/topology.js";
import type { Db } from "../../runtime/db/connection.js";
import { createTestDatabase } from "../support/pg.js";
import { runCliAsync, tempSpecs } from "../support/cli.js";
import { CITUS_BASE, CITUS_SKIP_REASON, createCitusDatabase } from "./support/citus.js";

/**
 * Distribution in the language on a Citus cluster (issue 18, items 4–5): `kmig pull` writes how
 * Citus spreads each table, `kmig baseline` checks it, a spec without the words works on the
 * tables as they are, `kmig plan` tries the statements apply runs (and shows what Citus refuses
 * in an UPDATE, on the spec's line), and `kmig apply` hands new tables to Citus.
 */
const skip = !CITUS_BASE;
const title = (t: string) => `${t}${skip ? ` (skipped: ${CITUS_SKIP_REASON})` : ""}`;

const LAYOUT = `
  CREATE TABLE countries (code char(2) PRIMARY KEY, name text);
  SELECT create_reference_table('countries');
  CREATE TABLE customers (id bigint PRIMARY KEY, name text, country char(2) REFERENCES countries (code));
  SELECT create_distributed_table('customers', 'id');
  CREATE TABLE orders (id bigint, customer_id bigint REFERENCES customers (id), total numeric(12,2), PRIMARY KEY (customer_id, id));
  SELECT create_distributed_table('orders', 'customer_id', colocate_with => 'customers');
  INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France');
  INSERT INTO customers SELECT g, 'c' || g, 'DE' FROM generate_series(1, 40) g;
  INSERT INTO orders SELECT g, 1 + g % 40, g * 1.5 FROM generate_series(1, 200) g;
`;

describe.skipIf(skip)(title("Citus distribution: pull, baseline, plan"), () => {
  let cluster: Awaited<ReturnType<typeof createCitusDatabase>>;
  let db: Db;
  beforeAll(async () => {
    cluster = await createCitusDatabase("kmig_c4_dist");
    db = await openDb(cluster.url);
    await db.exec(LAYOUT);
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.drop();
  });

  it("pull writes how Citus spreads each table, and baseline checks it against Citus's metadata", async () => {
    const folder = tempSpecs({});
    const pulled = await runCliAsync(["pull", folder, "--db", cluster.url], { timeoutMs: 120_000 });
    expect(pulled.status, pulled.stderr).toBe(0);
    const text = readFileSync(join(folder, "000_baseline.kmig"), "utf8");
    expect(text).toContain("create reference table countries {");
    expect(text).toContain("create table customers distributed by (id) {");
    expect(text).toContain("create table orders distributed by (customer_id) colocate with customers {");
    expect((await runCliAsync(["check", folder])).status).toBe(0);
    const base = await runCliAsync(["baseline", folder, "--db", cluster.url], { timeoutMs: 120_000 });
    expect(base.stderr + base.stdout).toContain("the live schema matches it");
    expect(base.status).toBe(0);
  }, 240_000);

  it("baseline refuses a spec that says another distribution than Citus has (K9631)", async () => {
    const other = await createCitusDatabase("kmig_c4_dist2");
    try {
      const o = await openDb(other.url);
      await o.exec(LAYOUT);
      await o.close();
      const folder = tempSpecs({});
      expect((await runCliAsync(["pull", folder, "--db", other.url], { timeoutMs: 120_000 })).status).toBe(0);
      const file = join(folder, "000_baseline.kmig");
      // Customers as a reference table: the foreign key from the distributed orders to it stays valid for check.
      writeFileSync(file, readFileSync(file, "utf8").replace("create table customers distributed by (id) {", "create reference table customers {").replace(" colocate with customers", ""));
      expect((await runCliAsync(["check", folder])).status).toBe(0);
      const base = await runCliAsync(["baseline", folder, "--db", other.url], { timeoutMs: 120_000 });
      expect(base.stderr).toContain("error[K9631]: the live database spreads 1 table otherwise than baseline");
      expect(base.stderr).toContain("customers: the spec says a reference table, the database has it distributed by (id)");
      expect(base.status).toBe(1);
    } finally {
      await other.drop();
    }
  }, 300_000);

  it("plan tries the UPDATE apply runs and reports what Citus refuses on the spec's line; a spec without the words still plans", async () => {
    const folder = tempSpecs({});
    expect((await runCliAsync(["pull", folder, "--db", cluster.url], { timeoutMs: 120_000 })).status).toBe(0);
    const file = join(folder, "000_baseline.kmig");
    // The spec says nothing of Citus: the static checks cannot know `customers` is distributed.
    writeFileSync(file, readFileSync(file, "utf8").replace("create reference table", "create table").replace(/ distributed by \([a-z_]+\)( colocate with [a-z_]+)?/g, ""));
    expect(readFileSync(file, "utf8")).not.toMatch(/distributed|reference table/);
    writeFileSync(
      join(folder, "001_tokens.kmig"),
      `migration tokens from '1.0.0' to '1.1.0' {
  describe 'a token for each customer'

  table customers {
    add token uuid? := gen_random_uuid()
  }
}
`,
    );
    const check = await runCliAsync(["check", folder]);
    expect(check.stderr).not.toContain("K4133");
    // The first test recorded its own baseline here: this folder's is another one.
    await db.exec(`DROP SCHEMA IF EXISTS kmig CASCADE`);
    const base = await runCliAsync(["baseline", folder, "--db", cluster.url], { timeoutMs: 120_000 });
    expect(base.status, base.stderr).toBe(0);
    const plan = await runCliAsync(["plan", folder, "--db", cluster.url], { timeoutMs: 120_000 });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toMatch(/✗ .*001_tokens\.kmig:5.* backfill customers: token: the database refuses the statement apply runs: functions used in UPDATE queries on distributed tables must not be VOLATILE \(in: UPDATE "customers" SET "token" = gen_random_uuid\(\)/);
    expect(plan.status).toBe(1);
    // Nothing was written: the trial was rolled back.
    const cols = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'token'`);
    expect(cols.rows[0].n).toBe("0");
    // Without the trial, the simulation's SELECT does not see it.
    const without = await runCliAsync(["plan", folder, "--db", cluster.url, "--no-try"], { timeoutMs: 120_000 });
    expect(without.stdout).not.toContain("must not be VOLATILE");
  }, 300_000);
});

describe.skipIf(skip)(title("Citus distribution: apply"), () => {
  let cluster: Awaited<ReturnType<typeof createCitusDatabase>>;
  beforeAll(async () => {
    cluster = await createCitusDatabase("kmig_c4_apply");
  }, 180_000);
  afterAll(async () => cluster?.drop());

  it("creates the baseline's tables and hands them to Citus as the spec says", async () => {
    const r = await runCliAsync(["apply", "test/fixtures/citus-shop", "--db", cluster.url, "--to", "1.0.0"], { timeoutMs: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    const db = await openDb(cluster.url);
    try {
      const t = await readCitusTopology(db);
      expect(t?.tables.get("public.countries")).toMatchObject({ kind: "reference" });
      expect(t?.tables.get("public.customers")).toMatchObject({ kind: "distributed", column: "id" });
      expect(t?.tables.get("public.orders")).toMatchObject({ kind: "distributed", column: "customer_id" });
      expect(t?.tables.get("public.orders")?.colocationId).toBe(t?.tables.get("public.customers")?.colocationId);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe("Citus distribution without Citus", () => {
  it("apply refuses a spec that distributes tables before it writes anything (K9630)", async () => {
    const d = await createTestDatabase("kmig_c4_nocitus");
    try {
      const r = await runCliAsync(["apply", "test/fixtures/citus-shop", "--db", d.url], { timeoutMs: 120_000 });
      expect(r.stderr).toContain("error[K9630]: make countries a reference table (Citus): the spec distributes tables with Citus, and this database has no Citus");
      expect(r.stderr).toContain("000_baseline.kmig:3:10");
      expect(r.status).toBe(1);
      const db = await openDb(d.url);
      try {
        expect((await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`)).rows).toEqual([]);
      } finally {
        await db.close();
      }
    } finally {
      await d.drop();
    }
  }, 180_000);
});
