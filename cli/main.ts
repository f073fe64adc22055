// First, so that `kmig compile` starts loading its printer while the rest of the CLI loads.
import "./compile-prewarm.js";
import { runCheck, CHECK_HELP } from "./check.js";
import { COMPILE_HELP, runCompile } from "./compile.js";
import { EXPLAIN_HELP, runExplain } from "./explain.js";
import { APPLY_HELP, runApply } from "./apply.js";
import { ROLLBACK_HELP, runRollback } from "./rollback.js";
import { BASELINE_HELP, runBaseline, runStatus, STATUS_HELP } from "./db-commands.js";
import { FMT_HELP, runFmt } from "./fmt.js";
import { PLAN_HELP, runPlan } from "./plan.js";
import { UsageError } from "./files.js";
import { runTest, TEST_HELP } from "./test-command.js";

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
  test <folder>              property-test every migration: totality, SQL = JS, maps, expects, exact rollback
  compile <folder> --out DIR write one TypeScript plan module per migration
  help [command]             this text, or a command's

Options:
  -h, --help                 help
  -v, --version              kmig's version

Exit codes: 0 success, 1 problems found in the input, 2 usage or internal error.
Docs: docs/language.md`;

const COMMANDS: Record<string, { run: (argv: string[]) => number | Promise<number>; help: string }> = {
  check: { run: runCheck, help: CHECK_HELP },
  explain: { run: runExplain, help: EXPLAIN_HELP },
  compile: { run: runCompile, help: COMPILE_HELP },
  apply: { run: runApply, help: APPLY_HELP },
  rollback: { run: runRollback, help: ROLLBACK_HELP },
  baseline: { run: runBaseline, help: BASELINE_HELP },
  status: { run: runStatus, help: STATUS_HELP },
  plan: { run: runPlan, help: PLAN_HELP },
  test: { run: runTest, help: TEST_HELP },
  fmt: { run: runFmt, help: FMT_HELP },
};

/** Registers a command (kept open so each command lives in its own module). */
export function registerCommand(name: string, run: (argv: string[]) => number | Promise<number>, help: string): void {
  COMMANDS[name] = { run, help };
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "-h" || cmd === "--help" || cmd === "help") {
    const topic = cmd === "help" ? rest[0] : undefined;
    if (topic && !COMMANDS[topic]) throw new UsageError(`unknown command \`${topic}\`; run \`kmig --help\` for the list`);
    process.stdout.write((topic ? COMMANDS[topic].help : HELP) + "\n");
    return 0;
  }
  if (cmd === "-v" || cmd === "--version") {
    process.stdout.write("kmig 0.1.0\n");
    return 0;
  }
  const command = COMMANDS[cmd];
  if (!command) throw new UsageError(`unknown command \`${cmd}\`; run \`kmig --help\` for the list`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS"))) {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`error[K8001]: kmig failed internally: ${msg}\n  = help: this is a bug in kmig; please report it with the input that caused it (KMIG_DEBUG=1 prints the stack)\n`);
    if (process.env.KMIG_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
    process.exitCode = 2;
  },
);
