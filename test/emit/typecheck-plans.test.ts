import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { emitFolder, showDiagnostic, STRICTEST, typeErrors, writeModules } from "./support.js";

/**
 * Emitted plans are self-contained: the project's TypeScript checks a freshly written output
 * folder on its own, with no tsconfig and no type packages — as `tsc --noEmit --strict *.ts` run
 * inside that folder, anywhere. Also under the strictest flags users turn on in their own projects.
 */

/**
 * What the emitted modules export, seen through kmig's own types: each `plan` must be a
 * core/plan.ts `Plan`, and kmig's runtime `rt` must be an emitted `Rt`. (The negative line
 * proves the check is not vacuous: were a type unresolved, its `@ts-expect-error` would fail.)
 */
const COMPAT = (plan: string, jsRuntime: string) => `
import type { Plan, StashLayout } from ${JSON.stringify(plan)};
import { rt as kmigRt } from ${JSON.stringify(jsRuntime)};
import * as baseline from "./000_baseline.js";
import * as v2 from "./001_keiko_v2.js";
export const plans: readonly Plan[] = [baseline.plan, v2.plan];
export const stashes: readonly StashLayout[] = Object.values(v2.stashLayout);
export const rt: v2.Rt = kmigRt;
// @ts-expect-error a stash layout is not a plan
export const notAPlan: Plan = v2.stashLayout;
`;

describe("emitted plan modules type-check alone", () => {
  let dir = "";
  let compatDir = "";
  beforeAll(async () => {
    const modules = await emitFolder("specs/keiko");
    dir = writeModules(modules);
    compatDir = writeModules(modules);
  });

  it("writes one module per spec file", () => {
    expect(readdirSync(dir).sort()).toEqual(["000_baseline.ts", "001_keiko_v2.ts"]);
  });

  it("passes tsc --noEmit --strict", () => {
    expect(typeErrors(dir, { strict: true })).toEqual([]);
  });

  it("exports a plan that kmig's Plan type accepts, and an Rt that kmig's runtime implements", () => {
    const compat = join(compatDir, "compat.ts");
    writeFileSync(compat, COMPAT(resolve("core/plan.ts").replace(/\.ts$/, ".js"), resolve("runtime/js-runtime.ts").replace(/\.ts$/, ".js")));
    const program = ts.createProgram([compat], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true });
    const file = program.getSourceFile(compat) as ts.SourceFile;
    expect([...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(showDiagnostic)).toEqual([]);
  });

  it("passes the strictest flags as an ES module", () => {
    expect(typeErrors(dir, STRICTEST)).toEqual([]);
  });
});
