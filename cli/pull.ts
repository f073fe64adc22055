import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { openDb } from "../runtime/db/open.js";
import { RunError } from "../runtime/errors.js";
import { readDatabase } from "../runtime/pull/read-database.js";
import { parseCommandArgs } from "./args.js";
import { UsageError } from "./files.js";
import { printerFor } from "./printer.js";
import { dbTarget, lockPolicy } from "./run-options.js";
import { reporterFor } from "./reporter.js";
import { withRunErrors } from "./with-run-errors.js";
import { formatPulled, languageSupport } from "./pull/format-pulled.js";
import { baselineText } from "./pull/write-baseline.js";

export const PULL_HELP = `kmig pull <folder> --db URL [--name N] [--version V] [--schema S] [--force]

Writes <folder>/000_baseline.kmig describing the live database in kmig's own items: tables with
their columns, keys, constraints, indexes and comments, sequences (serial columns as serial),
enum types and domains; every object kmig does not model (views, materialized views, partitions,
functions, triggers, extensions, policies) is declared \`external\`, so that \`kmig baseline\`
accepts the file and \`kmig status\` is clean right after. Tables kmig could describe but does not
(partitioned tables and their partitions, tables with types it cannot say) are declared \`external\`
too, with the reason in the file's header. What the file leaves out altogether is listed in its
header and as warnings (exit 1); the file never says more than the database has.

Options:
  --db URL             the database (as for every database command; else DATABASE_URL)
  --name N             the baseline's id (default: the folder's name, as an identifier)
  --version V          the baseline's version (default 1.0.0)
  --schema S           the schema to describe (default public; kmig specs describe one schema)
  --force              overwrite an existing 000_baseline.kmig
  --json               JSON events on stdout`;

const OPTIONS = {
  db: { type: "string" },
  name: { type: "string" },
  version: { type: "string" },
  schema: { type: "string", multiple: true },
  force: { type: "boolean" },
  json: { type: "boolean" },
  "lock-timeout": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export async function runPull(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("pull", argv, OPTIONS);
  if (values.help) {
    process.stdout.write(PULL_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "kmig pull needs the folder to write the baseline into" : "kmig pull takes one folder", "kmig pull <folder> --db URL");
  const folder = positionals[0];
  const schemas = values.schema ?? ["public"];
  if (schemas.length !== 1 || schemas[0] !== "public") {
    throw new UsageError(`--schema ${schemas.join(", ")}: kmig specs describe the schema public`, "pull the schema public (the default); a spec for another schema is not supported yet");
  }
  const file = join(folder, "000_baseline.kmig");
  if (existsSync(file) && !values.force) throw new UsageError(`${file} already exists`, "give --force to overwrite it (or pull into another folder)", "K9086");
  const target = dbTarget(values.db);
  const out = printerFor(values.json ?? false);
  const reporter = reporterFor(values.json ?? false);
  const name = values.name ?? identifierOf(basename(resolve(folder)));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--name ${name}: a baseline's id is an identifier`, "letters, digits and _, not starting with a digit");
  const version = values.version ?? "1.0.0";
  return withRunErrors(out, reporter, target.where, async () => {
    const started = Date.now();
    const db = await openDb(target, { command: "kmig pull", lockTimeoutMs: lockPolicy(values).lockTimeoutMs });
    let pulled;
    try {
      pulled = await readDatabase(db, schemas[0]);
    } finally {
      await db.close();
    }
    const text = baselineText(pulled, name, version, languageSupport());
    const when = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const formatted = formatPulled(text, { where: target.where, schema: schemas[0], when, serverVersion: pulled.serverVersion });
    if (formatted.errors.length > 0) {
      throw new RunError("K8001", "kmig pull wrote a baseline that kmig cannot read back", "this is a bug in kmig; please report it with the schema (pg_dump --schema-only)", null, null, { notes: formatted.errors });
    }
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, formatted.text);
    for (const u of text.declared) out.note(`declared external: ${u}`);
    for (const u of text.skipped) out.note(`skipped ${u}: kmig has no such kind of object`, "warning");
    for (const u of text.unsaid) out.note(`pull could not say ${u}`, "warning");
    out.event({ type: "pull", file, tables: pulled.tables.length, unsaid: text.unsaid, declared: text.declared, skipped: text.skipped, ms: Date.now() - started });
    if (!out.json) process.stderr.write(`wrote ${file}: ${text.counts}${text.unsaid.length > 0 ? `; ${text.unsaid.length} thing(s) it could not say (listed in its header)` : ""} (${Date.now() - started} ms)\n`);
    return text.unsaid.length > 0 ? 1 : 0;
  });
}

/** A folder name as a baseline id: `my-app` → `my_app`, `2024` → `b_2024`. */
function identifierOf(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=\d)/, "b_");
  return id === "" ? "baseline" : id;
}
