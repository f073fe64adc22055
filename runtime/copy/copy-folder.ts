import { createHash } from "node:crypto";
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { RunError } from "../errors.js";

export interface FolderCopy {
  readonly files: number;
  readonly bytes: number;
  /** Files already there with the same content (a resumed copy). */
  readonly skipped: number;
}

const hash = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/**
 * Copies the folder `from` into `to` (created), file by file, each verified by its SHA-256 after
 * the copy; a file already in `to` with the same content is kept (so a stopped copy resumes).
 * Symbolic links are copied as links. `onFile` sees each file as it is done (progress).
 */
export function copyFolder(from: string, to: string, verify: boolean, onFile?: (rel: string, bytes: number) => void): FolderCopy {
  const src = resolve(from);
  const dst = resolve(to);
  if (dst === src || dst.startsWith(src + "/")) throw new RunError("K9530", `cannot copy ${src} into ${dst}: the target is inside the source`, "give a target folder outside the source folder");
  let files = 0;
  let bytes = 0;
  let skipped = 0;
  const walk = (dir: string): void => {
    const out = join(dst, relative(src, dir));
    mkdirSync(out, { recursive: true });
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const q = join(out, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.isSymbolicLink()) {
        if (!existsSync(q) && !isLink(q)) symlinkSync(readlinkSync(p), q);
      } else if (e.isFile()) {
        const size = statSync(p).size;
        if (existsSync(q) && statSync(q).size === size && hash(q) === hash(p)) {
          skipped++;
        } else {
          copyFileSync(p, q);
          if (verify && hash(q) !== hash(p)) throw new RunError("K9530", `the copy of ${p} does not match it (SHA-256)`, "check the target disk; run again to copy it anew");
        }
        files++;
        bytes += size;
        onFile?.(relative(src, p), size);
      }
    }
  };
  walk(src);
  return { files, bytes, skipped };
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
