import { Document, isMap } from "yaml";
import type { Rt } from "../js-runtime.js";
import { CONFIG_CODE, type ConfigStep } from "../../core/plan.js";
import { RunError } from "../errors.js";
import { floatRt } from "./float-rt.js";
import { quotedValue, sourceOfValue, unlistedValueOf } from "./unlisted-value.js";
import { ConfigInputError, parseYaml, positionOf, toPlain, YAML_OPTIONS, type ParsedYaml } from "./yaml-doc.js";
import { plainOf, YamlExact, YamlTimestamp, yamlValueOf } from "./yaml-float.js";
import { spliceEdits } from "./yaml-splice.js";

/** A config step made runnable: its key mappings are the functions the step carries (CONFIG_CODE). */
export interface ConfigTransform {
  readonly step: ConfigStep;
  /** The new file text for one old file's text; throws ConfigInputError on bad input. */
  transform(file: string, text: string): string;
  /** The new document as plain data (for property tests and expects). */
  build(old: unknown): unknown;
}

/** The JSON type of a value read from YAML; a date is text (as kmig has always read it), a big int a number. */
const typeOf = (v: unknown): string =>
  v === null || v === undefined ? "null" : v instanceof YamlTimestamp ? "string" : v instanceof YamlExact ? "number" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v;

/**
 * The step's transform, running the key functions it carries: those of the compiled module, or
 * those of the module the compiler emits for a spec folder compiled in memory
 * (compiler/emit/config-module.ts). The runtime never turns the plan's JavaScript text into code.
 */
export function compileConfigStep(step: ConfigStep): ConfigTransform {
  const code = step[CONFIG_CODE];
  if (!code || code.keys.length !== step.keys.length) {
    throw new RunError("K9064", `config step ${step.id} has no code to run (${step.origin.file}:${step.origin.line})`, "load the plan with its module (a folder `kmig compile` wrote) or from its spec folder; a plan read back as data cannot transform config files");
  }
  const keys = step.keys.map((k, i) => ({ ...k, fn: (row: unknown, rtArg: Rt) => code.keys[i](row, rtArg) }));
  /** Each key's new value (missing written as null); a closed map's unlisted value is bad input in `file`. */
  const values = (old: unknown, located: { file: string; parsed: ParsedYaml } | null) =>
    keys.map((k) => {
      try {
        const value = k.fn(old, floatRt);
        return { path: k.path, value: value === undefined ? null : value };
      } catch (e) {
        const unlisted = unlistedValueOf(e);
        if (!unlisted || !located) throw e;
        const from = sourceOfValue(old, floatRt, (rt) => k.fn(old, rt), unlisted.value);
        const pos = positionOf(located.parsed, from ?? []);
        const mapping = `\`${k.path.join(".")}\` (${k.origin.file}:${k.origin.line})`;
        throw new ConfigInputError(located.file, from?.join(".") ?? null, pos.line, pos.column, `the closed map \`${unlisted.map}\` does not list ${quotedValue(unlisted.value)}`, `${mapping} maps it: list the value in the map (or give the map an \`else\`), or change the file`);
      }
    });
  const buildRaw = (old: unknown, located: { file: string; parsed: ParsedYaml } | null): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const { path, value } of values(old, located)) setPath(out, path, value);
    return out;
  };
  return {
    step,
    build: (old) => plainOf(buildRaw(old, null)),
    transform(file, text) {
      const parsed = parseYaml(file, text);
      const old = toPlain(parsed, file);
      if (typeof old !== "object" || Array.isArray(old)) throw new ConfigInputError(file, null, 1, 1, `expected a mapping of keys at the top of the file, found ${typeOf(old)}`);
      checkRequires(step, file, parsed, old);
      if (!step.patch) return new Document(yamlValueOf(buildRaw(old, { file, parsed })), YAML_OPTIONS).toString({ lineWidth: 0 });
      // Patch mode edits the source text where it can (everything untouched stays byte for byte),
      // else the parsed document (comments and key order still kept).
      const sets = values(old, { file, parsed }).map(({ path, value }) => ({ path, value: yamlValueOf(value) }));
      const spliced = spliceEdits(text, parsed.doc, sets, step.removes);
      if (spliced !== null) return spliced;
      for (const { path, value } of sets) parsed.doc.setIn(path, value);
      for (const path of step.removes) if (parsed.doc.hasIn(path)) parsed.doc.deleteIn(path);
      if (!isMap(parsed.doc.contents) && parsed.doc.contents !== null) throw new ConfigInputError(file, null, 1, 1, "expected a mapping of keys at the top of the file");
      return parsed.doc.toString({ lineWidth: 0 });
    },
  };
}

function setPath(out: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = out;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]] = value;
}

function checkRequires(step: ConfigStep, file: string, parsed: ParsedYaml, old: unknown): void {
  for (const r of step.requires) {
    let v: unknown = old;
    for (const k of r.path) v = typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof YamlExact) ? (v as Record<string, unknown>)[k] : undefined;
    const keyPath = r.path.join(".");
    if (v === undefined || v === null) {
      const pos = positionOf(parsed, r.path);
      throw new ConfigInputError(file, keyPath, pos.line, pos.column, `required key \`${keyPath}\` is ${v === null ? "null" : "missing"}`, `the spec requires it (${r.origin.file}:${r.origin.line}); add it to the file`);
    }
    if (r.type && r.type !== "any" && typeOf(v) !== r.type) {
      const pos = positionOf(parsed, r.path);
      throw new ConfigInputError(file, keyPath, pos.line, pos.column, `key \`${keyPath}\` must be ${r.type}, found ${typeOf(v)}`, `the spec requires a ${r.type} (${r.origin.file}:${r.origin.line})`);
    }
  }
}
