import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { compiledFolder, type CompiledFile } from "../compiler/emit/compiled-folder.js";
import { emitPlanModules, type EmittedModule } from "../compiler/emit/index.js";
import { loadTranspiler, type TranspiledModule } from "../compiler/emit/transpile.js";
import { transpileIn, workerPrinter } from "../compiler/emit/worker-printer.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { takePrintWorker } from "./compile-prewarm.js";
import { checkReport } from "./check.js";
import { UsageError } from "./files.js";
import { loadChains } from "./load-chains.js";
import { styleFor } from "./output.js";
import { parseCommandArgs } from "./args.js";
import { printerFor } from "./printer.js";

export const COMPILE_HELP = `kmig compile <folder> --out <dir>

Compiles the chain of specs in <folder> into a folder the runtime runs as it is
(\`kmig apply <dir>\`, or \`apply()\` from "kmig/runtime"), with no compiler. Per migration:
  <dir>/<file-stem>.ts     the plan module to review (e.g. 001_keiko_v2.ts): the steps with their
                           SQL up and down, the row types, and the JavaScript of every mapping,
                           inverse, config block and expect; \`tsc --noEmit --strict\` checks it alone
  <dir>/<file-stem>.mjs    the same module as ES module JavaScript: what the runtime loads and runs
  <dir>/<file-stem>.d.mts  its types
and <dir>/kmig-plan.json, the manifest: the chain's order, the plan format, and each file's sha256
(a file changed by hand is refused at run time). If the spec has errors, prints them as
\`kmig check\` does and writes nothing. Needs the packages ts-morph and prettier (optional
dependencies of kmig: an install that only runs compiled plans can leave them out).
  --json      one JSON event per line: {"type":"wrote","file":…} per file, diagnostics as events
Exit code: 0 written, 1 the spec has errors, 2 usage or internal error, or a missing package.`;

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
  checkCompilerPackages();
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
  const units = loaded.chains.flatMap((chain) => chain.result.units);
  const { modules, transpiled } = await emit(units);
  // Everything is emitted before anything is written, so that a failure leaves no half-written folder.
  const folders: { dir: string; files: CompiledFile[] }[] = [];
  let at = 0;
  for (const chain of loaded.chains) {
    const n = chain.result.units.length;
    const plans = chain.result.units.map((u) => u.plan);
    folders.push({ dir: join(values.out, relative(folder, chain.folder)), files: compiledFolder(plans, modules.slice(at, at + n), transpiled.slice(at, at + n)) });
    at += n;
  }
  for (const { dir, files } of folders) {
    for (const file of files) {
      const path = join(dir, file.name);
      writeModule(dir, path, file.text);
      if (out.json) out.event({ type: "wrote", file: path });
      else process.stdout.write(`wrote ${path}\n`);
    }
  }
  return 0;
}

/**
 * ts-morph and prettier are optional dependencies: only compiling needs them. Checked before
 * anything is compiled, so that an install without them says so (K9065) and writes nothing.
 */
function checkCompilerPackages(): void {
  const require = createRequire(import.meta.url);
  const missing = ["ts-morph", "prettier"].filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  throw new UsageError(
    `kmig compile needs the package${missing.length > 1 ? "s" : ""} ${missing.join(" and ")}, which this install of kmig does not have`,
    `install ${missing.length > 1 ? "them" : "it"} beside kmig (\`npm install ${missing.join(" ")}\`), or compile where kmig was installed with its optional dependencies; running a compiled folder needs neither`,
    "K9065",
  );
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

/** The printed modules and, for each, its JavaScript and types. */
interface Emitted {
  readonly modules: readonly EmittedModule[];
  readonly transpiled: readonly TranspiledModule[];
}

/**
 * Emits with the print worker started at launch if there is one, else (or if it fails) in this
 * thread: the text is the same, only slower. KMIG_DEBUG=1 says when that happens.
 */
async function emit(units: readonly CompiledUnit[]): Promise<Emitted> {
  const debug = (message: string) => {
    if (process.env.KMIG_DEBUG) process.stderr.write(`kmig: ${message}; printing in this thread\n`);
  };
  const inThread = async (): Promise<Emitted> => {
    const modules = await emitPlanModules(units);
    const transpile = loadTranspiler();
    return { modules, transpiled: modules.map((m) => transpile(m.text, m.fileName)) };
  };
  const worker = takePrintWorker();
  if (!worker) {
    debug("no print worker");
    return inThread();
  }
  try {
    const modules = await emitPlanModules(units, workerPrinter(worker));
    return { modules, transpiled: await transpileIn(worker, modules) };
  } catch (e) {
    debug(`the print worker failed (${e instanceof Error ? e.message : String(e)})`);
    return inThread();
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
