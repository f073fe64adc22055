import { closestMatch } from "../core/diagnostics/suggest.js";
import { KMIG_VERSION } from "../core/version.js";
import { UsageError } from "./files.js";
import { setKmigV8Flags } from "./v8-flags.js";
import { dropWritesToClosedPipes } from "./closed-pipe.js";

setKmigV8Flags();

const HELP = `kmig — declarative migrations for PostgreSQL, with derived rollbacks

Usage: kmig <command> [options]

Commands:
  check <file|folder>...     parse and check specs; print diagnostics
  fmt [--check] <paths>...   rewrite specs in the canonical layout (--check: only list, --stdout: print)
  explain <folder>           each step's SQL, its inverse, and whether it loses data
  apply <folder>             apply pending migrations (batched, resumable backfills)
  rollback <folder>          undo the last migration exactly, refusing to lose newer data
  status <folder>            applied, pending, drift
  plan <folder>              dry run: SQL of each step and its impact on the live data
  baseline <folder>          check a live database matches the baseline, and record it
  pull <folder> --db URL     describe a live database as <folder>/000_baseline.kmig
  restore-backup <backup> --db URL  restore a backup kmig wrote before a run into a new database
  new <folder> <name>        start the next migration of a chain, from its current version
  test <folder>              property-test every migration: totality, SQL = JS, maps, expects, exact rollback
  compile <folder> --out DIR write one TypeScript plan module per migration
  lsp --stdio                the language server editors start (docs/editors.md)
  help [command]             this text, or a command's

A <folder> is one chain: the .kmig files directly in it, in name order.

Options:
  -h, --help                 help (also \`kmig <command> --help\`)
  -v, --version              kmig's version
  --json                     (every command but lsp) JSON events on stdout, one per line, and nothing else

Exit codes: 0 success, 1 problems found in the input, 2 usage or internal error.
Docs: docs/language.md`;

/** A command's entry point and its help text. */
interface Command {
  readonly run: (argv: string[]) => number | Promise<number>;
  readonly help: string;
}

/**
 * Each command is imported only when it runs: the build splits the bundle along these dynamic
 * imports, so `kmig check` never loads (or has V8 compile) the runtime, pg, PGlite, yaml,
 * fast-check or the emitter — it loads the front end and the checker, and nothing else.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: () => import("./check.js").then((m) => ({ run: m.runCheck, help: m.CHECK_HELP })),
  explain: () => import("./explain.js").then((m) => ({ run: m.runExplain, help: m.EXPLAIN_HELP })),
  compile: () => import("./compile.js").then((m) => ({ run: m.runCompile, help: m.COMPILE_HELP })),
  apply: () => import("./apply.js").then((m) => ({ run: m.runApply, help: m.APPLY_HELP })),
  rollback: () => import("./rollback.js").then((m) => ({ run: m.runRollback, help: m.ROLLBACK_HELP })),
  baseline: () => import("./db-commands.js").then((m) => ({ run: m.runBaseline, help: m.BASELINE_HELP })),
  status: () => import("./db-commands.js").then((m) => ({ run: m.runStatus, help: m.STATUS_HELP })),
  plan: () => import("./plan.js").then((m) => ({ run: m.runPlan, help: m.PLAN_HELP })),
  test: () => import("./test-command.js").then((m) => ({ run: m.runTest, help: m.TEST_HELP })),
  fmt: () => import("./fmt.js").then((m) => ({ run: m.runFmt, help: m.FMT_HELP })),
  pull: () => import("./pull.js").then((m) => ({ run: m.runPull, help: m.PULL_HELP })),
  "restore-backup": () => import("./restore-backup.js").then((m) => ({ run: m.runRestoreBackup, help: m.RESTORE_BACKUP_HELP })),
  new: () => import("./new.js").then((m) => ({ run: m.runNew, help: m.NEW_HELP })),
  lsp: () => import("./lsp.js").then((m) => ({ run: m.runLsp, help: m.LSP_HELP })),
};

async function main(argv: string[]): Promise<number> {
  dropWritesToClosedPipes();
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "-h" || cmd === "--help" || cmd === "help") {
    const topic = cmd === "help" ? rest[0] : undefined;
    if (topic && !Object.hasOwn(COMMANDS, topic)) throw unknownCommand(topic);
    process.stdout.write((topic ? (await COMMANDS[topic]()).help : HELP) + "\n");
    return 0;
  }
  if (cmd === "-v" || cmd === "--version") {
    process.stdout.write(`kmig ${KMIG_VERSION}\n`);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, cmd)) throw unknownCommand(cmd);
  // Before the compile command loads: the worker's loading of ts-morph overlaps with it.
  // dist/kmig.mjs is this file bundled, and the worker is bundled beside it.
  if (cmd === "compile") (await import("./compile-prewarm.js")).startPrintWorker(new URL("./kmig-emit-worker.mjs", import.meta.url), rest);
  return (await COMMANDS[cmd]()).run(rest);
}

function unknownCommand(name: string): UsageError {
  if (name.startsWith("-")) return new UsageError(`unknown option \`${name}\``, "options come after the command: `kmig <command> [options]` (`kmig --help` lists the commands)");
  const match = closestMatch(name, Object.keys(COMMANDS));
  return new UsageError(`unknown command \`${name}\``, match ? `did you mean \`kmig ${match}\`? (\`kmig --help\` lists the commands)` : "`kmig --help` lists the commands");
}

/**
 * What reaches here is printed without a stack: a usage problem (exit 2), a failure the runtime
 * names (exit 1), a database or network failure outside any step (exit 1); anything else is a bug
 * in kmig (K8001, exit 2). With --json, as one JSON event on stdout.
 */
async function report(e: unknown, json: boolean): Promise<number> {
  const { printerFor } = await import("./printer.js");
  const out = printerFor(json);
  if (e instanceof UsageError) {
    out.usage(e);
    return 2;
  }
  const { RunError } = await import("../runtime/errors.js");
  const { sessionFailure } = await import("../runtime/db/failures.js");
  const failure = e instanceof RunError ? e : sessionFailure(e, "the database");
  if (failure) {
    out.failure(failure);
    return 1;
  }
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  out.failure(new RunError("K8001", `kmig failed internally: ${msg}`, "this is a bug in kmig; please report it with the input that caused it (KMIG_DEBUG=1 prints the stack)"));
  if (process.env.KMIG_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
  return 2;
}

const args = process.argv.slice(2);
main(args).then(
  (code) => {
    process.exitCode = code;
  },
  async (e: unknown) => {
    const { jsonRequested } = await import("./printer.js");
    process.exitCode = await report(e, jsonRequested(args));
  },
);
