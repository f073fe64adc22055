import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";
import { connect } from "../support/pg.js";
import { applyCleanly, dumpDatabase as dump, pagilaDatabase } from "./support.js";

/**
 * `recreate views` and `triggers fire` on pagila (test/fixtures/pagila, with its data): a type
 * change of columns that views read runs with the views dropped before and made again after
 * (rollback the same, the other way), and gives back a `pg_dump` identical to the original; without
 * `recreate views`, `check` (declared views) and `plan` (the live catalog) refuse it naming the
 * views; a dropped column cannot be made again in a view that reads it. `triggers fire` lets the
 * table's BEFORE UPDATE trigger stamp the rows kmig writes, and plan says so.
 */
let db: { url: string; name: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await pagilaDatabase("kmig_h14_views", true);
}, 120_000);
afterAll(async () => db?.drop());

const RETYPE = (recreate: boolean) => `migration wider from '1.0.0' to '1.1.0' {
  describe 'wider rates and lengths'

  table film {
${recreate ? "    recreate views\n" : ""}    alter rental_rate type numeric(6, 2)
    alter length      type integer
  }
}
`;

describe("recreate views", () => {
  it("changes the type of columns views read, views made again, and rolls back to an identical dump", async () => {
    const folder = tempSpecs({});
    runCli(["pull", folder, "--db", db.url, "--name", "pagila"]);
    expect(runCli(["baseline", folder, "--db", db.url]).status).toBe(0);
    const before = dump(db.name);
    writeFileSync(join(folder, "001_wider.kmig"), RETYPE(true));
    const check = runCli(["check", folder]);
    expect(check.stdout).toContain("0 errors"); // the safety lints warn that the type changes rewrite film
    expect(check.status).toBe(0);
    expect(runCli(["fmt", "--check", folder]).status).toBe(0);
    const plan = runCli(["plan", folder, "--db", db.url]);
    expect(plan.stdout).toContain("drops and, after the block, makes again from their definitions: view actor_info, view film_list, view nicer_but_slower_film_list, materialized view rental_by_category");
    expect(plan.stdout).toContain("no violations");
    expect(plan.status).toBe(0);
    applyCleanly(folder, db.url);
    const c = await connect(db.url);
    try {
      const t = await c.query(`SELECT format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a WHERE a.attrelid = 'film_list'::regclass AND a.attname = 'price'`);
      expect(t.rows[0].t).toBe("numeric(6,2)");
      const v = await c.query(`SELECT price::text AS p FROM film_list WHERE fid = 1 LIMIT 1`);
      expect(v.rows[0].p).toBe("0.99");
    } finally {
      await c.end();
    }
    const status = runCli(["status", folder, "--db", db.url]);
    expect(status.stdout).toContain("no schema drift");
    expect(status.status).toBe(0);
    expect(runCli(["rollback", folder, "--db", db.url]).status).toBe(0);
    expect(dump(db.name)).toEqual(before);
  }, 120_000);

  it("without it: check names the declared views, plan the live ones; a dropped column cannot be made again in a view", async () => {
    const fresh = await pagilaDatabase("kmig_h14_noviews", false);
    try {
      refusals(fresh.url);
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});

function refusals(url: string): void {
  {
    const folder = tempSpecs({});
    runCli(["pull", folder, "--db", url]);
    writeFileSync(join(folder, "001_wider.kmig"), RETYPE(false));
    const check = runCli(["check", folder]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("error[K4090]: `film.rental_rate` cannot be changed in type: view film_list, view nicer_but_slower_film_list depend on it");
    expect(check.stderr).toContain("help: say `recreate views` in the table's block");
    // The baseline without its view declarations: plan reads the catalog.
    const file = join(folder, "000_baseline.kmig");
    writeFileSync(file, readFileSync(file, "utf8").split("\n").filter((l) => !/^\s*external (materialized )?view /.test(l)).join("\n"));
    expect(runCli(["check", folder]).status).toBe(0);
    const plan = runCli(["plan", folder, "--db", url]);
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("view film_list, view nicer_but_slower_film_list depend on film.rental_rate: PostgreSQL refuses to change the type of it while they exist (K9088)");
    expect(plan.status).toBe(1);
    const drop = tempSpecs({});
    runCli(["pull", drop, "--db", url]);
    writeFileSync(join(drop, "001_drop.kmig"), `migration nolen from '1.0.0' to '1.1.0' {\n  describe 'no lengths'\n\n  table film {\n    recreate views\n    drop length\n  }\n}\n`);
    const refused = runCli(["check", drop]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("`recreate views` makes the views again from their definitions, which read the column");
  }
}

describe("triggers fire", () => {
  it("lets a table's triggers stamp the rows kmig writes, and plan says so", async () => {
    const fresh = await pagilaDatabase("kmig_h14_fire", true);
    try {
      const folder = tempSpecs({});
      runCli(["pull", folder, "--db", fresh.url]);
      expect(runCli(["baseline", folder, "--db", fresh.url]).status).toBe(0);
      writeFileSync(join(folder, "001_fire.kmig"), `migration lower from '1.0.0' to '1.1.0' {\n  describe 'lower-case names'\n\n  table actor {\n    triggers fire\n    last_name := lower(last_name)\n  }\n}\n`);
      expect(runCli(["check", folder]).status).toBe(0);
      const plan = runCli(["plan", folder, "--db", fresh.url]);
      expect(plan.stdout).toContain("triggers fire on kmig's writes (`triggers fire`): last_updated on actor");
      expect(runCli(["apply", folder, "--db", fresh.url]).status).toBe(0);
      const c = await connect(fresh.url);
      try {
        const r = await c.query(`SELECT count(*)::text AS n FROM actor WHERE last_update = timestamptz '2022-02-15 09:34:33+00'`);
        expect(r.rows[0].n).toBe("0");
      } finally {
        await c.end();
      }
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});
