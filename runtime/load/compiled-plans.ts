import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MANIFEST_FILE, PLAN_FORMAT, type Manifest, type ManifestEntry } from "../../core/compiled-folder.js";
import type { Plan } from "../../core/plan.js";
import { KMIG_VERSION } from "../../core/version.js";
import { RunError } from "../errors.js";
import { bindModule } from "./bind-module.js";

/** True when `dir` is a folder `kmig compile` wrote (it has the manifest). */
export function isCompiledFolder(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

const RECOMPILE = "compile the specs again with this kmig (`kmig compile <spec-folder> --out <dir>`) and ship that folder";

/**
 * The plans of a compiled folder, in the manifest's order, each config step carrying its module's
 * functions. Refused before anything runs: another plan format (K9060), a file whose bytes are not
 * the ones `kmig compile` wrote (K9061), specs in the same folder (K9062), a manifest or module
 * that is missing or does not load (K9063). Loads no parser, no compiler, no TypeScript.
 */
export async function loadCompiledPlans(dir: string): Promise<Plan[]> {
  const manifest = readManifest(dir);
  const specs = readdirSync(dir).filter((f) => f.endsWith(".kmig"));
  if (specs.length > 0) {
    throw new RunError("K9062", `${dir} holds both a compiled plan (${MANIFEST_FILE}) and specs (${specs.slice(0, 3).join(", ")}${specs.length > 3 ? ", …" : ""})`, "keep the compiled plan in a folder of its own (`kmig compile <specs> --out <dir>`) and run either that folder or the spec folder");
  }
  for (const entry of manifest.migrations) checkFiles(dir, entry);
  const plans: Plan[] = [];
  for (const entry of manifest.migrations) plans.push(await loadModule(dir, entry));
  return plans;
}

function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new RunError("K9063", `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, RECOMPILE);
  }
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(text) as Partial<Manifest>;
  } catch (e) {
    throw new RunError("K9063", `${path} is not JSON: ${(e as Error).message}`, RECOMPILE);
  }
  if (typeof m !== "object" || m === null || m.kind !== "kmig-compiled-plans") throw new RunError("K9063", `${path} is not a kmig compiled plan manifest`, RECOMPILE);
  if (m.planFormat !== PLAN_FORMAT) {
    throw new RunError("K9060", `${dir} was compiled by kmig ${String(m.kmigVersion ?? "?")} in plan format ${String(m.planFormat)}; this kmig (${KMIG_VERSION}) runs plan format ${PLAN_FORMAT}`, RECOMPILE);
  }
  if (!Array.isArray(m.migrations) || m.migrations.some((e) => !validEntry(e))) throw new RunError("K9063", `${path} does not list its migrations as kmig writes them`, RECOMPILE);
  return m as Manifest;
}

function validEntry(e: unknown): e is ManifestEntry {
  const x = e as ManifestEntry;
  return typeof x === "object" && x !== null && typeof x.id === "string" && typeof x.module === "string" && typeof x.checksum === "string" && typeof x.files === "object" && x.files !== null && typeof x.files[x.module] === "string" && !/[\\/]/.test(x.module);
}

/** Every file the manifest lists for a migration has the bytes `kmig compile` wrote. */
function checkFiles(dir: string, entry: ManifestEntry): void {
  for (const [file, sum] of Object.entries(entry.files)) {
    if (/[\\/]/.test(file) || file.startsWith(".")) throw new RunError("K9063", `${join(dir, MANIFEST_FILE)} names a file outside the folder: ${file}`, RECOMPILE);
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, file));
    } catch (e) {
      throw new RunError("K9063", `${join(dir, file)} (migration ${entry.id}) cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, RECOMPILE);
    }
    const actual = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    if (actual !== sum) {
      throw new RunError("K9061", `${join(dir, file)} (migration ${entry.id}) is not the file kmig compile wrote: its checksum is ${actual.slice(0, 19)}…, the manifest records ${sum.slice(0, 19)}…`, "a compiled plan is never edited by hand: change the spec, run `kmig compile <spec-folder> --out <dir>` again and review the diff");
    }
  }
}

async function loadModule(dir: string, entry: ManifestEntry): Promise<Plan> {
  const path = join(dir, entry.module);
  let plan: Plan;
  try {
    plan = bindModule((await import(pathToFileURL(path).href)) as Record<string, unknown>);
  } catch (e) {
    throw new RunError("K9063", `${path} (migration ${entry.id}) does not load as a plan module: ${(e as Error).message}`, RECOMPILE);
  }
  if (plan.id !== entry.id || plan.checksum !== entry.checksum) {
    throw new RunError("K9061", `${path} holds migration ${plan.id} (${plan.checksum.slice(0, 12)}…), the manifest lists ${entry.id} (${entry.checksum.slice(0, 12)}…)`, `the folder mixes files of different compilations: ${RECOMPILE}`);
  }
  return plan;
}
