import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { freshServer, resetDatabase, sharedPglite } from "./support/engines.js";
import { applyAll, rollbackLast } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder } from "./support/specs.js";
import { runCli } from "../support/cli.js";

/**
 * Issue 13 item 5: columns of types kmig does not model (ranges built in; ltree and citext from
 * contrib on the server) are created, copied, compared, converted, dropped — and rollback brings
 * every value back, the dropped column's included.
 */

const BUILT_IN = {
  base: `baseline stays version '1.0.0' {
  create table stays {
    id     integer primary key
    stay   tstzrange?
    days   daterange
    lsn    pg_lsn?
    spans  int4range  default 'empty'
  }
}
`,
  migration: `migration copy_stays from '1.0.0' to '1.1.0' {
  describe 'copies and compares opaque values'
  table stays {
    add stay_copy tstzrange? := stay
    add same boolean? := stay == stay
    add days_text text := to_text(days)
    add days_json jsonb := to_json(days)
    add since daterange := '[2024-01-01,)'
    drop lsn
  }
}
`,
  rows: `INSERT INTO "stays" (id, stay, days, lsn) VALUES (1, '[2020-01-01 00:00+00,2021-01-01 00:00+00)', '[2020-01-01,2020-02-01)', '16/B374D848'), (2, NULL, 'empty', NULL)`,
};

async function roundTrip(db: Db, spec: { base: string; migration: string; rows: string; setup?: string }, check: (db: Db, dir: string) => Promise<void>): Promise<void> {
  const folder = specFolder({ "000_base.kmig": spec.base, "001_m.kmig": spec.migration });
  try {
    if (spec.setup) await db.exec(spec.setup);
    await applyAll(db, folder.plans, { to: "1.0.0" });
    await db.exec(spec.rows);
    const before = await snapshotDb(db);
    await applyAll(db, folder.plans);
    await check(db, folder.dir);
    await rollbackLast(db, folder.plans);
    const after = await snapshotDb(db);
    expect({ ...after, kmig: null }).toEqual({ ...before, kmig: null });
  } finally {
    folder.remove();
  }
}

async function builtInRanges(db: Db): Promise<void> {
  await roundTrip(db, BUILT_IN, async (d) => {
    // kmig's `==` is NULL-safe (IS NOT DISTINCT FROM): two NULLs are equal.
    const rows = (await d.query(`SELECT id, stay_copy::text AS stay_copy, same, days_text, days_json, since::text AS since, spans::text AS spans FROM "stays" ORDER BY id`)).rows;
    expect(rows).toEqual([
      { id: "1", stay_copy: '["2020-01-01 00:00:00+00","2021-01-01 00:00:00+00")', same: "t", days_text: "[2020-01-01,2020-02-01)", days_json: '"[2020-01-01,2020-02-01)"', since: "[2024-01-01,)", spans: "empty" },
      { id: "2", stay_copy: null, same: "t", days_text: "empty", days_json: '"empty"', since: "[2024-01-01,)", spans: "empty" },
    ]);
  });
}

describe("opaque types (PostgreSQL server)", () => {
  const server = freshServer();

  it("built-in ranges and pg_lsn: copied, compared, converted, dropped; rollback restores every value", () => builtInRanges(server.db()));

  it("kmig test generates values of the built-in opaque types (as PostgreSQL prints them): SQL agrees with JS, rollback is exact", () => {
    const folder = specFolder({ "000_base.kmig": BUILT_IN.base, "001_m.kmig": BUILT_IN.migration });
    try {
      const r = runCli(["test", folder.dir, "--runs", "20", "--seed", "7", "--db", server.testDb().url], { timeoutMs: 120_000 });
      expect(r.stdout).toMatch(/✓ copy_stays: forward is total, SQL agrees with JS, rollback is exact \(stays\) — 20 runs, \d+ rows/);
      expect(r.status).toBe(0);
    } finally {
      folder.remove();
    }
  });

  it("extension types (ltree, citext) and a schema-qualified enum: the same, and status sees no drift", async () => {
    const spec = {
      setup: `CREATE EXTENSION IF NOT EXISTS ltree; CREATE EXTENSION IF NOT EXISTS citext; CREATE TYPE public.mood AS ENUM ('calm', 'loud')`,
      base: `baseline places version '1.0.0' {
  external extension ltree
  external extension citext
  external type mood
  create table places {
    id     integer primary key
    path   ltree?
    email  citext
    mood   public.mood?
  }
}
`,
      migration: `migration copy_places from '1.0.0' to '1.1.0' {
  describe 'copies ltree and citext'
  table places {
    add path_copy ltree? := path
    add mood_copy public.mood? := mood
    add email_text text := to_text(email)
    add same_email boolean := email == email
    drop path
  }
}
`,
      rows: `INSERT INTO "places" VALUES (1, 'top.science.astronomy', 'Ada@Example.org', 'calm'), (2, NULL, 'bob@example.org', NULL)`,
    };
    await roundTrip(server.db(), spec, async (d, dir) => {
      const status = runCli(["status", dir, "--db", server.testDb().url]);
      expect(status.stdout + status.stderr).toContain("no schema drift");
      expect(status.status).toBe(0);
      const rows = (await d.query(`SELECT id, path_copy::text AS p, mood_copy::text AS m, email_text, same_email FROM "places" ORDER BY id`)).rows;
      expect(rows).toEqual([
        { id: "1", p: "top.science.astronomy", m: "calm", email_text: "Ada@Example.org", same_email: "t" },
        { id: "2", p: null, m: null, email_text: "bob@example.org", same_email: "t" },
      ]);
      const types = (await d.query(`SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = '"places"'::regclass AND attname IN ('path_copy', 'mood_copy') ORDER BY 1`)).rows;
      expect(types).toEqual([
        { attname: "mood_copy", t: "mood" },
        { attname: "path_copy", t: "ltree" },
      ]);
    });
  });
});

describe("opaque types (PGlite)", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));

  it("built-in ranges and pg_lsn: copied, compared, converted, dropped; rollback restores every value", () => builtInRanges(pglite.db()));
});
