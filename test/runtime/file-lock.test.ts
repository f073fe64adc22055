import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockFolder } from "../../runtime/db/file-lock.js";
import { RunError } from "../../runtime/errors.js";

describe("the embedded database's folder lock", () => {
  let dir: string;
  let lock: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "kmig-lock-"));
    lock = join(dir, "db.lock");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is exclusive: a second taker waits, then fails naming the holder", async () => {
    const release = await lockFolder(lock, "kmig apply", 1000);
    const e = await lockFolder(lock, "kmig status", 50).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RunError);
    expect((e as RunError).code).toBe("K9002");
    expect((e as RunError).message).toContain(`kmig apply (pid ${process.pid} on ${hostname()})`);
    release();
    expect(existsSync(lock)).toBe(false);
    (await lockFolder(lock, "kmig status", 50))();
  });

  it("is taken over when the process that holds it is gone", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid;
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), command: "kmig apply", since: "2026-01-01T00:00:00Z" }));
    const release = await lockFolder(lock, "kmig apply", 50);
    expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("is not taken over from a live process on another host", async () => {
    writeFileSync(lock, JSON.stringify({ pid: 1, host: `not-${hostname()}`, command: "kmig apply", since: "2026-01-01T00:00:00Z" }));
    await expect(lockFolder(lock, "kmig apply", 50)).rejects.toThrow(/another kmig run holds the embedded database/);
  });
});
