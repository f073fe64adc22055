import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import type { Db } from "../../runtime/db/connection.js";
import { SILENT } from "../../runtime/events.js";
import { planImpact } from "../../runtime/impact/plan-impact.js";
import { previewRollback } from "../../runtime/impact/rollback-preview.js";
import { loadRecordedPlan } from "../../runtime/recorded-plan.js";
import { runStep } from "../../runtime/run-step.js";
import { recordStart } from "../../runtime/ledger.js";
import { status } from "../../runtime/status.js";
import { DEFAULT_LOCK_POLICY } from "../../runtime/transaction.js";
import type { Plan } from "../../core/plan.js";
import { KMIG_VERSION } from "../../core/version.js";
import { runCli } from "../support/cli.js";
import { pgliteDb, postgresDb, type TestDb } from "./support/engines.js";
import { createKeikoV1, KEIKO_SPEC } from "./support/keiko.js";
import { applyAll, recorder, rollbackLast, runErrorOf } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { compile, specFolder } from "./support/specs.js";
import { SHOP_BASELINE, shopMigration, insertShopRows } from "./support/shop.js";

/**
 * The ledger records the plan each migration ran (docs/ledger.md): rollback runs it and a resumed
 * apply finishes it, whatever the spec says now or however a newer kmig would compile it.
 */

/** The Keiko spec in a folder of its own, with 001 edited so that its mappings no longer restore `tasks.status`. */
function editedKeiko(): { dir: string; edit: () => void; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "kmig-recorded-"));
  cpSync(KEIKO_SPEC, dir, { recursive: true });
  const file = join(dir, "001_keiko_v2.kmig");
  return {
    dir,
    edit: () => {
      const text = readFileSync(file, "utf8");
      const edited = text.replace("    keep original in metadata.original_status\n", "").replace("status := task_status(status)", "status := 'pending'");
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const engines: [string, () => Promise<TestDb>][] = [
  ["PostgreSQL", postgresDb],
  ["PGlite", pgliteDb],
];

for (const [engine, make] of engines) {
  describe(`recorded plans on ${engine}`, () => {
    let t: TestDb;
    let db: Db;
    beforeAll(async () => {
      t = await make();
      db = await t.open();
    }, 180_000);
    afterAll(async () => {
      await db?.close();
      await t?.drop();
    });
    const reset = () => db.exec(`DROP SCHEMA IF EXISTS "kmig" CASCADE; DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public";`);

    it("apply records the plan; a spec edited after it does not change what rollback does (K9001 warning), and apply refuses it", async () => {
      await reset();
      const folder = editedKeiko();
      try {
        await createKeikoV1(db, 12, { users: 8, agents: 15, tasks: 200 });
        const plans = compile(folder.dir);
        await baseline(db, plans, null, 5000, SILENT);
        const v1 = await snapshotDb(db);
        await applyAll(db, plans);
        const recorded = await loadRecordedPlan(db, "keiko_v2");
        expect(recorded?.source).toBe("applied");
        expect(recorded?.kmigVersion).toBe(KMIG_VERSION);
        expect(recorded?.plan).toEqual(JSON.parse(JSON.stringify(plans[1])));

        folder.edit();
        const edited = compile(folder.dir);
        expect(edited[1].checksum).not.toBe(plans[1].checksum);
        // The edit matters: the edited spec's plan would undo the tasks' backfill differently.
        const downOf = (p: Plan) => p.steps.filter((s) => s.kind === "backfill" && s.table === "tasks").map((s) => s.down);
        expect(downOf(edited[1])).not.toEqual(downOf(plans[1]));

        const applyError = await runErrorOf(applyAll(db, edited));
        expect(applyError.code).toBe("K9001");
        const preview = await previewRollback(db, edited, { to: null, lockTimeoutMs: 5000 });
        expect(preview.error).toBeNull();
        expect(preview.warnings).toHaveLength(1);
        expect(preview.migrations[0].steps.map((s) => s.sql)).toEqual(plans[1].steps.map((s) => s.down).reverse());

        const events = recorder();
        await rollbackLast(db, edited, {}, events);
        const warnings = events.events.filter((e) => e.type === "warning");
        expect(warnings).toEqual([
          {
            type: "warning",
            code: "K9001",
            message: expect.stringMatching(/^migration keiko_v2 was applied with checksum m1:df8607246…, but its spec \(.*001_keiko_v2\.kmig\) now means something else \(m1:[0-9a-f]{9}…\): rollback runs the plan recorded when it was applied \(by kmig 0\.1\.0\), not the edited spec$/),
          },
        ]);
        const after = await snapshotDb(db);
        expect({ ...after, kmig: null }).toEqual({ ...v1, kmig: null });
      } finally {
        folder.remove();
      }
    }, 120_000);

    it("a ledger an older kmig wrote (no plan column) is brought up to date: unedited rows adopt their spec's plan, an edited one is refused", async () => {
      await reset();
      const shop = specFolder({ "000_shop.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  table orders {\n    state := order_state(state)\n  }") });
      const editedShop = specFolder({ "000_shop.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  table orders {\n    state := 'x'\n  }") });
      try {
        await applyAll(db, shop.plans, { to: "1" });
        await insertShopRows(db, { customers: 5, orders: 40 });
        const v1 = await snapshotDb(db);
        await applyAll(db, shop.plans);
        // As kmig 0.1 left it: no plan columns at all.
        await db.exec(`ALTER TABLE "kmig"."ledger" DROP COLUMN "plan", DROP COLUMN "plan_format", DROP COLUMN "kmig_version", DROP COLUMN "plan_source"`);
        expect((await status(db, shop.plans)).migrations.map((m) => [m.id, m.state, m.checksumOk])).toEqual([
          ["shop_v1", "applied", true],
          ["shop_v2", "applied", true],
        ]);
        const refused = await runErrorOf(rollbackLast(db, editedShop.plans));
        expect(refused.code).toBe("K9001");
        expect(refused.message).toContain("the ledger holds no plan of it");
        // Refused before anything ran; the ledger's columns were added, no row was adopted for the edited spec.
        expect((await loadRecordedPlan(db, "shop_v2"))).toBeNull();
        expect((await loadRecordedPlan(db, "shop_v1"))?.source).toBe("adopted");
        await rollbackLast(db, shop.plans);
        expect({ ...(await snapshotDb(db)), kmig: null }).toEqual({ ...v1, kmig: null });
      } finally {
        shop.remove();
        editedShop.remove();
      }
    }, 120_000);

    it("a half-done apply is finished by its recorded plan, not by what the compiler makes of the spec today", async () => {
      await reset();
      const shop = specFolder({ "000_shop.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  table orders {\n    add note text?\n    add tag text?\n  }") });
      try {
        await applyAll(db, shop.plans, { to: "1" });
        const plan = shop.plans[1];
        // As an older kmig would have compiled it: its second step adds another column.
        const older: Plan = { ...plan, steps: plan.steps.map((s, i) => (i === 1 && s.kind === "sql" ? { ...s, up: ['ALTER TABLE "orders" ADD COLUMN "tag" varchar(10)'] } : s)) };
        await recordStart(db, older);
        await runStep(db, older.id, 0, older.steps[0], { lock: DEFAULT_LOCK_POLICY, batch: { batchSize: 100, pauseMs: 0 } }, SILENT);
        const impact = await planImpact(db, shop.plans, { to: null, batchSize: 100, runAt: new Date().toISOString() });
        expect(impact.migrations[0].steps.map((s) => [s.status, s.sql])).toEqual([
          ["done", plan.steps[0].up],
          ["pending", ['ALTER TABLE "orders" ADD COLUMN "tag" varchar(10)']],
        ]);
        await applyAll(db, shop.plans);
        const tag = await db.query<{ t: string }>(`SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = '"orders"'::regclass AND attname = 'tag'`);
        expect(tag.rows[0].t).toBe("character varying(10)");
      } finally {
        shop.remove();
      }
    }, 120_000);

    it("a recorded plan of a newer plan format is refused (K9070), one changed by hand too (K9071)", async () => {
      await reset();
      const shop = specFolder({ "000_shop.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  table orders {\n    add note text?\n  }") });
      try {
        await applyAll(db, shop.plans);
        await db.query(`UPDATE "kmig"."ledger" SET "plan" = jsonb_set("plan", '{planFormat}', '2') WHERE "id" = 'shop_v2'`);
        const newer = await runErrorOf(rollbackLast(db, shop.plans));
        expect(newer.code).toBe("K9070");
        expect(newer.message).toBe(`migration shop_v2 was applied by kmig ${KMIG_VERSION}, which recorded its plan in plan format 2; this kmig (${KMIG_VERSION}) reads plan format 1 and older`);
        await db.query(`UPDATE "kmig"."ledger" SET "plan" = jsonb_set("plan", '{planFormat}', '1') - 'steps' WHERE "id" = 'shop_v2'`);
        const damaged = await runErrorOf(rollbackLast(db, shop.plans));
        expect(damaged.code).toBe("K9071");
        expect(damaged.message).toBe("the plan kmig recorded for migration shop_v2 cannot be read: it has no steps");
      } finally {
        shop.remove();
      }
    }, 120_000);
  });
}

describe("kmig rollback with an edited spec, from the command line", () => {
  it("prints warning[K9001] and runs the recorded plan", async () => {
    const t = await postgresDb();
    const folder = editedKeiko();
    try {
      const created = runCli(["apply", folder.dir, "--fixtures", "--to", "1.9.0", "--db", t.url], { timeoutMs: 120_000 });
      expect(created.status, created.stderr).toBe(0);
      const before = await t.open();
      const v1 = await snapshotDb(before);
      await before.close();
      const applied = runCli(["apply", folder.dir, "--db", t.url], { timeoutMs: 120_000 });
      expect(applied.status, applied.stderr).toBe(0);
      folder.edit();
      const refused = runCli(["apply", folder.dir, "--db", t.url], { timeoutMs: 120_000 });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("error[K9001]");
      const r = runCli(["rollback", folder.dir, "--db", t.url], { timeoutMs: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^warning\[K9001\]: migration keiko_v2 was applied with checksum .*rollback runs the plan recorded when it was applied \(by kmig 0\.1\.0\), not the edited spec$/m);
      expect(r.stdout).toContain("rolled back keiko_v2");
      const after = await t.open();
      expect({ ...(await snapshotDb(after)), kmig: null }).toEqual({ ...v1, kmig: null });
      await after.close();
    } finally {
      folder.remove();
      await t.drop();
    }
  }, 180_000);
});

describe("the kmig version the ledger records", () => {
  it("is package.json's", () => {
    expect(KMIG_VERSION).toBe((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version);
  });
});
