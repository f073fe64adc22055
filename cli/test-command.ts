import { openDb } from "../runtime/db/open.js";
import { openMemoryPglite } from "../runtime/db/pglite.js";
import { runLaws, type PropertyResult } from "../proptest/run-laws.js";
import { UsageError } from "./files.js";
import { loadChainFolder } from "./load-chains.js";
import { parseCommandArgs } from "./args.js";
import { printerFor } from "./printer.js";
import { dbTarget, sinceProcessStart, wholeNumber } from "./run-options.js";
import { withRunErrors } from "./with-run-errors.js";
import { SILENT } from "../runtime/events.js";
import { styleFor } from "./output.js";
import { junitReport } from "./test-junit.js";
import { RunError } from "../runtime/errors.js";

export const TEST_HELP = `kmig test <folder> [--runs N] [--seed S] [--path P] [--db URL] [--reporter default|json|junit] [--allow-empty]

Property-tests every migration of the spec on rows generated from the schema before it, for every
table one of its steps changes (mappings, alter … type, drops, renames, added columns and
constraints). The rows meet the old schema's own constraints: types, NOT NULL, lengths, primary
keys and unique columns without repeats, checks (simple ones such as \`age >= 18\` or
\`status in (…)\` bound the values generated), foreign keys pointing at generated parent rows.
Laws: forward is total, SQL agrees with the JavaScript implementation (by value; a volatile
expression such as gen_random_uuid() by shape and type), status maps send every input where they
say, the spec's expect clauses hold, and rollback is exact; config blocks on generated documents
likewise. A run that tests nothing (no migration changes existing rows, or no generated row meets
a table's constraints) says so and fails (K9110, K9111) unless --allow-empty.
A failure prints the property, the shrunk counterexample, the spec line and the seed to replay.
Runs on a throwaway embedded PostgreSQL (PGlite, removed after) unless --db is given (it then works in a
schema of its own inside a transaction that is rolled back). --json is --reporter json: the
results as one JSON document on one line. Exit 0 all hold, 1 a law fails or the run tested nothing.`;

export async function runTest(argv: string[]): Promise<number> {
  const options = { runs: { type: "string" }, seed: { type: "string" }, path: { type: "string" }, db: { type: "string" }, reporter: { type: "string" }, json: { type: "boolean" }, "allow-empty": { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;
  const { values, positionals } = parseCommandArgs("test", argv, options);
  if (values.help) {
    process.stdout.write(TEST_HELP + "\n");
    return 0;
  }
  const reporter = values.reporter ?? (values.json ? "json" : "default");
  if (!["default", "json", "junit"].includes(reporter)) throw new UsageError(`unknown --reporter \`${reporter}\``, "use --reporter default, json or junit");
  if (values.json && reporter !== "json") throw new UsageError(`--json and --reporter ${reporter} contradict each other`, "--json is --reporter json");
  const runs = wholeNumber(values.runs, "runs", 25, 1);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber(values.seed, "seed", 42);
  if (values.path !== undefined && !/^\d+(:\d+)*$/.test(values.path)) throw new UsageError(`--path takes the replay path a failure printed (numbers separated by \`:\`), found \`${values.path}\``, "copy the `replay:` line of the failure: kmig test <folder> --seed S --path P");
  const target = values.db === undefined ? null : dbTarget(values.db);
  const out = printerFor(reporter === "json");
  const loaded = loadChainFolder("test", positionals);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    out.diagnostics(errors);
    return 1;
  }
  const units = loaded.chains.flatMap((c) => c.result.units);
  let results: PropertyResult[] = [];
  const code = await withRunErrors(out, SILENT, target?.where ?? "a throwaway embedded PGlite", async () => {
    const db = target ? await openDb(target, { command: "kmig test" }) : await openMemoryPglite();
    try {
      results = await runLaws(db, units, { runs, seed, path: values.path ?? null, rowsPerRun: 6 });
    } finally {
      await db.close();
    }
    return 0;
  });
  if (code !== 0) return code;
  const ms = sinceProcessStart();
  if (reporter === "json") process.stdout.write(JSON.stringify({ type: "test", seed, ms, results }) + "\n");
  else if (reporter === "junit") process.stdout.write(junitReport(results, ms));
  else printDefault(results, seed, ms, positionals[0]);
  const empty = untestedErrors(results, positionals[0]);
  for (const e of empty) {
    if (values["allow-empty"]) out.note(`${e.message} (--allow-empty)`, "warning");
    else out.failure(e);
  }
  return results.every((r) => r.ok) && (empty.length === 0 || values["allow-empty"]) ? 0 : 1;
}

/** K9110 for a run with no property at all, K9111 for each property whose runs tested no row. */
function untestedErrors(results: readonly PropertyResult[], folder: string): RunError[] {
  if (results.length === 0) {
    return [new RunError("K9110", `kmig test tested nothing: no migration of ${folder} changes rows that exist before it, and none maps config files`, "a migration that only creates tables has no rows to test yet; pass --allow-empty where a run that tests nothing is expected")];
  }
  return results
    .filter((r) => r.ok && r.untested !== null)
    .map(
      (r) =>
        new RunError("K9111", `${r.migration}: ${r.property} tested nothing: ${r.untested}`, "kmig test bounds generated values by simple checks (`age >= 18`, `status in (…)`, `length(code) <= 3`); a check it cannot read may refuse every row: state it in those terms, or pass --allow-empty"),
    );
}

function printDefault(results: readonly PropertyResult[], seed: number, ms: number, folder: string): void {
  const style = styleFor(process.stdout);
  for (const r of results) {
    if (r.ok && r.untested === null) {
      process.stdout.write(`${style.note("✓")} ${r.migration}: ${r.property} — ${r.runs} runs, ${r.tested} ${r.subject}\n`);
      continue;
    }
    if (r.untested !== null) {
      process.stdout.write(`${style.warning("!")} ${r.migration}: ${r.property} — tested nothing: ${r.untested}\n`);
      continue;
    }
    const f = r.failure!;
    process.stdout.write(`${style.error("✗")} ${r.migration}: ${f.law} fails\n`);
    if (f.origin) process.stdout.write(`  --> ${f.origin.file}:${f.origin.line}:${f.origin.column}\n`);
    process.stdout.write(`  ${f.message}\n  counterexample (shrunk): ${JSON.stringify(f.counterexample)}\n`);
    process.stdout.write(`  replay: kmig test ${folder} --seed ${f.seed}${f.path ? ` --path ${f.path}` : ""}\n`);
  }
  const failed = results.filter((r) => !r.ok).length;
  const untested = results.filter((r) => r.ok && r.untested !== null).length;
  const verdict = results.length === 0 ? "nothing tested" : failed === 0 && untested === 0 ? "all hold" : [failed > 0 ? `${failed} failed` : "", untested > 0 ? `${untested} tested nothing` : ""].filter(Boolean).join(", ");
  process.stdout.write(`${results.length} properties, ${verdict} (seed ${seed}, ${(ms / 1000).toFixed(1)} s)\n`);
  process.stdout.write(`${results.length - failed - untested} passed, ${failed} failed${untested > 0 ? `, ${untested} tested nothing` : ""}\n`);
}
