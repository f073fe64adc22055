import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmittedModule } from "../../compiler/emit/index.js";
import type { Plan } from "../../core/plan.js";
import { rt } from "../../runtime/js-runtime.js";
import { agentV2, taskV2 } from "../support/keiko-oracle.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { PAINTER_V2_CONFIG, V1_AGENTS, V1_TASKS } from "./keiko-v1-sample.js";
import { compileClean, importModule } from "./support.js";
import { emitPlanModules } from "../../compiler/emit/index.js";
import { compileConfigStep } from "../../runtime/config/config-transform.js";
import { bindModule } from "../../runtime/load/bind-module.js";

/**
 * The JavaScript in an emitted plan is usable as it is: the Keiko v2 module, loaded as plain
 * JavaScript with kmig's own runtime helpers, maps the v1 sample rows and config files to exactly
 * what the contract (specs/keiko/reference/contract.md, written out in test/support/keiko-oracle.ts) says.
 */

type Row = Record<string, unknown>;
type Fn = (row: unknown, rt: unknown) => Row;
interface Expectation {
  readonly text: string;
  holds(row: unknown, next: unknown, rt: unknown): boolean | undefined;
}
interface KeikoV2 {
  readonly plan: Plan;
  readonly mapTasks: Fn;
  readonly inverseTasks: Fn;
  readonly expectTasks: readonly Expectation[];
  readonly mapAgents: Fn;
  readonly inverseAgents: Fn;
  readonly expectAgents: readonly Expectation[];
  readonly configConfigYml: readonly ConfigKey[];
  readonly tableMappings: readonly { step: string | null; table: string; map: Fn | null; inverse: Fn | null }[];
  readonly configs: Readonly<Record<string, { keys: readonly ConfigKey[] }>>;
}
interface ConfigKey {
  readonly path: readonly string[];
  value(row: unknown, rt: unknown): unknown;
}

const RUN_AT = "2025-06-30T12:34:56Z";
const RUN_AT_JSON = "2025-06-30T12:34:56+00:00";
const config = (name: string) => parseYaml(readFileSync(`${KEIKO_FIXTURES}config-v1/${name}`, "utf8")) as unknown;

let m: KeikoV2;
let compiledPlan: Plan;
/** The module's plan as the runtime runs it: its config steps carry the module's key functions. */
let modulePlan: Plan;
/** The new document a config step of the module writes for an old one. */
const migrateConfig = (source: string, old: unknown) => compileConfigStep(modulePlan.config.find((c) => c.source === source)!).build(old) as Row;
const savedRunAt = process.env.KMIG_RUN_AT;

beforeAll(async () => {
  // now() reads the run's time from here, as kmig's runtime pins it for a whole run.
  process.env.KMIG_RUN_AT = RUN_AT;
  const units = compileClean("specs/keiko").units;
  compiledPlan = units[1].plan;
  const modules: EmittedModule[] = await emitPlanModules(units);
  m = await importModule<KeikoV2>(modules[1]);
  modulePlan = bindModule(m as unknown as Record<string, unknown>);
});

afterAll(() => {
  if (savedRunAt === undefined) delete process.env.KMIG_RUN_AT;
  else process.env.KMIG_RUN_AT = savedRunAt;
});

/** A v2 task as the backfill leaves it: unmapped columns as they were, mapped ones from mapTasks. */
function migratedTask(row: Row): Row {
  const { type: _type, params: _params, timeout: _timeout, retries: _retries, ...kept } = row;
  return { ...kept, ...m.mapTasks(row, rt) };
}

describe("the emitted Keiko v2 plan, run as JavaScript", () => {
  it("holds the compiler's plan, value for value", () => {
    // As data: the compiler's config steps also carry their code, which JSON does not see.
    expect(m.plan).toEqual(JSON.parse(JSON.stringify(compiledPlan)));
  });

  it("maps every v1 sample task to the contract's v2 values", () => {
    for (const row of V1_TASKS) {
      const mapped = m.mapTasks(row, rt);
      const expected = taskV2(row);
      expect(Object.keys(mapped).sort()).toEqual(["metadata", "parameters", "priority", "retry_count", "status", "task_type", "timeout_seconds"]);
      for (const [column, value] of Object.entries(mapped)) expect(value, `${row.id} ${column}`).toEqual(expected[column]);
    }
  });

  it("maps the awkward sample rows as the contract spells out", () => {
    const byId = (n: number) => m.mapTasks(V1_TASKS[n - 1], rt);
    expect(byId(1)).toMatchObject({ task_type: "summarize", status: "completed", priority: "high", timeout_seconds: 60, retry_count: 1 });
    expect(byId(2)).toMatchObject({ task_type: "generic", parameters: {}, status: "pending", priority: "normal", timeout_seconds: 300, retry_count: 0 });
    expect(byId(4)).toMatchObject({ status: "pending", priority: "high", metadata: { migrated_from: "v1.x", original_status: "FINISHED" } });
    expect(byId(5)).toMatchObject({ status: "pending", metadata: { migrated_from: "v1.x", original_status: null } });
    expect(byId(7)).toMatchObject({ priority: "normal" });
  });

  it("passes the table's own expects on every sample task", () => {
    expect(m.expectTasks.length).toBeGreaterThanOrEqual(2);
    for (const row of V1_TASKS) for (const e of m.expectTasks) expect(e.holds(row, migratedTask(row), rt), `${row.id}: ${e.text}`).toBe(true);
  });

  it("rolls tasks back: status exactly (from metadata), other columns wherever the stash is not needed", () => {
    for (const row of V1_TASKS as readonly Row[]) {
      const back = m.inverseTasks(migratedTask(row), rt);
      expect(back.status, `${row.id} status`).toEqual(row.status);
      for (const column of ["type", "params", "timeout", "retries"]) if (row[column] !== undefined) expect(back[column], `${row.id} ${column}`).toEqual(row[column]);
    }
  });

  it("maps every v1 sample agent to the contract's v2 values", () => {
    for (const row of V1_AGENTS) {
      const mapped = m.mapAgents(row, rt);
      const expected = agentV2(row, RUN_AT_JSON);
      for (const [column, value] of Object.entries(mapped)) expect(value, `${row.name} ${column}`).toEqual(expected[column]);
      const { agent_type: _t, config: _c, ...kept } = row;
      // `version` is added with a default and no mapping: PostgreSQL fills it in.
      const next = { ...kept, configuration: row.config, version: "2.0.0", ...mapped };
      for (const e of m.expectAgents) expect(e.holds(row, next, rt), `${row.name}: ${e.text}`).toBe(true);
    }
  });

  it("migrates the v1 config files key by key, in spec order", () => {
    const main = migrateConfig("config.yml", config("config.yml"));
    expect(main).toEqual({
      version: "2.0.0",
      environment: "production",
      server: { host: "0.0.0.0", port: 8080, workers: 8, reload: false },
      logging: { level: "WARNING", format: "json", structured: true, file_path: "/var/log/keiko/app.log" },
      monitoring: { enabled: true, metrics_port: 9090, health_check_interval: 30 },
    });
    expect(Object.keys(main)).toEqual(["version", "environment", "server", "logging", "monitoring"]);
    expect(migrateConfig("database.yml", config("database.yml"))).toEqual({
      default: { url: "postgresql://keiko@localhost/keiko_v1", pool_size: 10, max_overflow: 30, pool_timeout: 30, pool_recycle: 3600, echo: false },
      read_replicas: ["postgresql://keiko@replica-1/keiko_v1"],
      migrations: { auto_upgrade: false, backup_before_migration: true },
    });
    expect(migrateConfig("agents/*.yml", config("agents/painter.yml"))).toEqual(PAINTER_V2_CONFIG);
    // A key the old file lacks and that has no default is written as null, as the guide's `d.get(key)`.
    expect(migrateConfig("database.yml", {})).toMatchObject({ default: { url: null, pool_size: 20 } });
  });

  it("indexes its JavaScript by step", () => {
    const backfills = compiledPlan.steps.filter((s) => s.kind === "backfill").map((s) => s.id);
    expect(m.tableMappings.map((t) => t.step)).toEqual(backfills);
    expect(m.tableMappings.map((t) => t.table)).toEqual(["agents", "tasks"]);
    expect(m.tableMappings[1].map).toBe(m.mapTasks);
    expect(Object.keys(m.configs)).toEqual(compiledPlan.config.map((c) => c.id));
    expect(m.configs[compiledPlan.config[0].id].keys).toBe(m.configConfigYml);
    expect(m.configConfigYml.map((k) => k.path)).toEqual(compiledPlan.config[0].keys.map((k) => k.path));
  });
});
