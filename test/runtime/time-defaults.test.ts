import { afterEach, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { runCliAsync, tempSpecs } from "../support/cli.js";
import { postgresDb, type TestDb } from "./support/engines.js";

/**
 * Issue 13 items 6 and 9 on the server: a column default with date arithmetic
 * (`now() + interval '30 days'`, `current_date + 7`) is PostgreSQL's own expression, so inserts get
 * it per row; the live default reads back as the one the spec declares (no drift); a mapping with
 * interval arithmetic backfills the values PostgreSQL computes, with month ends clamped.
 */
const BASELINE = `baseline shop version '1.0.0' {
  create table orders {
    id         integer primary key
    ordered_on date
    created_at timestamptz
  }
}
`;
const MIGRATION = `migration dates from '1.0.0' to '1.1.0' {
  describe 'dates'

  table orders {
    add expires_at timestamptz default now() + interval '30 days'
    add review_on  date default current_date + 7
    add due_on     date := ordered_on + 3
    add renew_at   timestamp := ordered_on + interval '1 month'
    add overdue    boolean := created_at < timestamptz '2024-05-01 00:00' - interval '30 days'
  }
}
`;

describe("date/time defaults and mappings (server)", { timeout: 120_000 }, () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await postgresDb();
  });
  afterEach(async () => t?.drop());

  it("apply, insert through the defaults, no drift", async () => {
    const dir = tempSpecs({ "000_baseline.kmig": BASELINE, "001_dates.kmig": MIGRATION });
    expect((await runCliAsync(["apply", dir, "--db", t.url, "--to", "1.0.0"])).status).toBe(0);
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      await client.query("INSERT INTO orders VALUES (1, '2022-01-31', '2024-03-15 10:00+00'), (2, '2024-02-29', '2024-04-15 10:00+00')");
      const applied = await runCliAsync(["apply", dir, "--db", t.url]);
      expect(applied.status, applied.stderr).toBe(0);
      await client.query("SET TimeZone = 'UTC'");
      const { rows } = await client.query("SELECT id, due_on::text, renew_at::text, overdue FROM orders ORDER BY id");
      expect(rows).toEqual([
        { id: 1, due_on: "2022-02-03", renew_at: "2022-02-28 00:00:00", overdue: true },
        { id: 2, due_on: "2024-03-03", renew_at: "2024-03-29 00:00:00", overdue: false },
      ]);
      await client.query("INSERT INTO orders (id, ordered_on, created_at, due_on, renew_at, overdue) VALUES (3, '2024-01-01', now(), '2024-01-04', '2024-02-01', false)");
      const { rows: fresh } = await client.query("SELECT expires_at - now() > interval '29 days' AS later, review_on - current_date AS days FROM orders WHERE id = 3");
      expect(fresh).toEqual([{ later: true, days: 7 }]);
      const { rows: defaults } = await client.query("SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'orders' AND column_default IS NOT NULL ORDER BY column_name");
      expect(defaults).toEqual([
        { column_name: "expires_at", column_default: "(now() + '30 days'::interval)" },
        { column_name: "review_on", column_default: "(CURRENT_DATE + 7)" },
      ]);
    } finally {
      await client.end();
    }
    const status = await runCliAsync(["status", dir, "--db", t.url]);
    expect(status.stdout + status.stderr).toContain("no schema drift");
  });
});
