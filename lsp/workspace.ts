import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { ParsedFile } from "../compiler/pipeline.js";
import { diag, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { makeSourceFile } from "../core/source-file.js";
import { analyseChain, type ChainAnalysis, type ChainSource } from "./analysis.js";
import { LINT_CONFIG_FILE, lintConfigFor, type LintConfig } from "../compiler/lint/config.js";
import { pathOfUri, uriOfPath } from "./convert.js";

/** An editor buffer: it takes the place of the file of its path in the file's chain. */
interface OpenBuffer {
  readonly uri: string;
  readonly text: string;
}

/** A file read from disk, kept while its size and modification time stay the same. */
interface DiskFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly text: string;
  readonly badOffset: number | null;
}

/** Where a document belongs: its key (absolute path, or URI for a buffer with no file) and its chain's folder. */
export interface DocumentPlace {
  readonly key: string;
  readonly folder: string;
}

/**
 * The server's view of the files: each folder of `.kmig` files is one chain (as `kmig check`
 * groups them), with open buffers replacing the files on disk. Analyses are cached per folder
 * and thrown away when one of its files changes (`invalidate`).
 */
export class Workspace {
  private readonly open = new Map<string, OpenBuffer>();
  private readonly disk = new Map<string, DiskFile>();
  private readonly parses = new Map<string, Map<string, ParsedFile>>();
  private readonly analyses = new Map<string, ChainAnalysis>();
  /** The last analysis of each folder, kept when a change makes it stale: the next check resumes from it. */
  private readonly last = new Map<string, ChainAnalysis>();

  /** `root`: the workspace folder, to show paths relative to it (as the CLI run there would). */
  constructor(private readonly root: string | null) {}

  /** Where a document's chain is: the folder of its file; a buffer with no file is a chain of its own. */
  placeOf(uri: string): DocumentPlace {
    const path = pathOfUri(uri);
    // A folder's kmig.yaml belongs to its chain (it sets how the chain is linted).
    if (path !== null && basename(path) === LINT_CONFIG_FILE) return { key: resolve(path), folder: dirname(resolve(path)) };
    // A buffer with no file, or a file not called `.kmig`, is a chain of its own.
    if (path === null || !path.endsWith(".kmig")) return { key: path === null ? uri : resolve(path), folder: path === null ? uri : resolve(path) };
    return { key: resolve(path), folder: dirname(resolve(path)) };
  }

  /** Sets a buffer's text (open or change); returns the folder to check again. */
  setBuffer(uri: string, text: string): string {
    const place = this.placeOf(uri);
    this.open.set(place.key, { uri, text });
    this.analyses.delete(place.folder);
    return place.folder;
  }

  /** Closes a buffer: the file on disk (if any) takes its place again. */
  closeBuffer(uri: string): string {
    const place = this.placeOf(uri);
    this.open.delete(place.key);
    this.analyses.delete(place.folder);
    return place.folder;
  }

  /** Files changed on disk (created, changed, deleted): their folders are read again. */
  invalidate(uris: readonly string[]): Set<string> {
    const folders = new Set<string>();
    for (const uri of uris) {
      const place = this.placeOf(uri);
      this.disk.delete(place.key);
      this.analyses.delete(place.folder);
      folders.add(place.folder);
    }
    return folders;
  }

  /** Whether the folder's analysis must be redone before it answers. */
  isStale(folder: string): boolean {
    return !this.analyses.has(folder);
  }

  /** The folder's chain, checked (from the cache when nothing changed since). */
  analysis(folder: string): ChainAnalysis {
    const cached = this.analyses.get(folder);
    if (cached) return cached;
    let cache = this.parses.get(folder);
    if (!cache) this.parses.set(folder, (cache = new Map()));
    const a = analyseChain(folder, this.sourcesOf(folder), cache, this.last.get(folder) ?? null, this.lintConfig(folder));
    this.analyses.set(folder, a);
    this.last.set(folder, a);
    return a;
  }

  /** Folders with an open buffer: the chains the editor is showing. */
  openFolders(): Set<string> {
    return new Set([...this.open.values()].map((b) => this.placeOf(b.uri).folder));
  }

  /** Forgets a folder no buffer is open in any more (its caches). */
  forget(folder: string): void {
    if (this.openFolders().has(folder)) return;
    this.analyses.delete(folder);
    this.last.delete(folder);
    this.parses.delete(folder);
    for (const key of this.disk.keys()) if (dirname(key) === folder) this.disk.delete(key);
  }

  private sourcesOf(folder: string): ChainSource[] {
    const alone = this.open.get(folder);
    if (alone) return [this.bufferSource(folder, alone)];
    const keys = new Set(listSpecs(folder).map((name) => join(folder, name)));
    for (const key of this.open.keys()) if (dirname(key) === folder && key.endsWith(".kmig")) keys.add(key);
    const out: ChainSource[] = [];
    for (const key of [...keys].sort(byName)) {
      const b = this.open.get(key);
      const s = b ? this.bufferSource(key, b) : this.diskSource(key);
      if (s) out.push(s);
    }
    return out;
  }

  /**
   * The folder's kmig.yaml read by `kmig check`'s own loader (compiler/lint/config.ts), from the
   * editor's buffer if it is open, else from disk; null for a buffer that is a chain of its own.
   */
  private lintConfig(folder: string): (LintConfig & { uri: string }) | null {
    if (this.open.has(folder)) return null;
    const config = lintConfigFor(folder, null, {
      text: (path) => this.open.get(path)?.text ?? this.readDisk(path)?.text ?? null,
      display: (path) => this.display(path),
    });
    const path = join(folder, LINT_CONFIG_FILE);
    return { ...config, uri: this.open.get(path)?.uri ?? uriOfPath(path) };
  }

  private bufferSource(key: string, b: OpenBuffer): ChainSource {
    return { uri: b.uri, key, source: makeSourceFile(this.display(key), b.text), readProblems: [] };
  }

  private diskSource(key: string): ChainSource | null {
    const f = this.readDisk(key);
    if (!f) return null;
    const source = makeSourceFile(this.display(key), f.text);
    const readProblems: Diagnostic[] =
      f.badOffset === null
        ? []
        : [
            diag("K1006", source, { start: f.badOffset, end: f.badOffset + 1 }, "the file is not valid UTF-8 text", {
              label: "invalid byte here",
              help: "kmig reads UTF-8 text files; is this the right file?",
            }),
          ];
    return { uri: uriOfPath(key), key, source, readProblems };
  }

  private readDisk(key: string): DiskFile | null {
    let st;
    try {
      st = statSync(key);
    } catch {
      return null;
    }
    const hit = this.disk.get(key);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    let bytes: Buffer;
    try {
      bytes = readFileSync(key);
    } catch {
      return null;
    }
    const f = { mtimeMs: st.mtimeMs, size: st.size, ...decodeUtf8(bytes) };
    this.disk.set(key, f);
    return f;
  }

  /** A path as diagnostics show it: relative to the workspace root when inside it. */
  private display(key: string): string {
    if (this.root === null || !key.startsWith("/")) return key;
    const rel = relative(this.root, key);
    return rel && !rel.startsWith("..") ? rel : key;
  }
}

const byName = (a: string, b: string): number => {
  const x = basename(a);
  const y = basename(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The `.kmig` files of a folder, as `kmig check` takes them (hidden files left out). */
function listSpecs(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".kmig") && !e.name.startsWith("."))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

const strict = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 text; invalid UTF-8 gives the valid prefix and the offset (in that text) of the bad byte. */
function decodeUtf8(bytes: Uint8Array): { text: string; badOffset: number | null } {
  try {
    const text = strict.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? " " + text.slice(1) : text, badOffset: null };
  } catch {
    const text = new TextDecoder("utf-8").decode(bytes);
    const bad = text.indexOf("\ufffd");
    const prefix = text.slice(0, Math.max(0, bad));
    return { text: prefix, badOffset: prefix.length };
  }
}
