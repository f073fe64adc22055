import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { emitPlanModules, type EmittedModule } from "../compiler/emit/index.js";
import { workerPrinter } from "../compiler/emit/worker-printer.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { takePrintWorker } from "./compile-prewarm.js";
import { checkReport } from "./check.js";
import { UsageError } from "./files.js";
import { loadChains } from "./load-chains.js";
import { styleFor } from "./output.js";
import { parseCommandArgs } from "./args.js";
import { printerFor } from "./printer.js";

export const COMPILE_HELP = `kmig compile <folder> --out <dir>

Compiles the chain of specs in <folder> and writes one TypeScript plan module per migration to
<dir>/<file-stem>.ts (e.g. 001_keiko_v2.ts): the plan's steps with their SQL up and down, the row
types before and after, and the JavaScript of every mapping, inverse, config block and expect.
Each module is self-contained: \`tsc --noEmit --strict\` checks it alone. If the spec has errors,
prints them as \`kmig check\` does and writes nothing.
  --json      one JSON event per line: {"type":"wrote","file":…} per module, diagnostics as events
Exit code: 0 written, 1 the spec has errors, 2 usage or internal error.`;

/** `kmig compile <folder> --out <dir>`. */
export async function runCompile(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("compile", argv, { out: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(COMPILE_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("kmig compile needs exactly one spec folder", "run `kmig compile --help`");
  if (!values.out) throw new UsageError("kmig compile needs --out <dir>, the folder to write the plan modules to", "e.g. `kmig compile specs/keiko --out plans`");
  const folder = positionals[0];
  if (!isDirectory(folder)) throw new UsageError(`not a folder: ${folder}`, "kmig compile reads a folder of .kmig files, one chain");
  checkOut(values.out);
  const out = printerFor(values.json ?? false);
  const loaded = loadChains([folder]);
  if (loaded.diagnostics.some((d) => d.severity === "error")) {
    if (out.json) out.diagnostics(loaded.diagnostics);
    else {
      const report = checkReport(loaded.files, loaded.diagnostics, "text", styleFor(process.stderr));
      process.stderr.write(report.stderr + "nothing written: fix the errors first\n");
      process.stdout.write(report.stdout);
    }
    return 1;
  }
  out.diagnostics(loaded.diagnostics);
  const units = loaded.chains.flatMap((chain) => chain.result.units.map((unit) => ({ unit, dir: join(values.out as string, relative(folder, chain.folder)) })));
  const modules = await emit(units.map((u) => u.unit));
  // Everything is emitted before anything is written, so that a failure leaves no half-written folder.
  modules.forEach((module, i) => {
    const path = join(units[i].dir, module.fileName);
    writeModule(units[i].dir, path, module.text);
    if (out.json) out.event({ type: "wrote", file: path });
    else process.stdout.write(`wrote ${path}\n`);
  });
  return 0;
}

/** `--out` must be a folder, or a path where one can be made: refused before anything is compiled. */
function checkOut(dir: string): void {
  if (existsSync(dir) && !isDirectory(dir)) throw new UsageError(`--out ${dir} is not a folder`, "--out names the folder to write the plan modules to (made if it does not exist)");
}

function writeModule(dir: string, path: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "--out must name a folder kmig can create and write");
  }
}

/**
 * Emits with the print worker started at launch if there is one, else (or if it fails) in this
 * thread: the text is the same, only slower. KMIG_DEBUG=1 says when that happens.
 */
async function emit(units: readonly CompiledUnit[]): Promise<EmittedModule[]> {
  const debug = (message: string) => {
    if (process.env.KMIG_DEBUG) process.stderr.write(`kmig: ${message}; printing in this thread\n`);
  };
  const worker = takePrintWorker();
  if (!worker) {
    debug("no print worker");
    return emitPlanModules(units);
  }
  try {
    return await emitPlanModules(units, workerPrinter(worker));
  } catch (e) {
    debug(`the print worker failed (${e instanceof Error ? e.message : String(e)})`);
    return emitPlanModules(units);
  } finally {
    void worker.terminate();
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
