import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../runtime/db/open.js";
import type { Db } from "../../runtime/db/connection.js";
import { applyAll, rollbackLast } from "../runtime/support/run.js";
import { snapshotDb } from "../runtime/support/snapshot.js";
import { specFolder, type SpecFolder } from "../runtime/support/specs.js";
import { startCli } from "../runtime/support/spawn.js";
import { CITUS_BASE, CITUS_SKIP_REASON, createCitusDatabase } from "./support/citus.js";

const BASE = `baseline shop_v1 version '1' {
  create table kinds {
    id    integer primary key
    label text
  }
  create table tasks {
    id      uuid primary key
    kind_id integer references kinds (id)
    title   text
    state   text?
  }
}
`;

/**
 * Lossy mappings, so that both backfills keep a stash: on the reference table only stashed rows
 * change (the restore joins the stash); on the distributed one a many-to-one map is recomputed for
 * every row and the stash corrects the rows where that is wrong (anti-join, then join). The added
 * column makes the rollback's transaction change the schema as well as rows.
 */
const M1 = `migration m1 from '1' to '2' {
  describe 'lossy mappings on a reference and a distributed table'
  map task_state {
    new, open -> open
    paid      -> paid
    else      -> unknown
  }
  table kinds {
    label := lower(label)
  }
  table tasks {
    title := upper(title)
    state := task_state(state)
    add note text? default 'x'
  }
}
`;

/**
 * The snapshot as rollback must leave it: kmig's bookkeeping tables that apply makes once and keeps
 * (the per-shard cursors of a shard-by-shard backfill) are left out; its stashes are not.
 */
const snapshot = async (db: Db) => {
  const s = await snapshotDb(db);
  return { ...s, kmig: { ...s.kmig, relations: s.kmig.relations.filter((r) => !r.includes("shard_progress")) } };
};

const stashes = (db: Db) =>
  db.query<{ name: string; kind: string; col: string; colo: string }>(
    `SELECT c.relname AS name, t.citus_table_type AS kind, t.distribution_column AS col, t.colocation_id::text AS colo
     FROM citus_tables t JOIN pg_class c ON c.oid = t.table_name JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('kmig', 'public') ORDER BY 1`,
  );

describe.skipIf(!CITUS_BASE)(`stashes and rollback on Citus${CITUS_BASE ? "" : ` (skipped: ${CITUS_SKIP_REASON})`}`, () => {
  let cluster: Awaited<ReturnType<typeof createCitusDatabase>>;
  let db: Db;
  let spec: SpecFolder;
  beforeAll(async () => {
    cluster = await createCitusDatabase();
    db = await openDb(cluster.url);
    spec = specFolder({ "000_base.kmig": BASE, "001_m1.kmig": M1 });
    await applyAll(db, spec.plans.slice(0, 1));
    await db.exec(`
      SET client_min_messages = warning;
      SELECT create_reference_table('kinds');
      SELECT create_distributed_table('tasks', 'id', shard_count => 8);
      INSERT INTO kinds SELECT g, CASE WHEN g % 2 = 0 THEN 'Kind ' || g ELSE 'kind ' || g END FROM generate_series(1, 40) g;
      INSERT INTO tasks SELECT gen_random_uuid(), 1 + g % 40, CASE WHEN g % 3 = 0 THEN 'TITLE ' || g ELSE 'Title ' || g END,
                               (ARRAY['new', 'open', 'paid', 'weird', NULL, 'PAID'])[1 + g % 6]
                        FROM generate_series(1, 3000) g;
    `);
  }, 180_000);
  afterAll(async () => {
    spec?.remove();
    await db?.close();
    await cluster?.drop();
  });

  it("keeps each stash as its table is (distributed and colocated, reference), then rolls back to every row as it was", async () => {
    const before = await snapshot(db);
    await applyAll(db, spec.plans, { batch: { batchSize: 700, pauseMs: 0 } });
    const placed = (await stashes(db)).rows;
    const tasks = placed.find((r) => r.name === "tasks");
    expect(placed.find((r) => r.name === "stash__m1__tasks")).toEqual({ name: "stash__m1__tasks", kind: "distributed", col: "id", colo: tasks?.colo });
    expect(placed.find((r) => r.name === "stash__m1__kinds")).toMatchObject({ kind: "reference" });
    // The lossy rows really were changed, and kept.
    expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM kmig.stash__m1__tasks`)).rows[0].n).not.toBe("0");
    expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM kinds WHERE label <> lower(label)`)).rows[0].n).toBe("0");

    const r = await rollbackLast(db, spec.plans);
    expect(r.rolledBack).toEqual(["m1"]);
    expect(r.losses).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
    expect((await stashes(db)).rows.map((x) => x.name)).toEqual(["kinds", "tasks"]);
  }, 300_000);

  /** `kmig apply` killed with SIGKILL right after its `batches`-th committed backfill batch. */
  async function applyKilledAfter(batches: number): Promise<void> {
    const run = startCli(["apply", spec.dir, "--db", cluster.url, "--batch-size", "300", "--pause", "20", "--json"]);
    let seen = 0;
    await run.waitFor((e) => e.type === "backfill-progress" && ++seen >= batches);
    run.child.kill("SIGKILL");
    expect((await run.done).signal).toBe("SIGKILL");
  }

  it("a run killed half-way through the distributed backfill resumes into the stash it placed; rollback is exact", async () => {
    const before = await snapshot(db);
    await applyKilledAfter(4);
    expect((await db.query(`SELECT "state" FROM "kmig"."ledger" WHERE "id" = 'm1'`)).rows).toEqual([{ state: "applying" }]);
    expect(await applyAll(db, spec.plans, { batch: { batchSize: 300, pauseMs: 0 } })).toEqual({ applied: ["m1"] });
    expect((await stashes(db)).rows.find((r) => r.name === "stash__m1__tasks")?.kind).toBe("distributed");
    await rollbackLast(db, spec.plans);
    expect(await snapshot(db)).toEqual(before);
  }, 300_000);

  it("a run killed half-way is rolled back from where it stopped: only the batches done are restored, every row as it was", async () => {
    const before = await snapshot(db);
    await applyKilledAfter(5);
    const r = await rollbackLast(db, spec.plans);
    expect(r.rolledBack).toEqual(["m1"]);
    expect(await snapshot(db)).toEqual(before);
    expect((await stashes(db)).rows.map((x) => x.name)).toEqual(["kinds", "tasks"]);
  }, 300_000);
});
