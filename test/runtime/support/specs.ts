import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import type { Plan } from "../../../core/plan.js";
import { compileFolder } from "../../support/spec-chain.js";

/** A spec folder written to a temporary directory: its path, its compiled plans, and its removal. */
export interface SpecFolder {
  readonly dir: string;
  readonly plans: Plan[];
  /** Where a line of a spec file is, as a failing step names it (`…/001_v2.kmig:12`). */
  lineOf(file: string, needle: string): number;
  remove(): void;
}

/** Writes `files` (name → text) into a fresh folder and compiles them as `kmig` would; fails the test on spec errors. */
export function specFolder(files: Record<string, string>): SpecFolder {
  const dir = mkdtempSync(join(tmpdir(), "kmig-rt-spec-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, plans: compile(dir), lineOf: (file, needle) => lineIn(files[file], needle), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The plans of a spec folder; the test fails if the spec has errors. */
export function compile(dir: string): Plan[] {
  const chain = compileFolder(dir);
  expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return chain.units.map((u) => u.plan);
}

function lineIn(text: string | undefined, needle: string): number {
  const i = (text ?? "").split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`\`${needle}\` is not in the spec`);
  return i + 1;
}
