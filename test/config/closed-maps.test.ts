import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planConfigFiles } from "../../runtime/config/config-files.js";
import { compileConfigStep } from "../../runtime/config/config-transform.js";
import { ConfigInputError } from "../../runtime/config/yaml-doc.js";
import type { Db } from "../../runtime/db/connection.js";
import { RunError } from "../../runtime/errors.js";
import type { Plan } from "../../core/plan.js";
import { tempSpecs } from "../support/cli.js";
import { runnablePlans } from "../support/spec-chain.js";
import { importModuleText } from "../../compiler/emit/import-module.js";
import { postgresDb, type TestDb } from "../runtime/support/engines.js";
import { applyAll } from "../runtime/support/run.js";

/** One migration whose closed map is used by a table backfill and by a config block alike. */
const SPEC = {
  "000_base.kmig": "baseline b version '1' {\n  create table accounts {\n    id integer primary key\n    plan text\n  }\n}\n",
  "001_tiers.kmig": [
    "migration m from '1' to '2' {",
    "  describe 'closed maps'",
    "  map tier closed {",
    "    free -> 0",
    "    pro  -> 1",
    "  }",
    "  table accounts {",
    "    add tier integer? := tier(plan)",
    "  }",
    "  config 'app.yml' {",
    "    name := name",
    "    tier := tier(to_text(billing.plan))",
    "  }",
    "}",
    "",
  ].join("\n"),
};

const specs = tempSpecs(SPEC);
const plans: Plan[] = await runnablePlans(specs);
const step = plans[1].config[0];

/** The ConfigInputError a transform throws (the test fails if it does not throw one). */
function inputError(text: string): ConfigInputError {
  try {
    compileConfigStep(step).transform("app.yml", text);
  } catch (e) {
    if (e instanceof ConfigInputError) return e;
    throw e;
  }
  throw new Error("expected bad input");
}

describe("a closed map in a config mapping", () => {
  it("maps the values it lists", () => {
    expect(compileConfigStep(step).transform("app.yml", "name: a\nbilling:\n  plan: pro\n")).toBe("name: a\ntier: 1\n");
  });

  it("stops on a value it does not list, naming the file, the key path and the value's line:col", () => {
    const e = inputError("name: a\nbilling:\n  currency: eur\n  plan: gold\n");
    expect([e.file, e.keyPath, e.line, e.column]).toEqual(["app.yml", "billing.plan", 4, 9]);
    expect(e.message).toBe("the closed map `tier` does not list 'gold'");
    expect(e.help).toBe(`\`tier\` (${specs}/001_tiers.kmig:12) maps it: list the value in the map (or give the map an \`else\`), or change the file`);
  });

  it("a missing value is NULL, which a closed map does not list either (located at the nearest parent)", () => {
    const e = inputError("name: a\nbilling:\n  currency: eur\n");
    expect(e.message).toBe("the closed map `tier` does not list NULL");
    expect([e.keyPath, e.line, e.column]).toEqual(["billing.plan", 3, 3]);
  });

  it("through apply's file planning: a K9401 run error with file:line:col, and no file is written", () => {
    const src = tempSpecs({ "app.yml": "name: a\nbilling: { plan: 'gold' }\n" });
    const out = tempSpecs({});
    expect(() => planConfigFiles(plans, src, out)).toThrow(ConfigInputError);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe("SQL and JavaScript agree on a closed map's unlisted value", () => {
  let t: TestDb;
  let db: Db;
  beforeAll(async () => {
    t = await postgresDb();
    db = await t.open();
  });
  afterAll(async () => {
    await db?.close();
    await t?.drop();
  });

  it("both stop with the same message for a row value and for a file value; apply changes nothing", async () => {
    const jsMap = (await importModuleText(`export const tier = ${step.maps.tier};`)).tier as (v: unknown) => unknown;
    expect(jsMap("free")).toBe(0);
    expect(() => jsMap("gold")).toThrow("kmig: the closed map tier does not list 'gold'");
    expect(() => jsMap(undefined)).toThrow("kmig: the closed map tier does not list NULL");
    expect(() => jsMap("it's")).toThrow("kmig: the closed map tier does not list 'it''s'");

    await applyAll(db, plans.slice(0, 1));
    await db.exec("INSERT INTO accounts VALUES (1, 'free'), (2, 'gold')");
    const sqlError = await applyAll(db, plans).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sqlError).toBeInstanceOf(RunError);
    expect((sqlError as RunError).message).toContain("kmig: the closed map tier does not list 'gold'");
    expect((sqlError as RunError).message).not.toContain("invalid input syntax");
    expect((sqlError as RunError).help).toContain("give the map an `else`");
    expect((await db.query<{ plan: string }>("SELECT plan FROM accounts ORDER BY id")).rows.map((r) => r.plan)).toEqual(["free", "gold"]);

    await db.exec("UPDATE accounts SET plan = 'pro' WHERE id = 2");
    const src = tempSpecs({ "app.yml": "name: a\nbilling:\n  plan: gold\n" });
    const out = tempSpecs({});
    const fileError = await applyAll(db, plans, { config: { from: src, to: out } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(fileError).toBeInstanceOf(RunError);
    expect((fileError as RunError).code).toBe("K9401");
    expect((fileError as RunError).message).toBe(`${join(src, "app.yml")}:3:9 (key \`billing.plan\`): the closed map \`tier\` does not list 'gold'`);
    expect(readdirSync(out)).toEqual([]);
    const columns = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'tier'");
    expect(columns.rows[0].n).toBe("0");
  });
});
