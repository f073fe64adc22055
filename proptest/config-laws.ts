import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Document } from "yaml";
import type { CheckedConfig } from "../compiler/ops/config-block.js";
import { children, type IrExpr } from "../compiler/ir/expr.js";
import { rt } from "../runtime/js-runtime.js";
import { compileConfigStep } from "../runtime/config/config-transform.js";
import { matchSources, planConfigFiles, restoreFiles, stageFiles } from "../runtime/config/config-files.js";
import { YAML_OPTIONS } from "../runtime/config/yaml-doc.js";
import type { Plan } from "../core/plan.js";
import { valueArb, type Hints } from "./row-arbitrary.js";
import { LawFailure } from "./law-failure.js";
import type { LawModule } from "./law-module.js";

const JSON_ANY = { kind: "json", storage: "jsonb", nullable: true } as const;

/** v1 documents shaped like the block's input: the keys it reads (any JSON), and its required keys. */
export function configDocArb(c: CheckedConfig, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const read = new Set<string>();
  const walk = (e: IrExpr) => {
    if (e.kind === "docKey" && e.side === "old") read.add(e.key);
    children(e).forEach(walk);
  };
  c.keys.forEach((k) => walk(k.value));
  const required = new Map(c.step.requires.filter((r) => r.path.length === 1).map((r) => [r.path[0], r.type]));
  const anyValue = valueArb(JSON_ANY, hints);
  const typed = (t: string | null) =>
    t === "string" ? fc.string({ minLength: 1, maxLength: 12 }) : t === "number" ? fc.integer() : t === "boolean" ? fc.boolean() : t === "array" ? fc.array(fc.string(), { maxLength: 3 }) : t === "object" ? fc.dictionary(fc.string({ maxLength: 4 }), fc.string()) : fc.string({ minLength: 1 });
  const optional = Object.fromEntries([...read].filter((k) => !required.has(k)).map((k) => [k, anyValue]));
  const requiredArbs = Object.fromEntries([...required].map(([k, t]) => [k, typed(t)]));
  return fc
    .tuple(fc.record(optional, { requiredKeys: [] }), fc.record(requiredArbs))
    .map(([o, r]) => ({ ...o, ...r }) as Record<string, unknown>)
    .map((doc) => JSON.parse(JSON.stringify(doc, (_k, v) => (v === undefined ? null : v))) as Record<string, unknown>);
}

/** One generated document: the mapping is total, its expects hold, and apply∘rollback leaves the folder as it was. */
export async function checkConfigOnce(c: CheckedConfig, doc: Record<string, unknown>, code: LawModule): Promise<void> {
  // The step as the module binds it: its keys run the module's functions, as a compiled folder's do.
  const step = code.plan.config.find((s) => s.id === c.step.id) ?? c.step;
  const t = compileConfigStep(step);
  let built: unknown;
  try {
    built = t.build(doc);
  } catch (e) {
    throw new LawFailure("forward is total", c.step.origin, doc, `the config mapping throws: ${(e as Error).message}`);
  }
  for (const e of code.configExpects[c.step.id] ?? []) {
    if (e.holds(doc, built, rt) !== true) {
      throw new LawFailure("expect clauses hold", c.step.origin, doc, `expect fails (new document: ${JSON.stringify(built)})`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "kmig-config-law-"));
  try {
    const rel = c.step.source.replace(/[*?]/g, "x");
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    const text = new Document(doc, YAML_OPTIONS).toString();
    writeFileSync(path, text);
    if (matchSources(dir, c.step.source).length !== 1) return;
    const plan = { id: "law", config: [step] } as unknown as Plan;
    const changes = planConfigFiles([plan], dir, dir);
    stageFiles(dir, changes).commit();
    restoreFiles(dir, changes.map((ch) => ({ path: ch.path, before: ch.before })));
    if (readFileSync(path, "utf8") !== text) throw new LawFailure("rollback is exact", c.step.origin, doc, "rollback did not restore the file byte for byte");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
