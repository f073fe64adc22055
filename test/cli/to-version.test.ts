import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";
import { connect, createTestDatabase } from "../support/pg.js";

/**
 * `--to V` names a version the chain reaches: any other is a usage error naming the versions there
 * are (K9008, exit 2) before the database is opened, so nothing changes; the baseline's version
 * applies the baseline alone.
 */

const spec = tempSpecs({
  "000_baseline.kmig": "baseline shop_v1 version '1.0.0' {\n  create table products {\n    id    integer primary key\n    price integer?\n  }\n}\n",
  "001_prices.kmig": "migration prices from '1.0.0' to '1.1.0' {\n  describe 'prices are required'\n\n  table products {\n    price := price ?? 0\n    alter price set not null\n  }\n}\n",
});

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

async function schemas(url: string): Promise<string[]> {
  const c = await connect(url);
  try {
    const r = await c.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname IN ('kmig', 'public') ORDER BY 1");
    const t = await c.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    return [...r.rows.map((x) => x.nspname), ...t.rows.map((x) => `table ${x.tablename}`)];
  } finally {
    await c.end();
  }
}

describe("--to", () => {
  it.each([["apply"], ["plan"], ["rollback"]])("%s --to a version no migration reaches changes nothing and exits 2", async (command) => {
    const db = await createTestDatabase("kmig_to");
    drops.push(db.drop);
    const r = runCli([command, spec, "--db", db.url, "--to", "2.0.0"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error[K9008]: --to 2.0.0: no migration of the spec reaches version 2.0.0\n  = help: the chain's versions: 1.0.0, 1.1.0\n");
    expect(await schemas(db.url)).toEqual(["public"]);
  });

  it("apply --to the baseline's version creates the baseline and applies nothing after it", async () => {
    const db = await createTestDatabase("kmig_to");
    drops.push(db.drop);
    const r = runCli(["apply", spec, "--db", db.url, "--to", "1.0.0"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("migrating prices");
    const status = JSON.parse(runCli(["status", spec, "--db", db.url, "--json"]).stdout) as { migrations: { id: string; state: string }[] };
    expect(status.migrations.map((m) => `${m.id} ${m.state}`)).toEqual(["shop_v1 applied", "prices pending"]);
  });
});
