import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";
import { connect } from "../support/pg.js";
import { applyCleanly, dumpDatabase as dump, pagilaDatabase } from "./support.js";

/**
 * Adopting kmig on pagila with its data (test/fixtures/pagila): pull, baseline, then a migration
 * over tables its views read and its BEFORE UPDATE triggers stamp — a rename the views follow, a
 * jsonb document built from several columns, a recomputed column, an index. `plan` exits 0 and
 * names the triggers it switches off; apply gives the values; `status` is clean; rollback gives
 * back a `pg_dump` of the schema and every row identical to the original (`last_update` stamps
 * included). A drop that views depend on is refused by `check` (declared views) and by `plan`
 * (from the live catalog, for views the spec does not declare), naming them.
 */
let db: { url: string; name: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await pagilaDatabase("kmig_h14_migrate", true);
}, 120_000);
afterAll(async () => db?.drop());

const MIGRATION = `migration pagila_v2 from '1.0.0' to '1.1.0' {
  describe 'audiences, late returns, given names, contact documents, upper-case last names'

  map audience: mpaa_rating -> text closed {
    G       -> general
    PG      -> guidance
    'PG-13' -> teens
    R       -> restricted
    'NC-17' -> adults
  }

  table film {
    add audience text? := audience(rating)
    index film_audience_idx (audience)
  }

  table rental {
    add returned_late boolean? := return_date > rental_date + interval '5 days'
  }

  table actor {
    rename first_name -> given_name
    last_name := upper(last_name)
    index actor_given_name_idx (given_name)
  }

  table address {
    add contact jsonb? := { phone: phone, district: district, postal_code: postal_code }
    index address_contact_idx using gin (contact)
  }
}
`;

describe("a migration on pagila", () => {
  it("plans, applies, stays clean and rolls back to an identical dump", async () => {
    const folder = tempSpecs({});
    runCli(["pull", folder, "--db", db.url]);
    expect(runCli(["baseline", folder, "--db", db.url]).status).toBe(0);
    const before = dump(db.name);
    writeFileSync(join(folder, "001_pagila_v2.kmig"), MIGRATION);
    expect(runCli(["check", folder]).status).toBe(0);
    const plan = runCli(["plan", folder, "--db", db.url]);
    expect(plan.stdout).toContain("user triggers switched off while kmig writes the rows (they would change columns the spec does not touch): last_updated on actor");
    expect(plan.status).toBe(0);
    applyCleanly(folder, db.url);
    const c = await connect(db.url);
    try {
      const a = await c.query(`SELECT given_name, last_name, last_update::text AS stamp FROM actor WHERE actor_id = 1`);
      expect(a.rows[0]).toEqual({ given_name: "PENELOPE", last_name: "GUINESS", stamp: "2022-02-15 09:34:33+00" });
      const stamps = await c.query(`SELECT count(*)::text AS n FROM actor WHERE last_update <> timestamptz '2022-02-15 09:34:33+00'`);
      expect(stamps.rows[0].n).toBe("0");
      const films = await c.query(`SELECT rating::text AS r, audience FROM film WHERE film_id IN (1, 2, 3) ORDER BY film_id`);
      expect(films.rows).toEqual([{ r: "PG", audience: "guidance" }, { r: "G", audience: "general" }, { r: "NC-17", audience: "adults" }]);
      const late = await c.query(`SELECT count(*) FILTER (WHERE returned_late)::text AS late, count(*) FILTER (WHERE returned_late IS NULL)::text AS open FROM rental`);
      expect(late.rows[0]).toEqual({ late: "144", open: "0" });
      const addr = await c.query(`SELECT contact::text AS c FROM address WHERE address_id = 3`);
      expect(JSON.parse(addr.rows[0].c)).toEqual({ phone: "14033335568", district: "Alberta", postal_code: "" });
      // The view follows the renamed column.
      const view = await c.query(`SELECT first_name FROM actor_info WHERE actor_id = 1`);
      expect(view.rows[0].first_name).toBe("PENELOPE");
    } finally {
      await c.end();
    }
    const status = runCli(["status", folder, "--db", db.url]);
    expect(status.stdout).toContain("no schema drift");
    expect(status.status).toBe(0);
    const rollback = runCli(["rollback", folder, "--db", db.url]);
    expect(rollback.status).toBe(0);
    expect(dump(db.name)).toEqual(before);
  }, 120_000);

  it("refuses a drop that views depend on: check for declared views, plan from the catalog", async () => {
    const fresh = await pagilaDatabase("kmig_h14_drop", false);
    try {
      await dropScenario(fresh.url);
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});

async function dropScenario(url: string): Promise<void> {
  {
    const folder = tempSpecs({});
    runCli(["pull", folder, "--db", url]);
    writeFileSync(join(folder, "001_phones.kmig"), `migration phones from '1.0.0' to '1.1.0' {\n  describe 'phones go'\n  table address {\n    drop phone\n  }\n}\n`);
    const check = runCli(["check", folder]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("error[K4090]: `address.phone` cannot be dropped: view customer_list, view staff_list depend on it");
    // The same chain without the view declarations, on a database of its own: plan reads the catalog.
    const bare = tempSpecs({});
    const text = runCli(["pull", bare, "--db", url, "--force"]).status;
    expect(text === 0 || text === 1).toBe(true);
    const file = join(bare, "000_baseline.kmig");
    writeFileSync(file, readFileSync(file, "utf8").split("\n").filter((l) => !/^\s*external (materialized )?view /.test(l)).join("\n"));
    writeFileSync(join(bare, "001_phones.kmig"), readFileSync(join(folder, "001_phones.kmig"), "utf8"));
    expect(runCli(["check", bare]).status).toBe(0);
    const plan = runCli(["plan", bare, "--db", url]);
    expect(plan.stdout).toContain("view customer_list, view staff_list depend on address.phone: PostgreSQL refuses to drop it while they exist (K9088)");
    expect(plan.status).toBe(1);
  }
}
