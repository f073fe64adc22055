import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { connect, PG_BASE } from "../../support/pg.js";

/** Every row of `table` in the database `name`, as JSON text by id, without the one value two runs cannot share. */
export async function rowsOf(name: string, table: string): Promise<string[]> {
  const c = await connect(`${PG_BASE}/${name}`);
  // migration_date is now() of each run: the one value two runs cannot share.
  const r = await c.query(`SELECT (to_jsonb(t) #- '{metadata,migration_date}')::text AS row FROM "${table}" t ORDER BY id`);
  await c.end();
  return r.rows.map((x) => x.row as string);
}

/** Each file under `dir` (relative path) with its SHA-256: a folder compared byte for byte. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = createHash("sha256").update(readFileSync(join(d, e.name))).digest("hex");
    }
  };
  walk(dir, "");
  return out;
}
