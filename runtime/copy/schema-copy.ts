import { join } from "node:path";
import type pg from "pg";
import { connectPgClient } from "../db/postgres.js";
import { RunError } from "../errors.js";
import { readSchemaSql, unsupportedObjects } from "./dump-schema.js";
import { findDumpTools, runTool } from "./dump-tools.js";
import { RESTORE_SETTINGS } from "./own-dump.js";
import type { ServerSide } from "./server-side.js";
import { COPY_SCHEMA } from "./target-database.js";

/**
 * How copy mode copies the schema, in pg_restore's two halves: `pre` (types, tables, functions)
 * before the rows, `post` (indexes, constraints, foreign keys, triggers) after them, each in one
 * transaction on the target. By pg_dump/pg_restore where they are installed and can read the
 * source's server; else from the source's catalog (dump-schema.ts), which describes the objects
 * Keiko-like databases have and refuses the others up front (K9540).
 */
export interface SchemaCopy {
  readonly by: "pg_dump" | "catalog";
  pre(): Promise<void>;
  post(): Promise<void>;
}

/** pg_dump and pg_restore if they are installed and at least as new as the source's server; else null. */
export function schemaTools(sourceMajor: number): { pgDump: string; pgRestore: string } | null {
  const t = findDumpTools();
  return t.pgDump && t.pgRestore && t.pgDump.major >= sourceMajor ? { pgDump: t.pgDump.path, pgRestore: t.pgRestore.path } : null;
}

/** Without the tools, a source with objects the catalog reader cannot describe is refused (before anything is written). */
export async function checkCatalogCopyable(source: pg.Client, where: string, sourceMajor: number): Promise<void> {
  if (schemaTools(sourceMajor)) return;
  const u = await unsupportedObjects(source);
  if (u.length > 0) {
    throw new RunError("K9540", `pg_dump is not installed (or older than PostgreSQL ${sourceMajor}), and kmig cannot copy every object of ${where} without it: it has ${u.join(", ")}`, `install PostgreSQL's client tools, version ${sourceMajor} or newer (Debian: postgresql-client-${sourceMajor}), or set KMIG_PG_DUMP and KMIG_PG_RESTORE to their paths; nothing was written`);
  }
}

/**
 * The schema copy for one run: `coordinator` is the source session in the snapshot the copy
 * shares (pg_dump is given the snapshot; the catalog is read in it), `dir` a scratch folder.
 */
export async function openSchemaCopy(source: ServerSide, target: ServerSide, coordinator: pg.Client, snapshot: string, sourceMajor: number, dir: string): Promise<SchemaCopy> {
  const tools = schemaTools(sourceMajor);
  if (tools) {
    const archive = join(dir, "schema.dump");
    await runTool(tools.pgDump, ["--format=custom", "--schema-only", `--snapshot=${snapshot}`, `--exclude-schema=${COPY_SCHEMA}`, "--file", archive, "--dbname", source.dumpArg], "dumping the source's schema", "check that pg_dump can read every object of the source (its user needs SELECT on every table); nothing was written");
    const restore = (section: string, what: string, help: string) => runTool(tools.pgRestore, [`--section=${section}`, "--single-transaction", "--exit-on-error", "--dbname", target.dumpArg, archive], what, help);
    return {
      by: "pg_dump",
      pre: () => restore("pre-data", "creating the schema in the target", PRE_HELP),
      post: () => restore("post-data", "creating the target's indexes, constraints and triggers", POST_HELP),
    };
  }
  await coordinator.query("SET LOCAL search_path = pg_catalog");
  const schema = await readSchemaSql(coordinator);
  if (schema.unsupported.length > 0) throw new RunError("K9540", `kmig cannot copy every object of ${source.where} without pg_dump: it has ${schema.unsupported.join(", ")}`, "install PostgreSQL's client tools (pg_dump, pg_restore); the target keeps what was copied");
  return {
    by: "catalog",
    pre: () => runOnTarget(target, schema.pre, "creating the schema in the target", PRE_HELP),
    post: () => runOnTarget(target, schema.post, "creating the target's indexes, constraints and triggers", POST_HELP),
  };
}

const PRE_HELP = "the target's server must have every role, extension and collation the source's schema uses; the target was left as it was before this step";
const POST_HELP = "the rows are copied and kept: fix the cause and run the command again to resume";

/** The statements in one transaction on the target, under pg_restore's session settings. */
async function runOnTarget(target: ServerSide, statements: readonly string[], what: string, help: string): Promise<void> {
  const c = (await connectPgClient(target.server, "kmig apply (copy)", target.where)).client;
  try {
    await c.query("BEGIN");
    await c.query(`${RESTORE_SETTINGS.join("\n")}\n${statements.join("\n")}`);
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    const m = (e as Error).message;
    throw new RunError("K9505", `${what} failed: ${m}`, help, null, m);
  } finally {
    await c.end().catch(() => undefined);
  }
}
