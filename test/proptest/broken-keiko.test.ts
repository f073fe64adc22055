import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { openMemoryPglite } from "../../runtime/db/pglite.js";
import { runLaws, type PropertyResult } from "../../proptest/run-laws.js";
import { lookupBuiltin } from "../../stdlib/index.js";
import { compileFolder } from "../support/spec-chain.js";

/** Deliberately broken copies of the Keiko spec: `kmig test`'s laws must catch each, at the right spec line. */
const SPEC = readFileSync("specs/keiko/001_keiko_v2.kmig", "utf8");
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

async function laws(db: Db, text: string, seed = 11): Promise<PropertyResult[]> {
  const chain = compileFolder("specs/keiko", { "001_keiko_v2.kmig": text });
  expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return runLaws(db, chain.units, { runs: 20, seed, path: null, rowsPerRun: 6 });
}

const failed = (rs: PropertyResult[]) => rs.filter((r) => !r.ok);

describe("kmig test on broken copies of specs/keiko", { timeout: 400_000 }, () => {
  let db: Db;
  beforeAll(async () => {
    db = await openMemoryPglite();
  }, 120_000);
  afterAll(async () => db?.close());

  it("the real spec holds", async () => {
    expect(failed(await laws(db, SPEC))).toEqual([]);
  });

  it("catches a wrong status mapping with the expect that states the contract", async () => {
    const broken = SPEC.replace("finished        -> completed", "finished        -> failed");
    expect(broken).not.toBe(SPEC);
    const [f] = failed(await laws(db, broken));
    expect(f.failure?.law).toBe("expect clauses hold");
    expect(f.failure?.origin?.line).toBe(lineOf(broken, "expect status == 'completed' when old.status == 'finished'"));
    expect(JSON.stringify(f.failure?.counterexample)).toContain('"status":"finished"');
  });

  it("catches a lost original value (a declared reverse that forgets the v1 status)", async () => {
    const broken = SPEC.replace("status := task_status(status)", "status := task_status(status) reverse status");
    const [f] = failed(await laws(db, broken));
    expect(f.failure?.law).toBe("rollback is exact");
    expect(f.failure?.origin?.line).toBe(lineOf(broken, "table tasks {"));
    expect(f.failure?.message).toMatch(/original_status/);
  });

  it("catches an expect that does not hold, with the shrunk row and a replayable seed", async () => {
    const broken = SPEC.replace("expect priority == 'high' when truthy(old.params.urgent)", "expect priority == 'low' when truthy(old.params.urgent)");
    const rs = await laws(db, broken, 5);
    const [f] = failed(rs);
    expect(f.failure?.law).toBe("expect clauses hold");
    expect(f.failure?.origin?.line).toBe(lineOf(broken, "expect priority == 'low' when truthy(old.params.urgent)"));
    const replay = failed(await runLaws(db, compileFolder("specs/keiko", { "001_keiko_v2.kmig": broken }).units, { runs: 20, seed: f.failure!.seed, path: f.failure!.path, rowsPerRun: 6 }));
    expect(replay[0]?.failure?.counterexample).toEqual(f.failure?.counterexample);
  });

  it("catches a SQL/JS disagreement in a built-in, at the mapping that uses it", async () => {
    const sort = lookupBuiltin("sort")!;
    const original = sort.js;
    (sort as { js: typeof original }).js = (args, types) => {
      const out = original(args, types);
      return Array.isArray(out) ? [...out].reverse() : out;
    };
    try {
      const [f] = failed(await laws(db, SPEC));
      expect(f.failure?.law).toBe("SQL agrees with JS");
      expect(f.failure?.origin?.line).toBe(lineOf(SPEC, "add capabilities jsonb?"));
    } finally {
      (sort as { js: typeof original }).js = original;
    }
  });
});
