import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { liveLints, liveServer } from "../../cli/live-lints.js";
import { sizedLevel, DEFAULT_SIZE_THRESHOLDS } from "../../compiler/lint/live-size.js";
import { freshServer } from "../runtime/support/engines.js";
import { applyAll } from "../runtime/support/run.js";
import { SHOP_BASELINE, shopMigration } from "../runtime/support/shop.js";
import { specFolder, type SpecFolder } from "../runtime/support/specs.js";
import { runCli } from "../support/cli.js";

/**
 * The safety lints `kmig plan` and `kmig apply` run against the live server (cli/live-lints.ts):
 * its PostgreSQL version, and each lock, scan or rewrite lint graded by its table's live size —
 * dropped below kmig.yaml's `lint-ignore-below-rows`, a note below `lint-note-below-rows`, a
 * warning above. Sizes are the server's estimates (ANALYZE), as PostgreSQL keeps them.
 */

const MIGRATION = shopMigration("  table orders { index orders_amount_idx (amount) }");
const YAML = "lint-ignore-below-rows: 10\nlint-note-below-rows: 100\n";

describe("live safety lints (PostgreSQL server)", () => {
  const server = freshServer();
  let spec: SpecFolder;
  beforeEach(() => {
    spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": MIGRATION, "kmig.yaml": YAML });
  });
  afterEach(() => spec?.remove());

  async function withOrders(n: number): Promise<void> {
    const db = server.db();
    await applyAll(db, spec.plans.slice(0, 1));
    await db.query(`INSERT INTO orders (id, customer_id, amount, state) SELECT g, g, g, 'new' FROM generate_series(1, $1::int) g`, [n]);
    await db.query("ANALYZE orders");
  }

  it("reads the server's major version and the tables' estimated sizes", async () => {
    await withOrders(50);
    const live = await liveServer(server.db());
    const v = Number((await server.db().query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
    expect(live.pgVersion).toBe(Math.min(18, Math.floor(v / 10000)));
    expect(live.sizes.get("orders")?.rows).toBe(50);
    expect(live.sizes.get("customers")?.rows ?? 0).toBe(0);
  });

  it("a lint on a table below lint-ignore-below-rows is dropped", async () => {
    await withOrders(5);
    expect(await liveLints(server.db(), spec.dir)).toEqual([]);
  });

  it("below lint-note-below-rows it is a note, above a warning", async () => {
    await withOrders(50);
    const small = await liveLints(server.db(), spec.dir);
    expect(small.map((d) => [d.code, d.severity])).toEqual([["K5001", "note"]]);
    await server.db().query(`INSERT INTO orders (id, customer_id, amount, state) SELECT g, g, g, 'new' FROM generate_series(51, 500) g`);
    await server.db().query("ANALYZE orders");
    const big = await liveLints(server.db(), spec.dir);
    expect(big.map((d) => [d.code, d.severity, d.primary.span.start > 0])).toEqual([["K5001", "warning", true]]);
  });

  it("kmig plan prints them before the plan; applied migrations are not linted again", async () => {
    await withOrders(500);
    const r = runCli(["plan", spec.dir, "--db", server.testDb().url]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning\[K5001\]: building index `orders_amount_idx` without CONCURRENTLY/);
    await applyAll(server.db(), spec.plans);
    expect(await liveLints(server.db(), spec.dir)).toEqual([]);
  });
});

describe("severity by size", () => {
  const t = DEFAULT_SIZE_THRESHOLDS;
  const sizes = new Map([
    ["tiny", { rows: 10, bytes: 8192 }],
    ["mid", { rows: 5000, bytes: 500_000 }],
    ["big", { rows: 3_000_000, bytes: 300_000_000 }],
    ["unknown", { rows: null, bytes: 80_000_000 }],
  ]);
  it("drops, notes or keeps a size-bound lint; leaves the others and unknown sizes alone", () => {
    expect(sizedLevel("K5001", "tiny", sizes, t)).toBe("off");
    expect(sizedLevel("K5001", "mid", sizes, t)).toBe("note");
    expect(sizedLevel("K5001", "big", sizes, t)).toBeNull();
    expect(sizedLevel("K5001", "unknown", sizes, t)).toBeNull();
    expect(sizedLevel("K5001", "created_later", sizes, t)).toBe("off");
    expect(sizedLevel("K5015", "tiny", sizes, t)).toBeNull();
    expect(sizedLevel("K5001", null, sizes, t)).toBeNull();
  });
});
