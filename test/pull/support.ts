import { readFileSync } from "node:fs";
import { connect, createTestDatabase } from "../support/pg.js";

/** A fresh database holding pagila's schema (and its data subset with `data`), for one test file. */
export async function pagilaDatabase(prefix: string, data: boolean): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const db = await createTestDatabase(prefix);
  const c = await connect(db.url);
  try {
    await c.query(readFileSync("test/fixtures/pagila/schema.sql", "utf8"));
    if (data) await c.query(readFileSync("test/fixtures/pagila/data.sql", "utf8"));
  } finally {
    await c.end();
  }
  return db;
}
