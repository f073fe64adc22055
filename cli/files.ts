import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { DiagnosticCode } from "../core/diagnostics/catalog.js";
import { makeSourceFile, type SourceFile } from "../core/source-file.js";

/**
 * A usage problem: an unknown option, a bad option value, a path that does not exist or holds no
 * spec. Printed as `error: …` with its help (and its code, for the few usage problems the catalog
 * has: a --db value kmig does not take); exit code 2.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string | null = null,
    readonly code: DiagnosticCode | null = null,
  ) {
    super(message);
  }
}

/** The `.kmig` files named by `paths`: files as given, folders searched recursively, each sorted by name. */
export function collectSpecFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`, "check the path (relative paths start at the current folder)");
    }
    if (st.isDirectory()) {
      const found = walk(p);
      // An empty folder is most likely the wrong folder: say so rather than report "no problems".
      if (found.length === 0) throw new UsageError(`no .kmig files in ${p}`, "kmig reads the .kmig files of a folder and of its subfolders");
      out.push(...found);
    } else if (st.isFile()) out.push(p);
    // A device or a pipe (`/dev/zero`) would be read forever.
    else throw new UsageError(`not a file or folder: ${p}`, "give .kmig files, or folders of them");
  }
  return [...new Set(out)];
}

function walk(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full));
    else if (e.isFile() && e.name.endsWith(".kmig")) out.push(full);
  }
  return out;
}

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; file: SourceFile; offset: number };

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Reads a file as UTF-8; invalid UTF-8 comes back as not-ok with the offending byte offset. */
export function readSpecFile(path: string): ReadResult {
  const rel = relative(process.cwd(), path);
  const display = rel && !rel.startsWith("..") ? rel : path;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "kmig needs to read every spec file it is given");
  }
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = " " + text.slice(1);
    return { ok: true, file: makeSourceFile(display, text) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const text = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    return { ok: false, file: makeSourceFile(display, text), offset: text.length };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection (decoding is the only validator at hand).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
