import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { connect, createTestDatabase, snapshotData } from "../support/pg.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";

/**
 * The package ships: `npm pack` (which builds dist/ and the types in `prepack`) makes a tarball
 * that installs into an empty project; with the compiler's packages deleted from that install
 * (ts-morph, prettier, the TypeScript they bring), its `kmig` runs the Keiko chain `kmig compile`
 * wrote — apply with the config files, status, and rollback by the plan the ledger recorded even
 * when the spec was edited since so that a mapping no longer restores a column (every row comes
 * back; K9001 warns) — and `import("kmig/runtime")` applies and rolls back with the application's
 * own pg pool and client; its `kmig compile` says what is missing (K9065) and writes nothing.
 */

const ROOT = resolve(__dirname, "../..");
const temps: string[] = [];
const temp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `kmig-h12-${name}-`));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const npm = (args: readonly string[], cwd: string) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", timeout: 600_000 });

/** The installed kmig, run from the application's folder. */
const kmig = (app: string, args: readonly string[]) => spawnSync(process.execPath, [join(app, "node_modules/kmig/bin/kmig.js"), ...args], { cwd: app, encoding: "utf8", timeout: 180_000 });

/** A script run as an ES module in the application's folder (so that `kmig/runtime` resolves from its node_modules). */
function runInApp(app: string, source: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(app, "script.mjs"), source);
  return spawnSync(process.execPath, ["script.mjs"], { cwd: app, encoding: "utf8", env: { ...process.env, ...env }, timeout: 180_000 });
}

describe("the packed package", () => {
  it("installs into an empty project and, without the compiler's packages, runs compiled Keiko from its CLI and as a library", async () => {
    const packed = temp("pack");
    npm(["pack", "--pack-destination", packed], ROOT);
    const tarball = readdirSync(packed).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();

    const app = temp("app");
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    npm(["install", "--prefer-offline", join(packed, tarball as string)], app);
    for (const name of ["ts-morph", "@ts-morph", "prettier", "typescript", "chevrotain", "@chevrotain"]) rmSync(join(app, "node_modules", name), { recursive: true, force: true });
    expect(existsSync(join(app, "node_modules/ts-morph"))).toBe(false);
    // The build's V8 code cache is not shipped: each file is stamped with the build machine's
    // absolute path, mtime and Node version (compiler/emit/code-cache.ts), so no install matches it.
    expect(existsSync(join(app, "node_modules/kmig/dist/code-cache"))).toBe(false);

    const plans = join(temp("plans"), "keiko");
    const compiled = runCli(["compile", "specs/keiko", "--out", plans]);
    expect(compiled.status, compiled.stderr).toBe(0);
    // The spec edited after it was applied: tasks.status is no longer kept, nor mapped back.
    const editedSpec = join(temp("edited"), "keiko");
    cpSync(join(ROOT, "specs/keiko"), editedSpec, { recursive: true });
    const v2 = join(editedSpec, "001_keiko_v2.kmig");
    const text = readFileSync(v2, "utf8");
    const edited = text.replace("    keep original in metadata.original_status\n", "").replace("status := task_status(status)", "status := 'pending'");
    expect(edited).not.toBe(text);
    writeFileSync(v2, edited);
    const editedPlans = join(temp("plans-edited"), "keiko");
    const recompiled = runCli(["compile", editedSpec, "--out", editedPlans]);
    expect(recompiled.status, recompiled.stderr).toBe(0);

    const refused = kmig(app, ["compile", join(ROOT, "specs/keiko"), "--out", join(app, "out")]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("error[K9065]");
    expect(existsSync(join(app, "out"))).toBe(false);

    const db = await createTestDatabase("kmig_h12_pack");
    try {
      const v1 = runCli(["apply", "specs/keiko", "--to", "1.9.0", "--fixtures", "--db", db.url]);
      expect(v1.status, v1.stderr).toBe(0);
      const c = await connect(db.url);
      const tables = ["users", "agents", "tasks"];
      const v1Rows = await snapshotData(c, tables);
      const configTo = join(app, "config-v2");
      const up = kmig(app, ["apply", plans, "--db", db.url, "--config-from", `${KEIKO_FIXTURES}config-v1`, "--config-to", configTo]);
      expect(up.status, up.stderr).toBe(0);
      expect(existsSync(join(configTo, "agents/painter.yml"))).toBe(true);
      const st = kmig(app, ["status", plans, "--db", db.url]);
      expect(st.status, st.stderr).toBe(0);
      expect(st.stdout).toMatch(/keiko_v2\s+2\.0\.0\s+applied/);
      const down = kmig(app, ["rollback", editedPlans, "--db", db.url, "--config-to", configTo]);
      expect(down.status, down.stderr).toBe(0);
      expect(`${down.stdout}${down.stderr}`).toContain("warning[K9001]");
      expect(await snapshotData(c, tables)).toEqual(v1Rows);

      const lib = runInApp(
        app,
        `import pg from "pg";
import { apply, rollback, status } from "kmig/runtime";
const pool = new pg.Pool({ connectionString: process.env.DB });
const events = [];
const up = await apply({ plans: process.env.PLANS, db: pool, onEvent: (e) => events.push(e.type) });
const client = new pg.Client({ connectionString: process.env.DB });
await client.connect();
const now = await status({ plans: process.env.PLANS, db: client });
const down = await rollback({ plans: process.env.PLANS, db: client });
const after = await status({ plans: process.env.PLANS, db: process.env.DB });
await client.end();
await pool.end();
console.log(JSON.stringify({ up, states: now.migrations.map((m) => m.state), down: down.rolledBack, after: after.migrations.map((m) => m.state), events: [...new Set(events)] }));
`,
        { DB: db.url, PLANS: plans },
      );
      expect(lib.status, lib.stderr).toBe(0);
      const out = JSON.parse(lib.stdout) as { up: { applied: string[] }; states: string[]; down: string[]; after: string[]; events: string[] };
      expect(out.up.applied).toEqual(["keiko_v2"]);
      expect(out.states).toEqual(["applied", "applied"]);
      expect(out.down).toEqual(["keiko_v2"]);
      expect(out.after).toEqual(["applied", "pending"]);
      expect(out.events).toEqual(expect.arrayContaining(["run-start", "migration-start", "step-done", "migration-done", "run-done"]));
      expect(await snapshotData(c, tables)).toEqual(v1Rows);
      await c.end();
    } finally {
      await db.drop();
    }
  }, 900_000);
});
