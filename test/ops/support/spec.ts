import { compileChain, type ChainResult } from "../../../compiler/pipeline.js";
import { makeSourceFile } from "../../../core/source-file.js";
import type { Plan } from "../../../core/plan.js";

/** A case's spec as text: the baseline's items and each migration's items, wrapped into a chain. */
export interface CaseSpec {
  readonly baseline: string;
  readonly migrations: readonly string[];
}

/** The chain's files, in memory: `000_baseline.kmig`, `001_m1.kmig`, … (versions 1, 2, …). */
export function chainFiles(spec: CaseSpec): { path: string; text: string }[] {
  const files = [{ path: "spec/000_baseline.kmig", text: `baseline base version '1' {\n${spec.baseline}\n}\n` }];
  spec.migrations.forEach((body, i) => {
    const n = i + 1;
    files.push({ path: `spec/${String(n).padStart(3, "0")}_m${n}.kmig`, text: `migration m${n} from '${n}' to '${n + 1}' {\n  describe 'case step ${n}'\n${body}\n}\n` });
  });
  return files;
}

export function compileCase(spec: CaseSpec): ChainResult {
  return compileChain(chainFiles(spec).map((f) => makeSourceFile(f.path, f.text)));
}

/** `code message` of each error, for readable assertion failures. */
export function errorsOf(chain: ChainResult): string[] {
  return chain.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);
}

/** The compiled baseline plan and migration plans of a chain that must compile without errors. */
export function plansOf(chain: ChainResult): { baseline: Plan; migrations: Plan[] } {
  const errors = errorsOf(chain);
  if (errors.length > 0) throw new Error(`the case's spec does not compile:\n${errors.join("\n")}`);
  const [baseline, ...migrations] = chain.units.map((u) => u.plan);
  return { baseline, migrations };
}
