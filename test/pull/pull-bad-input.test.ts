import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";
import { freshServer } from "../runtime/support/engines.js";

/**
 * Issue 14, bad input: `kmig pull` on an empty database writes an empty baseline with a note; on a
 * database with objects of kinds kmig has no words for, it names each as skipped (header and
 * warnings), never a file that leaves them out in silence; without the right to look into the
 * schema it writes nothing and says why.
 */
describe("kmig pull on databases it cannot say fully", () => {
  const server = freshServer();
  const pull = () => {
    const folder = join(tempSpecs({}), "pulled");
    const r = runCli(["pull", folder, "--db", server.testDb().url]);
    const file = join(folder, "000_baseline.kmig");
    return { r, file, text: existsSync(file) ? readFileSync(file, "utf8") : null, folder };
  };

  it("an empty database: an empty baseline with a note, which checks, records and leaves status clean", () => {
    const { r, text, folder } = pull();
    expect(r.status).toBe(0);
    expect(text).toContain("The schema was empty: this baseline describes an empty database.");
    expect(text).toMatch(/baseline pulled version '1\.0\.0' \{\s*\}/);
    expect(runCli(["check", folder]).status).toBe(0);
    expect(runCli(["baseline", folder, "--db", server.testDb().url]).status).toBe(0);
    const status = runCli(["status", folder, "--db", server.testDb().url]);
    expect(status.stdout).toContain("no schema drift");
    expect(status.status).toBe(0);
  });

  it("a rule and a statistics object: each named as skipped, in the header and as a warning", async () => {
    await server.db().exec(`CREATE TABLE "t" ("id" integer PRIMARY KEY, "v" text); CREATE RULE "quiet" AS ON INSERT TO "t" WHERE false DO INSTEAD NOTHING; CREATE STATISTICS "t_stats" ON "id", "v" FROM "t"`);
    const { r, text, folder } = pull();
    expect(r.status).toBe(0);
    expect(text).toContain("// Skipped — kinds of object kmig neither describes nor declares");
    expect(text).toContain("//   - the rule quiet on t");
    expect(text).toContain("//   - the statistics object t_stats");
    expect(r.stderr).toContain("warning: skipped the rule quiet on t: kmig has no such kind of object");
    expect(runCli(["check", folder]).status).toBe(0);
  });

  it("a user who may not look into the schema: K9085 naming it, nothing written", async () => {
    const role = `kmig_nousage_${process.pid}`;
    await server.db().exec(`DROP ROLE IF EXISTS "${role}"; CREATE ROLE "${role}" LOGIN; REVOKE ALL ON SCHEMA public FROM PUBLIC; REVOKE ALL ON SCHEMA public FROM "${role}"`);
    try {
      const url = new URL(server.testDb().url);
      url.username = role;
      const folder = join(tempSpecs({}), "pulled");
      const r = runCli(["pull", folder, "--db", url.toString()]);
      expect(r.stderr).toContain("K9085");
      expect(r.stderr).toContain("the user may not look into the schema `public` (no USAGE privilege)");
      expect(r.status).toBe(1);
      expect(existsSync(join(folder, "000_baseline.kmig"))).toBe(false);
    } finally {
      await server.db().exec(`GRANT ALL ON SCHEMA public TO PUBLIC; DROP OWNED BY "${role}"; DROP ROLE "${role}"`);
    }
  });
});
