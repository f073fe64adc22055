import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { openMemoryPglite } from "../../runtime/db/pglite.js";
import { olderTarget } from "../../runtime/copy/server-side.js";
import { connect, PG_BASE } from "../support/pg.js";

/**
 * A copy into a server of an older PostgreSQL major than the source's is refused (K9504) before
 * anything is written. Copy mode reads and writes PostgreSQL servers only (an embedded PGlite on
 * either side is refused with K9501), and this machine has one server (PostgreSQL 15): so the
 * check is exercised over the real `server_version_num` of both engines here — PGlite's (18.x
 * with the PGlite kmig ships now) as the source, the server's 15 as the target — and, as a law, over every pair of versions.
 * preflightCopy calls this same function before the backup and before the target is created.
 */
let pglite = 0;
let server = 0;

beforeAll(async () => {
  const db = await openMemoryPglite();
  try {
    pglite = Number((await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
  } finally {
    await db.close();
  }
  const c = await connect(`${PG_BASE}/postgres`);
  server = Number((await c.query("SHOW server_version_num")).rows[0].server_version_num);
  await c.end();
}, 120_000);


describe("a target on an older PostgreSQL major than the source", () => {
  it("PGlite (PostgreSQL 17 or newer) as the source, the server (PostgreSQL 15) as the target: refused with K9504", () => {
    const [newer, older] = [Math.floor(pglite / 10000), Math.floor(server / 10000)];
    expect(newer).toBeGreaterThan(older);
    const e = olderTarget(pglite, server);
    expect(e?.code).toBe("K9504");
    expect(e?.message).toBe(`the target's server runs PostgreSQL ${older}, older than the source's (${newer})`);
    expect(e?.help).toMatch(/nothing was written/);
  });

  it("the same major (another minor) or a newer one is accepted", () => {
    expect(olderTarget(server, server)).toBeNull();
    expect(olderTarget(server, server + 3)).toBeNull();
    expect(olderTarget(server + 3, server)).toBeNull();
    expect(olderTarget(server, pglite)).toBeNull();
  });

  it("law: refused exactly when the target's major is below the source's", () => {
    const version = fc.tuple(fc.integer({ min: 10, max: 30 }), fc.integer({ min: 0, max: 9999 })).map(([major, minor]) => major * 10000 + minor);
    fc.assert(
      fc.property(version, version, (s, t) => {
        const refused = olderTarget(s, t) !== null;
        expect(refused).toBe(Math.floor(t / 10000) < Math.floor(s / 10000));
      }),
    );
  });
});
