import type { Db } from "../db/connection.js";
import { RunError } from "../errors.js";
import { readSchemaObjects, serverVersion, type SchemaObjects } from "../catalog/objects.js";
import { readTables, type PulledTable } from "./read-tables.js";
import { readDomains, readEnums, readSequences, readViews, type PulledDomain, type PulledEnum, type PulledSequence, type PulledView } from "./read-objects.js";
import { refuseCitusWorker } from "../citus/coordinator-only.js";
import { readCitusTopology, type CitusTable } from "../citus/topology.js";

/** Everything `kmig pull` reads of one schema. */
export interface PulledSchema {
  readonly schema: string;
  readonly serverVersion: number;
  readonly tables: readonly PulledTable[];
  readonly sequences: readonly PulledSequence[];
  readonly enums: readonly PulledEnum[];
  readonly domains: readonly PulledDomain[];
  readonly views: readonly PulledView[];
  readonly objects: SchemaObjects;
  /** Extension-owned functions and types pull leaves to their `external extension`. */
  readonly extensionOwned: ReadonlySet<string>;
  /** How Citus spreads the schema's tables (by table name); null where the database has no Citus. */
  readonly citus: ReadonlyMap<string, CitusTable> | null;
}

/**
 * Reads a schema for `kmig pull`, in one read-only transaction (a consistent snapshot). A schema
 * that does not exist, or that the user may not look into, is K9085 naming it.
 */
export async function readDatabase(db: Db, schema: string): Promise<PulledSchema> {
  // A Citus worker's tables are shards: a baseline pulled there would describe the wrong database.
  await refuseCitusWorker(db);
  await db.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const s = await db.query<{ usage: boolean | string | null }>(`SELECT has_schema_privilege(n.oid, 'USAGE') AS usage FROM pg_namespace n WHERE n.nspname = $1`, [schema]);
    if (s.rows.length === 0) throw new RunError("K9085", `the database has no schema \`${schema}\``, "name a schema it has: `--schema public` (the default)");
    if (s.rows[0].usage === false || s.rows[0].usage === "f") {
      throw new RunError("K9085", `the user may not look into the schema \`${schema}\` (no USAGE privilege)`, `have it granted (\`GRANT USAGE ON SCHEMA "${schema}" TO <user>\`), or pull as the schema's owner`);
    }
    const objects = await readSchemaObjects(db, schema);
    const topology = await readCitusTopology(db);
    const extensionOwned = new Set([...objects.functions.filter((f) => f.extension).map((f) => `function:${f.name}(${f.args})`), ...objects.types.filter((t) => t.extension).map((t) => `type:${t.name}`)]);
    return {
      schema,
      serverVersion: await serverVersion(db),
      tables: await readTables(db, schema),
      sequences: await readSequences(db, schema),
      enums: await readEnums(db, schema),
      domains: await readDomains(db, schema),
      views: await readViews(db, schema),
      objects,
      extensionOwned,
      citus: topology ? new Map([...topology.tables.values()].filter((t) => t.schema === schema).map((t) => [t.table, t])) : null,
    };
  } finally {
    await db.query("ROLLBACK");
  }
}
