import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { runCli, tempSpecs, type CliRun } from "../support/cli.js";
import { connect, createTestDatabase } from "../support/pg.js";

/**
 * `--json` on every command, succeeding and failing: stdout is JSON lines (every line one JSON
 * object with a string `type`, nothing else), and stderr stays empty — also for a spec error under
 * `kmig apply --json` and for a step the database rejects.
 */

const BASELINE = "baseline shop_v1 version '1.0.0' {\n  create table products {\n    id    integer primary key\n    name  text\n    price integer?\n  }\n}\n";
const PRICES = "migration prices from '1.0.0' to '1.1.0' {\n  describe 'prices are required'\n\n  table products {\n    price := price ?? 0\n    alter price set not null\n  }\n}\n";
/** A migration the database rejects on the sample rows: two products share a name. */
const UNIQUE = "migration names from '1.1.0' to '1.2.0' {\n  describe 'names are unique'\n\n  table products {\n    add unique (name)\n  }\n}\n";
const FIXTURE = "INSERT INTO products VALUES (1, 'pen', NULL), (2, 'pen', 3);\n";

const good = tempSpecs({ "000_baseline.kmig": BASELINE, "001_prices.kmig": PRICES, "fixtures/sample.sql": FIXTURE });
const rejected = tempSpecs({ "000_baseline.kmig": BASELINE, "001_prices.kmig": PRICES, "002_names.kmig": UNIQUE, "fixtures/sample.sql": FIXTURE });
const broken = tempSpecs({ "000_baseline.kmig": BASELINE, "001_prices.kmig": PRICES.replace("price ?? 0", "price ?? 'zero'") });
const out = tempSpecs({});

let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase("kmig_json");
});
afterAll(async () => {
  await db?.drop();
});

/** The events of a `--json` run, after checking that stdout is JSON lines and stderr empty. */
function jsonLines(r: CliRun): Record<string, unknown>[] {
  expect(r.stderr).toBe("");
  expect(r.stdout.endsWith("\n"), r.stdout).toBe(true);
  return r.stdout
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const e = JSON.parse(line) as unknown;
      expect(typeof e === "object" && e !== null && !Array.isArray(e), line).toBe(true);
      expect(typeof (e as { type?: unknown }).type, line).toBe("string");
      return e as Record<string, unknown>;
    });
}

const run = (args: readonly string[]) => runCli([...args, "--json"], { timeoutMs: 180_000 });
const types = (events: readonly Record<string, unknown>[]) => events.map((e) => e.type);

describe("--json", () => {
  it("check, fmt, explain and compile: JSON lines, succeeding and failing", () => {
    expect(types(jsonLines(run(["check", good])))).toEqual(["check"]);
    expect(types(jsonLines(run(["check", broken])))).toEqual(["check"]);
    const unformatted = run(["fmt", "--check", good]);
    expect(unformatted.status).toBe(1);
    expect(jsonLines(unformatted)).toEqual([
      { type: "unformatted", file: join(good, "000_baseline.kmig") },
      { type: "info", message: "1 file not in the canonical layout; run `kmig fmt` on it" },
    ]);
    expect(types(jsonLines(run(["fmt", "--stdout", good])))).toEqual(["formatted-text", "formatted-text"]);
    expect(types(jsonLines(run(["explain", good])))).toEqual(["explain"]);
    const explained = jsonLines(run(["explain", broken]));
    expect(types(explained)).toContain("diagnostic");
    // Per migration its module (.ts), the ES module that runs (.mjs) and its types (.d.mts); then the manifest.
    const wrote = jsonLines(run(["compile", good, "--out", join(out, "plans")])) as { type: string; file: string }[];
    expect(types(wrote)).toEqual(Array(7).fill("wrote"));
    expect(wrote.map((w) => w.file.split("/").pop()).sort()).toEqual(["000_baseline.d.mts", "000_baseline.mjs", "000_baseline.ts", "001_prices.d.mts", "001_prices.mjs", "001_prices.ts", "kmig-plan.json"]);
  });

  it("a spec error under apply: diagnostic events, nothing on stderr, exit 1", () => {
    const r = run(["apply", broken, "--db", db.url]);
    expect(r.status).toBe(1);
    const events = jsonLines(r);
    expect(events[0]).toMatchObject({ type: "diagnostic", code: "K3001", file: join(broken, "001_prices.kmig"), line: 5 });
  });

  it("apply, status, plan, rollback and baseline on a server: JSON lines, succeeding and failing", async () => {
    const applied = run(["apply", good, "--db", db.url, "--fixtures"]);
    expect(applied.status, applied.stdout).toBe(0);
    expect(types(jsonLines(applied)).slice(-1)).toEqual(["run-done"]);
    expect(types(jsonLines(run(["status", good, "--db", db.url])))).toEqual(["status"]);
    expect(types(jsonLines(run(["plan", good, "--db", db.url, "--rollback"])))).toEqual(["rollback-plan"]);

    // A step the database rejects: the error is one event with the spec line, and nothing else is printed.
    const failed = run(["apply", rejected, "--db", db.url]);
    expect(failed.status).toBe(1);
    const last = jsonLines(failed).at(-1);
    expect(last).toMatchObject({ type: "error", code: "K9101", origin: { file: join(rejected, "002_names.kmig"), line: 5, column: 5 } });
    expect(types(jsonLines(run(["plan", rejected, "--db", db.url])))).toEqual(["plan"]);

    expect(run(["rollback", good, "--db", db.url]).status).toBe(0);
    expect(jsonLines(run(["rollback", good, "--db", db.url])).map((e) => e.code ?? e.type)).toEqual(["run-start", "K9007"]);

    // baseline: a database that has the tables but no record of them.
    const c = await connect(db.url);
    await c.query('DROP SCHEMA "kmig" CASCADE');
    await c.end();
    const recorded = run(["baseline", good, "--db", db.url]);
    expect(recorded.status, recorded.stdout).toBe(0);
    expect(types(jsonLines(recorded))).toEqual(["info"]);
  });

  it("test: one JSON document, as --reporter json", () => {
    const r = run(["test", good, "--runs", "2", "--seed", "1"]);
    expect(types(jsonLines(r))).toEqual(["test"]);
    expect(r.status).toBe(0);
  });
});
