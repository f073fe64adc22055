import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { status } from "../../runtime/status.js";
import { runCli } from "../support/cli.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { postgresDb, type TestDb } from "./support/engines.js";
import { KEIKO_SPEC } from "./support/keiko.js";
import { applyAll, rollbackLast, runErrorOf } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { snapshotDb } from "./support/snapshot.js";
import { compile, specFolder, type SpecFolder } from "./support/specs.js";

const ITEMS = `  table customers {
    add note text? default 'x'
  }
  table orders {
    state := order_state(state)
  }`;

describe("the ledger against the spec folder", () => {
  let t: TestDb;
  let db: Db;
  let spec: SpecFolder;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
    spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(ITEMS) });
    await applyAll(db, spec.plans.slice(0, 1));
    await insertShopRows(db, { customers: 20, orders: 100 });
  });
  afterEach(async () => {
    spec?.remove();
    await db?.close();
    await t?.drop();
  });

  it("an applied migration whose spec changed in meaning stops apply with K9001, changing nothing; rollback warns and runs the recorded plan", async () => {
    const v1 = await snapshotDb(db);
    await applyAll(db, spec.plans);
    writeFileSync(`${spec.dir}/001_v2.kmig`, shopMigration(ITEMS.replace("default 'x'", "default 'y'")));
    const edited = compile(spec.dir);
    const before = await snapshotDb(db);
    const e = await runErrorOf(applyAll(db, edited));
    expect(e.code).toBe("K9001");
    expect(e.message).toContain("migration shop_v2");
    expect(e.message).toContain(`${spec.dir}/001_v2.kmig`);
    const st = runCli(["status", spec.dir, "--db", t.url]);
    expect(st.status).toBe(1);
    expect(st.stdout).toContain("EDITED: the spec changed in meaning since it was applied");
    expect(await snapshotDb(db)).toEqual(before);
    const cli = runCli(["rollback", spec.dir, "--db", t.url]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`warning[K9001]: migration shop_v2 was applied with checksum ${spec.plans[1].checksum.slice(0, 12)}…, but its spec (${spec.dir}/001_v2.kmig) now means something else`);
    expect({ ...(await snapshotDb(db)), kmig: null }).toEqual({ ...v1, kmig: null });
  });

  it("a formatting-only edit (layout, comments) is the same migration: apply has nothing to do, rollback works", async () => {
    await applyAll(db, spec.plans);
    const reformatted = shopMigration(ITEMS).replace("table customers {", "// customers get a note\n  table   customers   {").replace(/\n\n/g, "\n\n\n");
    writeFileSync(`${spec.dir}/001_v2.kmig`, reformatted);
    const plans = compile(spec.dir);
    expect((await applyAll(db, plans)).applied).toEqual([]);
    expect((await rollbackLast(db, plans)).rolledBack).toEqual(["shop_v2"]);
  });

  it("a ledger kmig 0.1 wrote (checksums without the m1: prefix) is the same migration, and is rewritten by the next apply", async () => {
    await applyAll(db, spec.plans);
    for (const p of spec.plans) await db.query(`UPDATE "kmig"."ledger" SET "checksum" = $2 WHERE "id" = $1`, [p.id, p.legacyChecksum]);
    expect((await status(db, spec.plans)).migrations.map((m) => m.checksumOk)).toEqual([true, true]);
    expect((await applyAll(db, spec.plans)).applied).toEqual([]);
    const rows = await db.query<{ id: string; checksum: string }>(`SELECT "id", "checksum" FROM "kmig"."ledger" ORDER BY "id"`);
    expect(rows.rows).toEqual(spec.plans.map((p) => ({ id: p.id, checksum: p.checksum })));
    expect(rows.rows.every((r) => r.checksum.startsWith("m1:"))).toBe(true);
    // An edited spec does not match the old checksum either.
    writeFileSync(`${spec.dir}/001_v2.kmig`, shopMigration(ITEMS.replace("default 'x'", "default 'y'")));
    await db.query(`UPDATE "kmig"."ledger" SET "checksum" = $2 WHERE "id" = $1`, ["shop_v2", spec.plans[1].legacyChecksum]);
    expect((await runErrorOf(applyAll(db, compile(spec.dir)))).code).toBe("K9001");
  });

  it("status: pending, then applied; drift from a column added by hand; JSON for CI", async () => {
    const before = await status(db, spec.plans);
    expect(before.migrations.map((m) => [m.id, m.state])).toEqual([["shop_v1", "applied"], ["shop_v2", "pending"]]);
    expect(before.drift).toEqual([]);
    await applyAll(db, spec.plans);
    await db.exec(`ALTER TABLE orders ADD COLUMN by_hand integer; CREATE INDEX orders_by_hand ON orders (by_hand)`);
    const r = runCli(["status", spec.dir, "--db", t.url]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✓ shop_v2 +2 +applied at/);
    expect(r.stdout).toContain("orders: column by_hand is not in the spec (database: integer)");
    expect(r.stdout).toContain("orders: index orders_by_hand is not in the spec");
    const json = JSON.parse(runCli(["status", spec.dir, "--db", t.url, "--json"]).stdout) as { migrations: { id: string; state: string }[]; drift: string[] };
    expect(json.migrations.map((m) => m.state)).toEqual(["applied", "applied"]);
    expect(json.drift).toHaveLength(2);
  });
});

describe("kmig baseline on a database that differs from the baseline", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await postgresDb();
  });
  afterEach(async () => {
    await t?.drop();
  });

  it("exits 1 naming each difference, and records nothing", async () => {
    const db = await t.open();
    await db.exec(readFileSync(`${KEIKO_FIXTURES}../reference/v1-schema.sql`, "utf8"));
    await db.exec(`ALTER TABLE users ADD COLUMN nickname text; DROP INDEX idx_tasks_agent; ALTER TABLE agents ALTER COLUMN status TYPE varchar(30); ALTER TABLE tasks ALTER COLUMN retries SET DEFAULT 0`);
    const r = runCli(["baseline", KEIKO_SPEC, "--db", t.url]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[K9009]: the database does not match baseline keiko_v1");
    for (const d of [
      "users: column nickname is not in the spec (database: text)",
      "tasks: index idx_tasks_agent is missing (spec: CREATE INDEX idx_tasks_agent ON tasks USING btree (agent_id))",
      "agents: column status differs: spec character varying(20), database character varying(30)",
      "tasks: column retries differs: spec integer, database integer DEFAULT 0",
    ]) {
      expect(r.stderr).toContain(d);
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM "kmig"."ledger"`)).rows[0]).toEqual({ n: "0" });
    await db.close();
  });
});
