import { PGlite } from "@electric-sql/pglite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apply, loadCompiledPlans, plan, rollback, RunError, status, type RunEvent } from "../../runtime/index.js";
import { runCli } from "../support/cli.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";

/**
 * `kmig/runtime` on an application's own PGlite instance (the pg client and pool are exercised by
 * test/load/pack-install.test.ts, through the installed package): a compiled folder applied with
 * its config files, reported through onEvent, planned, rolled back; kmig never closes the instance
 * and leaves its time zone as it found it; a refusal is a RunError with its code.
 */

const temps: string[] = [];
let plans: string;
let db: PGlite;

beforeAll(async () => {
  plans = join(mkdtempSync(join(tmpdir(), "kmig-h12-lib-")), "plans");
  temps.push(plans);
  const r = runCli(["compile", "specs/keiko", "--out", plans]);
  expect(r.status, r.stderr).toBe(0);
  db = new PGlite();
  await db.exec("SET TimeZone = 'Europe/Paris'");
}, 120_000);
afterAll(async () => {
  await db.close();
  temps.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe("kmig/runtime on a PGlite instance", () => {
  it("applies, reports, plans and rolls back a compiled folder", async () => {
    const events: RunEvent[] = [];
    const configTo = mkdtempSync(join(tmpdir(), "kmig-h12-lib-cfg-"));
    temps.push(configTo);
    const up = await apply({ plans, db, onEvent: (e) => events.push(e), config: { from: `${KEIKO_FIXTURES}config-v1`, to: configTo } });
    expect(up.applied).toEqual(["keiko_v2"]);
    expect(events[0]).toMatchObject({ type: "run-start", command: "apply" });
    expect(events.at(-1)).toMatchObject({ type: "run-done", ok: true });
    expect(events.filter((e) => e.type === "migration-done").map((e) => (e as { id: string }).id)).toContain("keiko_v2");
    expect((await db.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz")).rows[0].tz).toBe("Europe/Paris");

    const now = await status({ plans: await loadCompiledPlans(plans), db });
    expect(now.migrations.map((m) => m.state)).toEqual(["applied", "applied"]);
    expect(now.drift).toEqual([]);
    const nothing = await plan({ plans, db });
    expect(nothing.migrations).toEqual([]);

    const down = await rollback({ plans, db, configTo });
    expect(down.rolledBack).toEqual(["keiko_v2"]);
    expect((await status({ plans, db })).migrations.map((m) => m.state)).toEqual(["applied", "pending"]);
    const again = await rollback({ plans, db }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RunError);
    expect((again as RunError).code).toBe("K9007");
  }, 240_000);
});
