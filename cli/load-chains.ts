import { readdirSync, statSync, type Dirent } from "node:fs";
import { dirname, join, relative } from "node:path";
import { diag, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { compileChain, groupByFolder, type ChainResult } from "../compiler/pipeline.js";
import type { SourceFile } from "../core/source-file.js";
import { collectSpecFiles, readSpecFile, UsageError } from "./files.js";

/** The chains named by command-line paths: each folder of `.kmig` files is one chain. */
export interface LoadedChains {
  readonly files: number;
  readonly chains: readonly { readonly folder: string; readonly result: ChainResult }[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads every spec under `paths` (folders searched recursively) and compiles each folder's chain. */
export function loadChains(paths: readonly string[]): LoadedChains {
  return compileGroups(groupByFolder(collectSpecFiles(paths)));
}

/**
 * The one chain a database command (and explain, test) works on: the `.kmig` files directly in
 * `folder`, in name order. Subfolders are never part of it: `kmig status .` at a repository's root
 * must not chain every spec of its tests. A file, a folder with no spec, or one whose specs are all
 * in subfolders is a usage error that says which folders do hold chains.
 */
export function loadChainFolder(command: string, positionals: readonly string[]): LoadedChains {
  if (positionals.length > 1) throw new UsageError(`kmig ${command} takes one spec folder, found ${positionals.length}: ${positionals.join(" ")}`, `${CHAIN_RULE}; run kmig ${command} once per chain`);
  return compileGroups(new Map([[positionals[0] ?? "", chainFiles(command, positionals[0])]]));
}

function compileGroups(groups: Map<string, string[]>): LoadedChains {
  const diagnostics: Diagnostic[] = [];
  const chains: { folder: string; result: ChainResult }[] = [];
  let files = 0;
  for (const [folder, group] of groups) {
    const sources: SourceFile[] = [];
    for (const path of group) {
      const read = readSpecFile(path);
      if (!read.ok) {
        diagnostics.push(diag("K1006", read.file, { start: read.offset, end: read.offset + 1 }, "the file is not valid UTF-8 text", { label: "invalid byte here", help: "kmig reads UTF-8 text files; is this the right file?" }));
        break;
      }
      sources.push(read.file);
    }
    files += group.length;
    const result = compiledOnce(folder, sources);
    diagnostics.push(...result.diagnostics);
    chains.push({ folder, result });
  }
  return { files, chains, diagnostics };
}

/**
 * The last chain compiled for each folder, with the texts it was compiled from: `kmig plan` and
 * `kmig apply` of a spec folder load it for their plans and again for the live lints, and the
 * compiler is a pure function of the texts, so the second load reuses the first's result.
 */
const lastCompiled = new Map<string, { readonly key: string; readonly result: ChainResult }>();

function compiledOnce(folder: string, sources: readonly SourceFile[]): ChainResult {
  const key = sources.map((s) => `${s.path}\0${s.text}`).join("\0\0");
  const last = lastCompiled.get(folder);
  if (last && last.key === key) return last.result;
  const result = compileChain(sources);
  lastCompiled.set(folder, { key, result });
  return result;
}

/** What a chain is, said in every refusal. */
const CHAIN_RULE = "a chain is the .kmig files directly in one folder";

/** The `.kmig` files directly in `folder`, sorted, or a usage error saying what was given instead. */
export function chainFiles(command: string, folder: string | undefined): string[] {
  if (!folder) throw new UsageError(`kmig ${command} needs a spec folder`, `e.g. \`kmig ${command} specs/keiko\`; ${CHAIN_RULE}`);
  let entries: Dirent[];
  try {
    if (!statSync(folder).isDirectory()) throw notAFolder(command, folder);
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `no such folder: ${folder}` : `cannot read the folder ${folder} (${code ?? (e as Error).message})`, `kmig ${command} takes a spec folder; ${CHAIN_RULE}`);
  }
  const specs = entries.filter((e) => isSpec(folder, e)).map((e) => join(folder, e.name)).sort();
  if (specs.length > 0) return specs;
  const below = chainsBelow(folder);
  if (below.length === 0) throw new UsageError(`no .kmig files in ${folder}`, `kmig ${command} takes a folder of .kmig specs; ${CHAIN_RULE}`);
  const shown = below.slice(0, 5).join(", ") + (below.length > 5 ? `, and ${below.length - 5} more` : "");
  throw new UsageError(`no .kmig files directly in ${folder}, only in its subfolders`, `${CHAIN_RULE}: name one of them (${shown})`);
}

function notAFolder(command: string, path: string): UsageError {
  if (path.endsWith(".kmig")) {
    const dir = dirname(path);
    return new UsageError(`kmig ${command} takes a spec folder, not a file: ${path}`, `${CHAIN_RULE}, which kmig ${command} runs in order: \`kmig ${command} ${dir}\``);
  }
  return new UsageError(`not a folder: ${path}`, `kmig ${command} takes a folder of .kmig specs; ${CHAIN_RULE}`);
}

/** A `.kmig` file (or a link to one) that is not hidden. */
function isSpec(dir: string, e: Dirent): boolean {
  if (e.name.startsWith(".") || !e.name.endsWith(".kmig")) return false;
  if (e.isFile()) return true;
  try {
    return e.isSymbolicLink() && statSync(join(dir, e.name)).isFile();
  } catch {
    return false;
  }
}

/** Folders under `root` (relative to the working folder) that hold `.kmig` files directly. */
function chainsBelow(root: string): string[] {
  let files: string[];
  try {
    files = collectSpecFiles([root]);
  } catch {
    return [];
  }
  return [...new Set(files.map((f) => relative(process.cwd(), dirname(f)) || "."))].sort();
}
