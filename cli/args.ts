import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestMatch } from "../core/diagnostics/suggest.js";
import { UsageError } from "./files.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * A command's arguments, checked by kmig rather than by Node's parseArgs (whose messages name no
 * command and quote unevenly): an unknown option gets a did-you-mean from the command's own
 * options, an option without its value or with one it does not take says so, and an option given
 * twice is an error rather than a silent last-one-wins. Values may start with `-` (`--batch-size
 * -1` reaches the check that says why -1 is wrong); `--` ends the options.
 */
export function parseCommandArgs<O extends Options>(command: string, argv: readonly string[], options: O) {
  const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  const known = Object.keys(options);
  const seen = new Set<string>();
  const normalised: string[] = [];
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === "positional") positionals.push(t.value);
    if (t.kind !== "option") continue;
    const raw = argv[t.index];
    const opt = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!opt || (t.rawName.startsWith("-") && !t.rawName.startsWith("--") && raw.length > 2 && !raw.startsWith("--"))) throw unknownOption(command, raw, known);
    if (seen.has(t.name) && !opt.multiple) throw new UsageError(`\`--${t.name}\` is given twice`, `give each option once; see \`kmig ${command} --help\``);
    seen.add(t.name);
    if (opt.type === "boolean") {
      if (t.inlineValue) throw new UsageError(`\`--${t.name}\` takes no value, found \`${raw}\``, `write \`--${t.name}\` alone`);
      normalised.push(`--${t.name}`);
      continue;
    }
    if (t.value === undefined || (!t.inlineValue && Object.hasOwn(options, t.value.replace(/^--?/, "").split("=")[0]) && t.value.startsWith("-"))) {
      throw new UsageError(`\`--${t.name}\` needs a value${t.value === undefined ? "" : `, found the option \`${t.value}\``}`, `write \`--${t.name} VALUE\`; see \`kmig ${command} --help\``);
    }
    normalised.push(`--${t.name}=${t.value}`);
  }
  const parsed = parseArgs({ args: [...normalised, "--", ...positionals], options, allowPositionals: true, strict: true });
  return { values: parsed.values, positionals: parsed.positionals };
}

function unknownOption(command: string, raw: string, known: readonly string[]): UsageError {
  const name = raw.replace(/^-+/, "").split("=")[0];
  const match = closestMatch(name, known) ?? (known.includes(name) ? name : null);
  const help = match ? `did you mean \`--${match}\`?` : `\`kmig ${command} --help\` lists its options`;
  return new UsageError(`unknown option \`${raw.split("=")[0]}\` for kmig ${command}`, help);
}
