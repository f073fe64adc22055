import { restoreBackup } from "../runtime/copy/restore-backup.js";
import { serverSide } from "../runtime/copy/server-side.js";
import { parseCommandArgs } from "./args.js";
import { UsageError } from "./files.js";
import { printerFor } from "./printer.js";
import { reporterFor } from "./reporter.js";
import { dbTarget } from "./run-options.js";
import { withRunErrors } from "./with-run-errors.js";

export const RESTORE_BACKUP_HELP = `kmig restore-backup <backup> --db URL

Restores a backup that \`kmig apply --backup DIR\` (or a run file's backup section) wrote into a new
or empty database (created when it does not exist; a database holding anything is refused):
  <database>-<time>.kmigdump   kmig's own dump (written where pg_dump is not installed): every
                               file is first checked against the manifest's SHA-256 and row
                               counts, then the schema, the rows (COPY) and the indexes, keys,
                               triggers and sequence positions are loaded in one transaction
  <database>-<time>.dump       a pg_dump archive: pg_restore --single-transaction
A failure leaves nothing behind: the transaction is rolled back, a database created for it dropped.
Without kmig: cd <backup> && psql -X -1 -v ON_ERROR_STOP=1 -d URL -f restore.sql

Options:
  --db URL             the database to restore into (postgres://…; else DATABASE_URL)
  --json               JSON events on stdout`;

const OPTIONS = {
  db: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function runRestoreBackup(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("restore-backup", argv, OPTIONS);
  if (values.help) {
    process.stdout.write(RESTORE_BACKUP_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "kmig restore-backup needs the backup to restore" : "kmig restore-backup takes one backup", "kmig restore-backup <backup> --db URL");
  const db = dbTarget(values.db);
  if (db.kind === "pglite") throw new UsageError(`--db ${db.where}: a backup is restored into a PostgreSQL server's database`, "give a postgres:// URL; an embedded database's backup is a copy of its folder: copy it back instead");
  const target = serverSide(db, "target");
  const out = printerFor(values.json ?? false);
  const reporter = reporterFor(values.json ?? false);
  return withRunErrors(out, reporter, target.where, async () => {
    const started = Date.now();
    reporter.emit({ type: "run-start", command: "restore-backup", database: target.where });
    const r = await restoreBackup(positionals[0], target, reporter);
    reporter.emit({ type: "info", message: `restored ${r.kind} ${positionals[0]} into ${target.where}${r.created ? " (created)" : ""}${r.kind === "kmig-dump" ? `: ${r.tables} table(s), ${r.rows} row(s), each count checked` : ""}` });
    reporter.emit({ type: "run-done", ok: true, ms: Date.now() - started });
    return 0;
  });
}
