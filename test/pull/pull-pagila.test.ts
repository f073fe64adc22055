import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";
import { pagilaDatabase } from "./support.js";

/**
 * `kmig pull` on pagila, a public sample database (test/fixtures/pagila): the baseline it writes
 * checks without warnings, `kmig baseline` accepts it and `kmig status` right after is clean;
 * what it could not say is in the header and the warnings, never silently left out.
 */
let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await pagilaDatabase("kmig_h14_pull", false);
}, 60_000);
afterAll(async () => db?.drop());

describe("kmig pull on pagila", () => {
  it("writes a baseline that checks, records and leaves status clean", () => {
    const dir = tempSpecs({});
    const folder = join(dir, "pagila");
    const pulled = runCli(["pull", folder, "--db", db.url]);
    const file = join(folder, "000_baseline.kmig");
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^\/\/ Pulled by `kmig pull` from postgres:\/\/postgres@127\.0\.0\.1:5432\/kmig_h14_pull_\w+, schema public, at \d{4}-\d\d-\d\dT/);
    // Every table, view, partition, function and trigger is modelled or declared.
    for (const line of ["create table actor {", "create table rental {", "external table payment_p2022_07 partition of payment", "external materialized view rental_by_category reads", "external trigger last_updated on actor", "external function last_updated()", "external aggregate group_concat(text)"]) {
      expect(text).toContain(line);
    }
    expect(text).toContain("external view actor_info reads actor (actor_id, first_name, last_name)");
    // What is declared external rather than described is named, with why, in the header and as a
    // note; nothing is left out, so pull exits 0.
    expect(text).toContain("// Declared `external` rather than described (status checks that they exist and leaves them alone):\n//   - the partitioned table payment (PARTITION BY RANGE (payment_date)) and its 7 partitions: kmig has no partitions in its language yet");
    expect(pulled.stderr).toMatch(/declared external: the partitioned table payment/);
    expect(text).not.toContain("// Not said here");
    expect(pulled.status).toBe(0);
    const check = runCli(["check", folder]);
    expect(check.stderr + check.stdout).toContain("no problems");
    expect(runCli(["fmt", "--check", folder]).status).toBe(0);
    const base = runCli(["baseline", folder, "--db", db.url]);
    expect(base.stdout + base.stderr).toContain("the live schema matches it");
    expect(base.status).toBe(0);
    const status = runCli(["status", folder, "--db", db.url]);
    expect(status.stdout).toContain("no schema drift");
    expect(status.status).toBe(0);
  });

  it("refuses to overwrite without --force, and overwrites with it", () => {
    const dir = tempSpecs({ "000_baseline.kmig": "// mine\n" });
    const r = runCli(["pull", dir, "--db", db.url]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("K9086");
    expect(readFileSync(join(dir, "000_baseline.kmig"), "utf8")).toBe("// mine\n");
    const forced = runCli(["pull", dir, "--db", db.url, "--force", "--name", "pagila_v3"]);
    expect(forced.status).not.toBe(2);
    expect(readFileSync(join(dir, "000_baseline.kmig"), "utf8")).toContain("baseline pagila_v3 version '1.0.0' {");
  });

  it("status reports an external object that went missing", async () => {
    const dir = tempSpecs({});
    runCli(["pull", dir, "--db", db.url]);
    const other = await pagilaDatabase("kmig_h14_pull_gone", false);
    try {
      const { connect } = await import("../support/pg.js");
      const c = await connect(other.url);
      await c.query("DROP VIEW staff_list");
      await c.end();
      const base = runCli(["baseline", dir, "--db", other.url]);
      expect(base.status).toBe(1);
      expect(base.stderr).toMatch(/view staff_list \(declared external at .*000_baseline\.kmig:\d+\) is missing from the database/);
    } finally {
      await other.drop();
    }
  });
});
