import type { Db } from "./db/connection.js";
import { expectedSchema } from "./expected-schema.js";
import { diffSchemas, snapshotSchema } from "./introspect.js";
import { externalProblem, externalRelations, externalsOf } from "./catalog/check-externals.js";
import { readSchemaObjects } from "./catalog/objects.js";
import type { Plan } from "../core/plan.js";

/**
 * Every difference between what `plans` say the live schema is and what it is, one line each:
 * tables and sequences compared part by part (relations declared `external` left alone), and each
 * external object checked to exist. `only: "baseline"` compares only the tables the plans name
 * (recording a baseline on a database that has more is allowed).
 */
export async function schemaDrift(db: Db, plans: readonly Plan[], only: "baseline" | null): Promise<string[]> {
  const externals = externalsOf(plans);
  // `kmig baseline` keeps the replay for later `status` runs (see expectedSchema).
  const expected = await expectedSchema(db, plans, only === "baseline");
  await db.query("BEGIN");
  try {
    const actual = await snapshotSchema(db, "public");
    const objects = externals.length > 0 ? await readSchemaObjects(db, "public") : null;
    const drift = diffSchemas(expected, actual, only ? new Set(Object.keys(expected.tables)) : null, externalRelations(externals));
    for (const d of externals) {
      const problem = objects && externalProblem(objects, d);
      if (problem) drift.push(problem);
    }
    return drift;
  } finally {
    await db.query("ROLLBACK");
  }
}
