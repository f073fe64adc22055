import { diag, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { compileChain, groupByFolder, type ChainResult } from "../compiler/pipeline.js";
import type { SourceFile } from "../core/source-file.js";
import { collectSpecFiles, readSpecFile } from "./files.js";

/** The chains named by command-line paths: each folder of `.kmig` files is one chain. */
export interface LoadedChains {
  readonly files: number;
  readonly chains: readonly { readonly folder: string; readonly result: ChainResult }[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads every spec under `paths` and compiles each folder's chain (parse, check, plan). */
export function loadChains(paths: readonly string[]): LoadedChains {
  const files = collectSpecFiles(paths);
  const diagnostics: Diagnostic[] = [];
  const chains: { folder: string; result: ChainResult }[] = [];
  for (const [folder, group] of groupByFolder(files)) {
    const sources: SourceFile[] = [];
    for (const path of group) {
      const read = readSpecFile(path);
      if (!read.ok) {
        diagnostics.push(diag("K1006", read.file, { start: read.offset, end: read.offset + 1 }, "the file is not valid UTF-8 text", { label: "invalid byte here", help: "kmig reads UTF-8 text files; is this the right file?" }));
        break;
      }
      sources.push(read.file);
    }
    const result = compileChain(sources);
    diagnostics.push(...result.diagnostics);
    chains.push({ folder, result });
  }
  return { files: files.length, chains, diagnostics };
}
