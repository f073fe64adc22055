import { describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import type { Db } from "../../runtime/db/connection.js";
import { SILENT } from "../../runtime/events.js";
import { status } from "../../runtime/status.js";
import { freshServer } from "../runtime/support/engines.js";
import { applyAll, rollbackLast } from "../runtime/support/run.js";
import { specFolder } from "../runtime/support/specs.js";

/**
 * Triggers never break exactness: a table whose BEFORE UPDATE trigger stamps `updated_at` and
 * whose AFTER trigger writes an audit row. A backfill, a dropped column (its values restored from
 * the stash on rollback) and a type change stashing originals all write rows: after apply the
 * stamps are as they were and no audit row was written; after rollback every row is byte-identical
 * (the stamps too), and each trigger is on again in its own mode (ENABLE ALWAYS stays ALWAYS).
 */
const SQL = `
  CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10, 2) NOT NULL, note text, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE audit (id bigserial PRIMARY KEY, what text NOT NULL);
  CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;
  CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES (TG_OP || ' ' || NEW.id); RETURN NEW; END $$;
  CREATE TRIGGER items_stamp BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION stamp();
  CREATE TRIGGER items_audit AFTER UPDATE ON items FOR EACH ROW EXECUTE FUNCTION audit_row();
  ALTER TABLE items ENABLE ALWAYS TRIGGER items_audit;
  INSERT INTO items (id, name, price, note, updated_at) SELECT g, 'item ' || g, g * 1.5, CASE WHEN g % 3 = 0 THEN 'n' || g END, timestamptz '2020-01-01' + g * interval '1 hour' FROM generate_series(1, 250) g;
`;

const BASELINE = `baseline shop_v1 version '1' {
  create table items {
    id         integer        primary key
    name       text
    price      numeric(10, 2)
    note       text?
    updated_at timestamptz    default now()
  }
  create table audit {
    id   bigserial  primary key
    what text
  }
  external function stamp()
  external function audit_row()
  external trigger items_stamp on items
  external trigger items_audit on items
}
`;

const MIGRATION = `migration shop_v2 from '1' to '2' {
  describe 'names in capitals, notes gone, prices whole'
  table items {
    name := upper(name)
    drop note
    alter price type integer using to_int(price) ?? 0
  }
}
`;

async function rows(db: Db): Promise<string[]> {
  return (await db.query<{ r: string }>(`SELECT to_jsonb(i)::text AS r FROM items i ORDER BY id`)).rows.map((r) => r.r);
}

async function triggerModes(db: Db): Promise<string[]> {
  return (await db.query<{ m: string }>(`SELECT tgname || ' ' || tgenabled::text AS m FROM pg_trigger WHERE tgrelid = 'items'::regclass AND NOT tgisinternal ORDER BY 1`)).rows.map((r) => r.m);
}

describe("user triggers and kmig's own writes", () => {
  const server = freshServer();

  it("apply and rollback leave trigger-maintained columns and audit tables as they were", async () => {
    const db = server.db();
    const spec = specFolder({ "000_base.kmig": BASELINE, "001_v2.kmig": MIGRATION });
    try {
      await db.exec(SQL);
      await baseline(db, spec.plans, null, 5000, SILENT);
      const before = await rows(db);
      const modes = await triggerModes(db);
      expect(modes).toEqual(["items_audit A", "items_stamp O"]);
      await applyAll(db, spec.plans, { batch: { batchSize: 40, pauseMs: 0 } });
      const stamps = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM items WHERE updated_at = timestamptz '2020-01-01' + id * interval '1 hour' AND name = upper(name)`);
      expect(stamps.rows[0].n).toBe("250");
      expect((await db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit")).rows[0].n).toBe("0");
      expect(await triggerModes(db)).toEqual(modes);
      expect((await status(db, spec.plans)).drift).toEqual([]);
      await rollbackLast(db, spec.plans);
      expect(await rows(db)).toEqual(before);
      expect((await db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit")).rows[0].n).toBe("0");
      expect(await triggerModes(db)).toEqual(modes);
      // The triggers still work for everyone else.
      await db.query("UPDATE items SET name = 'x' WHERE id = 1");
      expect((await db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit")).rows[0].n).toBe("1");
    } finally {
      spec.remove();
    }
  });
});
