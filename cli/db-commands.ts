import { baseline } from "../runtime/baseline.js";
import { openDb } from "../runtime/db/open.js";
import { status } from "../runtime/status.js";
import { parseCommandArgs } from "./args.js";
import { UsageError } from "./files.js";
import { printerFor } from "./printer.js";
import { checkDbFlags, DB_OPTIONS, DB_OPTIONS_HELP, dbTarget, lockPolicy, plansOf } from "./run-options.js";
import { reporterFor } from "./reporter.js";
import { configTarget } from "./config-options.js";
import { sourceReport } from "../runtime/copy/source-status.js";
import { serverSide } from "../runtime/copy/server-side.js";
import { withRunErrors } from "./with-run-errors.js";

export const BASELINE_HELP = `kmig baseline <folder> [--version V]

On a database that already has the baseline schema, checks that the live schema matches the
spec's baseline exactly (else a drift report naming each difference, exit 1) and records it.

${DB_OPTIONS_HELP}
  --version V          the baseline version expected (default: the spec's)`;

export async function runBaseline(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("baseline", argv, { ...DB_OPTIONS, version: { type: "string" } });
  if (values.help) {
    process.stdout.write(BASELINE_HELP + "\n");
    return 0;
  }
  checkDbFlags(values);
  const target = dbTarget(values.db);
  const out = printerFor(values.json ?? false);
  const plans = await plansOf("baseline", positionals, out);
  if (!plans) return 1;
  if (values.version !== undefined && plans[0]?.kind === "baseline" && plans[0].to !== values.version) {
    throw new UsageError(`--version ${values.version}: the baseline of this spec is version ${plans[0].to}`, `give --version ${plans[0].to}, or leave it out`, "K9008");
  }
  const reporter = reporterFor(values.json ?? false);
  return withRunErrors(out, reporter, target.where, async () => {
    const db = await openDb(target, { command: "kmig baseline", lockTimeoutMs: lockPolicy(values).lockTimeoutMs });
    try {
      await baseline(db, plans, values.version ?? null, lockPolicy(values).lockTimeoutMs, reporter);
      return 0;
    } finally {
      await db.close();
    }
  });
}

export const STATUS_HELP = `kmig status <folder>

Lists each migration of the spec as applied, pending or half-done, flags applied migrations whose
spec changed in meaning, and reports schema drift (differences between the live schema and what
the applied migrations say it is). Exit 1 when there is drift or an edited migration. In copy
mode (--target-db, or a run file whose target names another database) both sides are reported:
the source (read only) and the target.

${DB_OPTIONS_HELP}
  --target-db URL      copy mode: the target database (the source is --db)
  --run FILE           the run file (source.database_url, target.database_url)`;

export async function runStatus(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("status", argv, { ...DB_OPTIONS, "target-db": { type: "string" }, run: { type: "string" } });
  if (values.help) {
    process.stdout.write(STATUS_HELP + "\n");
    return 0;
  }
  checkDbFlags(values);
  const sides = configTarget(values, true);
  const target = sides.db;
  const out = printerFor(values.json ?? false);
  const plans = await plansOf("status", positionals, out);
  if (!plans) return 1;
  const reporter = reporterFor(values.json ?? false);
  return withRunErrors(out, reporter, target.where, async () => {
    const db = await openDb(target, { command: "kmig status", lockTimeoutMs: lockPolicy(values).lockTimeoutMs });
    try {
      const source = sides.copyTo ? await sourceReport(serverSide(sides.source, "source"), db, plans) : null;
      if (source && !values.json) {
        process.stdout.write(`source: ${source.where} (copy mode: only read)\n`);
        process.stdout.write(source.problem ? `  ! ${source.problem}\n${source.drift.map((d) => `  - ${d}`).join("\n")}${source.drift.length ? "\n" : ""}` : `  at version ${source.version}, as the chain describes it\n`);
        process.stdout.write("target: ");
      }
      const s = await status(db, plans);
      if (source && values.json) process.stdout.write(JSON.stringify({ type: "source-status", ...source }) + "\n");
      if (values.json) {
        process.stdout.write(JSON.stringify({ type: "status", ...s }) + "\n");
      } else {
        process.stdout.write(`database: ${db.where}\n`);
        for (const m of s.migrations) {
          const state = m.state === "applying" ? `half-done (${m.stepsDone}/${m.steps} steps): run apply to resume` : m.state;
          process.stdout.write(`  ${m.state === "applied" ? "✓" : m.state === "pending" ? "·" : "!"} ${m.id.padEnd(24)} ${m.version.padEnd(10)} ${state}${m.appliedAt ? ` at ${m.appliedAt}` : ""}${m.checksumOk ? "" : "  EDITED: the spec changed in meaning since it was applied"}\n`);
        }
        for (const u of s.unknown) process.stdout.write(`  ! ${u}: recorded in the database, missing from the spec\n`);
        for (const c of s.stagedConfig) {
          const next = c.applied ? "the next apply or rollback puts them in place first" : "the next apply or rollback removes them first";
          process.stdout.write(`  ! ${c.migration}: ${c.files} config file(s) staged in ${c.targetDir} by a run that stopped; ${next}\n`);
        }
        process.stdout.write(s.drift.length === 0 ? "no schema drift\n" : `schema drift:\n${s.drift.map((d) => `  - ${d}`).join("\n")}\n`);
      }
      return s.drift.length > 0 || s.unknown.length > 0 || s.migrations.some((m) => !m.checksumOk) || source?.problem ? 1 : 0;
    } finally {
      await db.close();
    }
  });
}
