import { parseArgs } from "node:util";
import { renderDiagnostic } from "../core/diagnostics/render-text.js";
import { explainPlan } from "../compiler/explain.js";
import { UsageError } from "./files.js";
import { loadChains } from "./load-chains.js";
import { styleFor } from "./output.js";

export const EXPLAIN_HELP = `kmig explain <folder> [--json]

Prints, for each step of each migration: its SQL, its inverse, whether it is reversible,
reversible with a stash, lossy or irreversible, and why; and what each stash keeps.
Exit code: 0 ok, 1 the spec has errors, 2 usage error.`;

export function runExplain(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(EXPLAIN_HELP + "\n");
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("kmig explain needs a spec folder");
  const loaded = loadChains(positionals);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const style = styleFor(process.stderr);
    for (const d of errors) process.stderr.write(renderDiagnostic(d, style) + "\n\n");
    process.stderr.write(`the spec has ${errors.length} error(s); run \`kmig check\` for all diagnostics\n`);
    return 1;
  }
  const plans = loaded.chains.flatMap((c) => c.result.units.map((u) => u.plan));
  if (values.json) process.stdout.write(JSON.stringify(plans, null, 2) + "\n");
  else process.stdout.write(plans.map(explainPlan).join("\n\n") + "\n");
  return 0;
}
