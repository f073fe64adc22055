import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checksumLine, emitFolder } from "./support.js";

/**
 * Emitted plans are deterministic: the same spec gives the same bytes, and their header carries the
 * spec's meaning checksum, which formatting-only edits keep and any change of meaning alters.
 */

const SPEC = "001_keiko_v2.kmig";
const original = readFileSync(`specs/keiko/${SPEC}`, "utf8");

/** The Keiko v2 module for the spec text `text` (the baseline unchanged). */
async function v2Module(text: string) {
  const modules = await emitFolder("specs/keiko", { [SPEC]: text });
  return modules[1];
}

/** The same spec, laid out differently: comments gone, indentation and spacing changed, blank lines added. */
function reformatted(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .map((line) => line.replace(/\s+\/\/ .*$/, "").replace(/^( +)/, (indent) => "\t".repeat(indent.length / 2)).replace(/ {2,}/g, " "))
    .join("\n\n");
}

describe("emitted plans are deterministic", () => {
  it("emits the same bytes twice", async () => {
    const first = await emitFolder("specs/keiko");
    const second = await emitFolder("specs/keiko");
    expect(second.map((m) => m.text)).toEqual(first.map((m) => m.text));
    for (const m of first) expect(m.text).not.toMatch(/\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d/);
  });

  it("keeps the checksum across formatting-only edits", async () => {
    const edited = reformatted(original);
    expect(edited).not.toBe(original);
    expect(edited).not.toContain("//");
    const before = await v2Module(original);
    const after = await v2Module(edited);
    expect(checksumLine(before)).toMatch(/[0-9a-f]{64}$/);
    expect(checksumLine(after)).toBe(checksumLine(before));
  });

  it("changes the checksum when the meaning changes", async () => {
    const changed = original.replace("agent_type ?? 'generic'", "agent_type ?? 'general'");
    expect(changed).not.toBe(original);
    const before = await v2Module(original);
    const after = await v2Module(changed);
    expect(checksumLine(after)).not.toBe(checksumLine(before));
  });
});
