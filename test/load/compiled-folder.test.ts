import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIG_CODE } from "../../core/plan.js";
import { loadCompiledPlans } from "../../runtime/load/compiled-plans.js";
import { runCli, runCliAsync } from "../support/cli.js";
import { connect, createTestDatabase, snapshotData, snapshotSchema } from "../support/pg.js";
import { compileFolder, KEIKO_FIXTURES } from "../support/spec-chain.js";
import { STRICTEST, typeErrors } from "../emit/support.js";

/**
 * A folder `kmig compile` wrote is what runs: `kmig apply <dir>` loads its modules (checked
 * against the manifest) and runs their functions, and does exactly what applying the spec folder
 * does — the same rows, the same config files — and rolls back the same way.
 */

const TABLES = ["users", "agents", "tasks", "mcp_servers", "audit_logs"];
/** The rows as text, without the run's own time (which `migration_date` records). */
const rowsOf = async (c: Awaited<ReturnType<typeof connect>>) => JSON.stringify(await snapshotData(c, TABLES)).replace(/migration_date\\": \\"[^"\\]*/g, "migration_date");
const temps: string[] = [];
const temp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `kmig-h12-${name}-`));
  temps.push(d);
  return d;
};
let plans: string;

beforeAll(() => {
  plans = join(temp("plans"), "keiko");
  const r = runCli(["compile", "specs/keiko", "--out", plans]);
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("a compiled folder", () => {
  it("loads as the compiler's plans, in chain order, with each config step's code from its module", async () => {
    const loaded = await loadCompiledPlans(plans);
    const compiled = compileFolder("specs/keiko").units.map((u) => u.plan);
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(JSON.parse(JSON.stringify(compiled)));
    const steps = loaded.flatMap((p) => p.config);
    expect(steps.length).toBe(3);
    for (const step of steps) expect(step[CONFIG_CODE]?.keys.length).toBe(step.keys.length);
  });

  it("ships types an application type-checks against under the strictest flags", () => {
    const dir = temp("types");
    for (const f of readdirSync(plans)) writeFileSync(join(dir, f), readFileSync(join(plans, f)));
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts"))) rmSync(join(dir, f));
    writeFileSync(
      join(dir, "app.ts"),
      'import { plan, configs, maps } from "./001_keiko_v2.mjs";\nexport const to: "2.0.0" = plan.to;\nexport const keys: number = Object.keys(configs).length;\nexport const status: unknown = maps.task_status("queued");\n',
    );
    expect(typeErrors(dir, STRICTEST)).toEqual([]);
  });

  it("applies as the spec folder does (rows and config files), and rolls back to v1", async () => {
    const fromSource = await createTestDatabase("kmig_h12_src");
    const fromPlans = await createTestDatabase("kmig_h12_plans");
    try {
      const out = { source: temp("cfg-src"), plans: temp("cfg-plans") };
      for (const db of [fromSource, fromPlans]) {
        const b = await runCliAsync(["apply", "specs/keiko", "--fixtures", "--to", "1.9.0", "--db", db.url]);
        expect(b.status, b.stderr).toBe(0);
      }
      const before = await connect(fromPlans.url);
      const v1Schema = await snapshotSchema(before);
      const v1Rows = await snapshotData(before, ["users", "agents", "tasks"]);
      await before.end();
      const env = {};
      const a = await runCliAsync(["apply", "specs/keiko", "--db", fromSource.url, "--config-from", `${KEIKO_FIXTURES}config-v1`, "--config-to", out.source], env);
      expect(a.status, a.stderr).toBe(0);
      const b = await runCliAsync(["apply", plans, "--db", fromPlans.url, "--config-from", `${KEIKO_FIXTURES}config-v1`, "--config-to", out.plans], env);
      expect(b.status, b.stderr).toBe(0);
      const c1 = await connect(fromSource.url);
      const [sourceRows, sourceSchema] = [await rowsOf(c1), await snapshotSchema(c1)];
      await c1.end();
      const c2 = await connect(fromPlans.url);
      try {
        expect(await rowsOf(c2)).toBe(sourceRows);
        expect(sourceRows).toContain("summarization");
        expect(await snapshotSchema(c2)).toEqual(sourceSchema);
      } finally {
        await c2.end();
      }
      for (const f of ["config.yml", "database.yml", "agents/painter.yml", "agents/writer.yml", "agents/helper.yml"]) {
        expect(readFileSync(join(out.plans, f), "utf8"), f).toBe(readFileSync(join(out.source, f), "utf8"));
      }
      const s = await runCliAsync(["status", plans, "--db", fromPlans.url, "--json"]);
      expect(s.status, s.stderr).toBe(0);
      const r = await runCliAsync(["rollback", plans, "--db", fromPlans.url, "--config-to", out.plans]);
      expect(r.status, r.stderr).toBe(0);
      const after = await connect(fromPlans.url);
      try {
        expect(await snapshotSchema(after)).toEqual(v1Schema);
        expect(await snapshotData(after, ["users", "agents", "tasks"])).toEqual(v1Rows);
      } finally {
        await after.end();
      }
    } finally {
      await fromSource.drop();
      await fromPlans.drop();
    }
  }, 240_000);
});
