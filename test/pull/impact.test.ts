import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";
import { pagilaDatabase } from "./support.js";

/**
 * Plan's impact report on pagila's own types (issue 14 item 5): the rows per label where a step
 * changes an enum type, the rows a domain's check rejects where a column becomes of the domain
 * (counted and named: apply would stop at the first), and where a sequence stands when a step
 * restarts it. A new constraint's breaking rows were reported before; checked here on real data.
 */
let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await pagilaDatabase("kmig_h14_impact", true);
}, 120_000);
afterAll(async () => db?.drop());

describe("plan's impact report on pagila", () => {
  it("counts rows per enum label, rows a domain rejects, a new check's breaking rows, and sequence positions", () => {
    const folder = tempSpecs({});
    runCli(["pull", folder, "--db", db.url]);
    expect(runCli(["baseline", folder, "--db", db.url]).status).toBe(0);
    writeFileSync(
      join(folder, "001_impact.kmig"),
      `migration impact from '1.0.0' to '1.1.0' {
  describe 'an unrated label, actor numbers from 500, durations as years'

  alter type mpaa_rating add value 'NR'

  alter sequence actor_actor_id_seq restart with 500

  table film {
    alter rental_duration type year
    add check (length < 180)
  }
}
`,
    );
    expect(runCli(["check", folder]).status).toBe(0);
    const plan = runCli(["plan", folder, "--db", db.url]);
    expect(plan.stdout).toContain("note: rows per label of film.rating: 'G' 25, 'NC-17' 21, 'PG-13' 20, 'PG' 17, 'R' 17");
    expect(plan.stdout).toContain("note: sequence actor_actor_id_seq stands at 200 (the next number is the one after it); the restart moves it to 500, and rollback sets it back");
    expect(plan.stdout).toContain('✗ 100 rows with a value of film.rental_duration the domain "year" rejects by its check year_check (CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))) — e.g. film_id=1; film_id=2');
    expect(plan.stdout).toContain("✗ 3 rows with a value that breaks check film_length_check ((\"length\" < 180)) on film — e.g. film_id=16; film_id=24; film_id=50");
    expect(plan.status).toBe(1);
  }, 120_000);
});
