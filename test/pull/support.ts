import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { runCli } from "../support/cli.js";
import { connect, createTestDatabase, PG_BASE } from "../support/pg.js";

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

/** `pg_dump` of the schema and every row; rows of a table sorted (an UPDATE or a type change moves rows physically, and COPY writes them in physical order). */
export function dumpDatabase(name: string): string {
  const text = execFileSync("pg_dump", ["--no-owner", "--exclude-schema=kmig", "-d", `${PG_BASE}/${name}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).replace(/^\\(un)?restrict .*$/gm, "");
  return text.replace(/(COPY [^\n]* FROM stdin;\n)([\s\S]*?)(\n\\\.\n)/g, (_m, head: string, rows: string, tail: string) => head + rows.split("\n").sort().join("\n") + tail);
}

/** `kmig apply` of `folder` on `url`, expected to go through without a word on stderr. */
export function applyCleanly(folder: string, url: string): void {
  const apply = runCli(["apply", folder, "--db", url]);
  expect(apply.stderr).toBe("");
  expect(apply.status).toBe(0);
}
