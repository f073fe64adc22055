import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { RunError } from "../errors.js";

/** Who holds an embedded database: written into its lock file. */
interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

/**
 * An exclusive lock on an embedded database folder, held for as long as one process has it open.
 * PGlite has no server to arbitrate: two processes opening the same folder would silently
 * overwrite each other's writes, so every kmig command takes this lock before opening it. A lock
 * whose process is gone (killed, crashed) on this host is stale and taken over.
 */
export async function lockFolder(lockPath: string, command: string, timeoutMs: number): Promise<() => void> {
  const me: Holder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tryCreate(lockPath, me)) return () => release(lockPath);
    const holder = readHolder(lockPath);
    if (holder && isStale(holder)) breakStale(lockPath, holder);
    else if (Date.now() >= deadline) {
      const who = holder ? `: ${holder.command} (pid ${holder.pid} on ${holder.host}), since ${holder.since}` : "";
      throw new RunError("K9002", `another kmig run holds the embedded database ${lockPath.replace(/\.lock$/, "")}${who}`, "wait for it to finish, or raise --lock-timeout; a crashed run's lock is taken over once its process is gone");
    } else await new Promise((r) => setTimeout(r, Math.min(100, Math.max(5, deadline - Date.now()))));
  }
}

function tryCreate(path: string, me: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    // Just created and not yet written, or just released: look again on the next round.
    return null;
  }
}

function isStale(h: Holder): boolean {
  if (h.host !== hostname() || typeof h.pid !== "number") return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Moves a stale lock aside; if another process replaced it meanwhile, puts that one back. */
function breakStale(path: string, stale: Holder): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone holds a fresh lock already; theirs wins, and the one moved aside was stale anyway.
    }
  }
  unlinkSync(aside);
}

function release(path: string): void {
  const h = existsSync(path) ? readHolder(path) : null;
  if (h && h.pid === process.pid) unlinkSync(path);
}
