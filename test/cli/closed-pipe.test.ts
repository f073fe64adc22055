import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `kmig … | head`: the reader closes the pipe early; kmig must not die with an EPIPE stack trace. */
describe("a reader that closes the pipe early", () => {
  const dir = mkdtempSync(join(tmpdir(), "kmig-pipe-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Enough output to overflow the pipe's buffer after `head` has gone.
  for (let i = 0; i < 400; i++) writeFileSync(join(dir, `f${String(i).padStart(3, "0")}.kmig`), `baseline b${i} version '1.0.0' {\ncreate table t${i} {   id int primary key }\n}\n`);

  it.each([
    ["fmt --stdout", `fmt --stdout ${dir}/*.kmig`],
    ["fmt --check", `fmt --check ${dir}/*.kmig`],
  ])("%s | head -1 ends without a stack trace", (_name, args) => {
    const kmig = join(process.cwd(), "bin/kmig.js");
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${kmig}" ${args} 2>"${dir}/err" | head -1; echo "kmig=\${PIPESTATUS[0]}"`], { encoding: "utf8" });
    const stderr = spawnSync("cat", [join(dir, "err")], { encoding: "utf8" }).stdout;
    expect(stderr).not.toMatch(/EPIPE|at .*\.mjs|Unhandled/);
    expect(r.stdout.split("\n")[0]).not.toBe("");
    // fmt --check lists files that need formatting: exit 1 says so even when nobody reads the list.
    expect(r.stdout).toMatch(/kmig=[01]\n/);
  });
});
