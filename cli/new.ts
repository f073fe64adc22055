import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandArgs } from "./args.js";
import { UsageError } from "./files.js";
import { loadChainFolder } from "./load-chains.js";
import { printerFor } from "./printer.js";

export const NEW_HELP = `kmig new <folder> <name> [--to V]

Starts the next migration of the chain in <folder>: writes <folder>/NNN_<name>.kmig (NNN one past
the last file's number) holding \`migration <name> from '<current>' to '<next>'\`, where <current>
is the version the chain reaches now and <next> is it with its last number raised by one (or
--to V). The chain must check without errors.

Options:
  --to V               the new version (default: the current one, last number + 1)
  --json               JSON events on stdout`;

/** `kmig new <folder> <name>`: scaffolds the chain's next migration. */
export async function runNew(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("new", argv, { to: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(NEW_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError("kmig new takes a folder and a name", "kmig new <folder> <name>, e.g. kmig new specs/shop add_currency");
  const [folder, name] = positionals;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`\`${name}\` is not a migration id`, "an id is letters, digits and _, not starting with a digit: add_currency");
  const out = printerFor(values.json ?? false);
  const loaded = loadChainFolder("new", [folder]);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    out.diagnostics(errors);
    out.note(`the chain has ${errors.length} error(s); fix them before adding a migration`, "info");
    return 1;
  }
  const units = loaded.chains[0].result.units;
  if (units.some((u) => u.plan.id === name)) throw new UsageError(`the chain already has a migration \`${name}\``, "choose another id");
  const current = units[units.length - 1].plan.to;
  const to = values.to ?? nextVersion(current);
  if (to === current) throw new UsageError(`--to ${to} is the version the chain is at`, "give the version this migration reaches");
  const numbers = readdirSync(folder).filter((f) => f.endsWith(".kmig")).map((f) => /^(\d+)/.exec(f)?.[1]).filter((n): n is string => n !== undefined);
  const width = Math.max(3, ...numbers.map((n) => n.length));
  const next = String(Math.max(-1, ...numbers.map(Number)) + 1).padStart(width, "0");
  const file = join(folder, `${next}_${name}.kmig`);
  if (existsSync(file)) throw new UsageError(`${file} already exists`, "choose another name", "K9086");
  writeFileSync(file, `migration ${name} from '${current}' to '${to}' {\n  describe '${name.replace(/_/g, " ")}'\n}\n`);
  out.event({ type: "new", file, from: current, to });
  if (!out.json) process.stderr.write(`wrote ${file}: migration ${name} from ${current} to ${to}\n`);
  return 0;
}

/** `1.9.0` → `1.9.1`, `v3` → `v4`; a version without a number gets `.1`. */
export function nextVersion(v: string): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(v);
  return m ? `${m[1]}${Number(m[2]) + 1}${m[3]}` : `${v}.1`;
}
