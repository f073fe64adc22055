import { afterAll, describe, expect, it } from "vitest";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../core/plan.js";
import { planConfigFiles } from "../../runtime/config/config-files.js";
import { RunError } from "../../runtime/errors.js";
import { runCli, tempSpecs } from "../support/cli.js";
import { connect } from "../support/pg.js";
import { pgliteDb, postgresDb, type TestDb } from "../runtime/support/engines.js";
import { compileFolder } from "../support/spec-chain.js";

/**
 * Config files are read inside the source folder and written inside the target folder, and
 * nowhere else: `..` and absolute paths are errors of `check` (K4020, test/golden/diagnostics),
 * and what only the file system can tell — symbolic links in either folder that lead outside — is
 * refused by apply, plan and rollback before anything is written or the database changed (K9402).
 */

const BASELINE = "baseline app_v1 version '1.0.0' {\n  create table settings {\n    id integer primary key\n  }\n}\n";
const AGENTS = "migration agents from '1.0.0' to '1.1.0' {\n  describe 'agent files'\n\n  config 'agents/*.yml' {\n    name := name ?? 'agent'\n    version := 2\n  }\n}\n";
const spec = tempSpecs({ "000_baseline.kmig": BASELINE, "001_agents.kmig": AGENTS });

/** Every file, folder and link under `dir` (links as `-> target`, not followed), to compare before and after. */
function snapshot(dir: string, rel = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(dir, p));
    if (st.isSymbolicLink()) out[p] = `-> ${readlinkSync(join(dir, p))}`;
    else if (st.isDirectory()) Object.assign(out, { [p]: "<dir>" }, snapshot(dir, p));
    else out[p] = readFileSync(join(dir, p), "utf8");
  }
  return out;
}

/** A source folder with two agents, a target folder, and a folder outside both holding a secret. */
function folders(): { src: string; dst: string; outside: string } {
  const root = tempSpecs({ "src/agents/a.yml": "name: a\n", "src/agents/b.yml": "name: b\n", "outside/secret.yml": "name: secret\n" });
  mkdirSync(join(root, "dst"));
  return { src: join(root, "src"), dst: join(root, "dst"), outside: join(root, "outside") };
}

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

/** Whether kmig created anything in the database (its schema, the baseline's table). */
async function touched(db: TestDb): Promise<boolean> {
  const c = await db.open();
  try {
    const r = await c.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_namespace n LEFT JOIN pg_tables t ON t.schemaname = 'public' WHERE n.nspname = 'kmig' OR t.tablename = 'settings'");
    return Number(r.rows[0].n) > 0;
  } finally {
    await c.close();
  }
}

type Setup = (f: ReturnType<typeof folders>) => void;

const REFUSED: [string, Setup, RegExp][] = [
  ["a source file linked outside the source folder", (f) => symlinkSync(join(f.outside, "secret.yml"), join(f.src, "agents", "evil.yml")), /source agents\/evil\.yml is read through the symbolic link agents\/evil\.yml/],
  ["a source folder linked outside", (f) => { rmSync(join(f.src, "agents"), { recursive: true }); symlinkSync(f.outside, join(f.src, "agents")); }, /source agents\/secret\.yml is read through the symbolic link agents \(to .*outside\), outside the source folder/],
  ["a target folder linked outside", (f) => symlinkSync(f.outside, join(f.dst, "agents")), /would be written through the symbolic link agents \(to .*outside\), outside the target folder/],
  ["a target file that is a link", (f) => { mkdirSync(join(f.dst, "agents")); symlinkSync(join(f.outside, "secret.yml"), join(f.dst, "agents", "a.yml")); }, /agents\/a\.yml in .* is a symbolic link/],
];

describe.each([
  ["PostgreSQL", postgresDb],
  ["PGlite", pgliteDb],
])("config paths that leave their folders, on %s", (_engine, makeDb) => {
  it.each(REFUSED)("apply refuses %s before anything is written", async (_what, setup, says) => {
    const db = await makeDb();
    dbs.push(db);
    const f = folders();
    setup(f);
    const before = { dst: snapshot(f.dst), outside: snapshot(f.outside) };
    const r = runCli(["apply", spec, "--db", db.url, "--config-from", f.src, "--config-to", f.dst], { timeoutMs: 120_000 });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error\[K9402\]: /);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).toContain("001_agents.kmig:4:3");
    expect({ dst: snapshot(f.dst), outside: snapshot(f.outside) }).toEqual(before);
    expect(await touched(db)).toBe(false);
  }, 150_000);
});

describe("config paths that leave their folders, on PostgreSQL", () => {
  it("plan refuses them too, and links that stay inside are followed", async () => {
    const db = await postgresDb();
    dbs.push(db);
    const f = folders();
    symlinkSync(f.outside, join(f.dst, "agents"));
    const planned = runCli(["plan", spec, "--db", db.url, "--config-from", f.src, "--config-to", f.dst]);
    expect(planned.status).toBe(1);
    expect(planned.stderr).toMatch(/^error\[K9402\]: .*outside the target folder/);

    const g = folders();
    symlinkSync("a.yml", join(g.src, "agents", "c.yml"));
    mkdirSync(join(g.dst, "real"));
    symlinkSync(join(g.dst, "real"), join(g.dst, "agents"));
    const applied = runCli(["apply", spec, "--db", db.url, "--config-from", g.src, "--config-to", g.dst]);
    expect(applied.status, applied.stderr).toBe(0);
    expect(Object.keys(snapshot(join(g.dst, "real"))).sort()).toEqual(["a.yml", "b.yml", "c.yml"]);
  });

  it("rollback refuses a target folder linked outside since the apply, and changes nothing", async () => {
    const db = await postgresDb();
    dbs.push(db);
    const f = folders();
    const applied = runCli(["apply", spec, "--db", db.url, "--config-from", f.src, "--config-to", f.dst]);
    expect(applied.status, applied.stderr).toBe(0);
    // Someone moves the written files elsewhere and links the folder there.
    mkdirSync(join(f.outside, "agents"));
    for (const name of ["a.yml", "b.yml"]) writeFileSync(join(f.outside, "agents", name), readFileSync(join(f.dst, "agents", name)));
    rmSync(join(f.dst, "agents"), { recursive: true });
    symlinkSync(join(f.outside, "agents"), join(f.dst, "agents"));
    const outside = snapshot(f.outside);

    const r = runCli(["rollback", spec, "--db", db.url, "--config-to", f.dst, "--accept-data-loss"]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error\[K9402\]: the config file agents\/a\.yml would be written through the symbolic link agents/);
    expect(snapshot(f.outside)).toEqual(outside);
    const c = await connect(db.url);
    const ledger = await c.query(`SELECT "id" FROM "kmig"."ledger" ORDER BY 1`);
    await c.end();
    expect(ledger.rows.map((x) => x.id)).toEqual(["agents", "app_v1"]);
  });

  it("refuses `..` in a plan that did not come from the checker", () => {
    const [plan] = compileFolder(spec).units.map((u) => u.plan).filter((p) => p.config.length > 0);
    const edited: Plan = { ...plan, config: [{ ...plan.config[0], target: "../escaped/*.yml" }] };
    const f = folders();
    let thrown: unknown = null;
    try {
      planConfigFiles([edited], f.src, f.dst);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RunError);
    expect((thrown as RunError).code).toBe("K9402");
    expect((thrown as RunError).message).toBe("the config target `../escaped/*.yml` goes up out of its folder with `..`");
    expect(existsSync(join(f.dst, "..", "escaped"))).toBe(false);
  });
});
