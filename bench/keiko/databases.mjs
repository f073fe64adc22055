// The benchmark's databases: one generated v1 template, and identical copies of it made by
// `CREATE DATABASE … TEMPLATE` (file copy: much faster than re-generating, byte-identical).

import pg from "pg";
import { v1LoadStatements } from "./v1-data.mjs";

/** `postgres://…/name` from the server URL. */
export const urlOf = (server, name) => `${server.replace(/\/+$/, "")}/${name}`;

/** A connected client to database `name`; the caller ends it. */
export async function connect(server, name) {
  const c = new pg.Client({ connectionString: urlOf(server, name) });
  await c.connect();
  return c;
}

/** Runs `fn(client)` on a fresh connection to `name`, closing it afterwards. */
export async function withDb(server, name, fn) {
  const c = await connect(server, name);
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const q = (name) => `"${name.replace(/"/g, '""')}"`;

export async function dropDb(server, name) {
  await withDb(server, "postgres", (c) => c.query(`DROP DATABASE IF EXISTS ${q(name)} WITH (FORCE)`));
}

/** A copy of `template` named `name` (replacing any old one). */
export async function copyDb(server, template, name) {
  await dropDb(server, name);
  // FILE_COPY: a checkpoint and a file copy, instead of writing the whole copy through the WAL.
  await withDb(server, "postgres", (c) => c.query(`CREATE DATABASE ${q(name)} TEMPLATE ${q(template)} STRATEGY FILE_COPY`));
}

/** Creates database `name` holding generated v1 data of `counts`, vacuumed and analysed as a live one would be. */
export async function createV1(server, name, counts, keys) {
  await dropDb(server, name);
  await withDb(server, "postgres", (c) => c.query(`CREATE DATABASE ${q(name)}`));
  await withDb(server, name, async (c) => {
    for (const sql of v1LoadStatements(counts, keys)) await c.query(sql);
    await c.query("VACUUM (ANALYZE)");
  });
}

/** Writes dirty buffers out now, so that a timed run does not pay for the previous one's writes. */
export async function checkpoint(server) {
  await withDb(server, "postgres", (c) => c.query("CHECKPOINT"));
}
