import { explainPlan } from "../compiler/explain.js";
import { stepLocks } from "../compiler/lint/step-locks.js";
import { parseCommandArgs } from "./args.js";
import { loadChainFolder } from "./load-chains.js";
import { printerFor } from "./printer.js";

export const EXPLAIN_HELP = `kmig explain <folder> [--json]

Prints, for each step of each migration of the spec folder (the .kmig files directly in it): its
SQL, its inverse, whether it is reversible, reversible with a stash, lossy or irreversible, and
why; the locks it takes on tables that have rows and whether it scans or rewrites them; and what
each stash keeps.
  --json      the plans as one JSON document on one line ({"type":"explain","plans":[…]})
Exit code: 0 ok, 1 the spec has errors, 2 usage error.`;

export function runExplain(argv: string[]): number {
  const { values, positionals } = parseCommandArgs("explain", argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(EXPLAIN_HELP + "\n");
    return 0;
  }
  const out = printerFor(values.json ?? false);
  const loaded = loadChainFolder("explain", positionals);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    out.diagnostics(errors);
    out.note(`the spec has ${errors.length} error(s); run \`kmig check\` for all diagnostics`);
    return 1;
  }
  const units = loaded.chains.flatMap((c) => c.result.units);
  const plans = units.map((u) => u.plan);
  if (values.json) process.stdout.write(JSON.stringify({ type: "explain", plans }) + "\n");
  else process.stdout.write(units.map((u) => explainPlan(u.plan, stepLocks(u))).join("\n\n") + "\n");
  return 0;
}
