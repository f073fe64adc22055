import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCliAsync } from "../support/cli.js";
import { createTestDatabase, PG_BASE } from "../support/pg.js";

/**
 * Golden tests of the runtime's and the command line's errors as users see them: each
 * `run-errors/<case>/command.txt` holds a kmig command line (one argument per line), run from the
 * repository's root, and `expected.txt` what it prints on stderr and its exit code. In the
 * arguments, `{dir}` is the case's folder, `$DB` a fresh database on the test server, `$PG` the
 * server's URL and `$PG_USER(name)` the server's URL with another user; in the output they are
 * written back as placeholders, so that the files do not depend on the machine.
 * `KMIG_UPDATE=1 npx vitest run test/golden/run-errors.test.ts` rewrites them; review the diff.
 */

const ROOT = "test/golden/run-errors";
const UPDATE = process.env.KMIG_UPDATE === "1";
const cases = readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** The server's URL with another user in it. */
const withUser = (user: string) => PG_BASE.replace(/\/\/[^@/]*@/, `//${user}@`);

function expand(arg: string, dir: string, dbUrl: string): string {
  return arg
    .replace("{dir}", dir)
    .replace("$DB", dbUrl)
    .replace(/\$PG_USER\((\w+)\)/, (_, user: string) => withUser(user))
    .replace("$PG", PG_BASE);
}

/** The output with the machine's URLs written back as the placeholders of command.txt. */
function placeholders(text: string, dbUrl: string): string {
  return text.split(dbUrl).join("$DB").split(withUser("kmig_no_such_role")).join("$PG_USER(kmig_no_such_role)").split(PG_BASE).join("$PG");
}

describe("golden run errors", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  for (const name of cases) {
    it(name, async () => {
      // Each case on a database of its own state: an empty one (a case that writes leaves its rows).
      const fresh = await createTestDatabase("kmig_golden");
      try {
        const dir = join(ROOT, name);
        const args = readFileSync(join(dir, "command.txt"), "utf8").trimEnd().split("\n").map((a) => expand(a, dir, fresh.url));
        const r = await runCliAsync(args, { timeoutMs: 120_000 });
        const actual = placeholders(`$ kmig ${readFileSync(join(dir, "command.txt"), "utf8").trimEnd().split("\n").join(" ")}\n${r.stderr}exit ${r.status}\n`, fresh.url);
        const path = join(dir, "expected.txt");
        if (UPDATE) {
          if (!existsSync(path) || readFileSync(path, "utf8") !== actual) writeFileSync(path, actual);
          return;
        }
        expect(existsSync(path), `${path} is missing; run KMIG_UPDATE=1 npx vitest run test/golden/run-errors.test.ts`).toBe(true);
        expect(actual).toBe(readFileSync(path, "utf8"));
        expect(actual).not.toMatch(/K8001/);
      } finally {
        await fresh.drop();
      }
    }, 150_000);
  }
});
