import type * as A from "../../grammar/ast.js";
import type { ConfigStep } from "../../core/plan.js";
import { checkExpr } from "../expr/check-expr.js";
import { emptyScope } from "../expr/scope.js";
import type { IrExpr } from "../ir/expr.js";
import { JSONB } from "../../core/types.js";
import { originOf, report, type MigrationContext } from "../migration/context.js";
import { lowerJs, mapJs } from "../expr/lower-js.js";
import type { Span } from "../../grammar/ast.js";
import { configPathProblem } from "../../core/config-path.js";

/** One key the new document gets, in spec order, with its mapping over the old document. */
export interface ConfigKey {
  readonly path: readonly string[];
  readonly value: IrExpr;
  readonly span: Span;
}

/** A checked config block: the plan step, and the typed mappings the JS lowering reads. */
export interface CheckedConfig {
  readonly step: ConfigStep;
  readonly keys: readonly ConfigKey[];
  readonly removes: readonly (readonly string[])[];
  readonly expects: readonly { readonly expr: IrExpr; readonly when: IrExpr | null; readonly span: A.Span }[];
}

/** Checks a `config` block: names are keys of the old document, `$` the whole document. */
export function compileConfig(cx: MigrationContext, item: A.ConfigMigration): CheckedConfig {
  const scope = { ...emptyScope(cx.file, cx.diags), mode: "doc" as const, maps: cx.maps, defs: cx.defs, types: cx.schema.types };
  const keys: ConfigKey[] = [];
  const removes: string[][] = [];
  const requires: ConfigStep["requires"][number][] = [];
  const expects: CheckedConfig["expects"][number][] = [];
  const seen = new Map<string, A.Span>();
  const walk = (items: readonly A.ConfigItem[], prefix: string[]) => {
    for (const i of items) {
      switch (i.kind) {
        case "RequireKey":
          requires.push({ path: [...prefix, ...i.path.keys.map((k) => k.name)], type: i.valueType, origin: originOf(cx, i.span) });
          break;
        case "RemoveKey":
          if (!item.patch) report(cx, "K2014", i.span, "`remove` only means something in a `patch` block", { help: "a block without `patch` builds a new document: keys not set are simply absent" });
          removes.push([...prefix, ...i.path.keys.map((k) => k.name)]);
          break;
        case "SetKey": {
          const path = [...prefix, ...i.path.keys.map((k) => k.name)];
          const id = path.join(".");
          if (seen.has(id)) report(cx, "K2014", i.path.span, `key \`${id}\` is set twice`, { secondary: [{ file: cx.file, span: seen.get(id) as A.Span, label: "first set here" }] });
          seen.set(id, i.path.span);
          keys.push({ path, value: checkExpr(i.value, scope), span: i.span });
          break;
        }
        case "KeyBlock":
          walk(i.items, [...prefix, ...i.path.keys.map((k) => k.name)]);
          break;
        case "ExpectClause": {
          const es = { ...scope, inExpect: true };
          expects.push({ expr: checkExpr(i.expr, es), when: i.when ? checkExpr(i.when, es) : null, span: i.span });
          break;
        }
      }
    }
  };
  walk(item.items, []);
  checkPath(cx, item.source, "source");
  if (item.target) checkPath(cx, item.target, "target");
  const step: ConfigStep = {
    kind: "config",
    id: `${cx.migrationId}:config:${item.source.value}`,
    source: item.source.value,
    target: item.target?.value ?? null,
    patch: item.patch,
    origin: originOf(cx, item.span),
    requires,
    keys: keys.map((k) => ({ path: k.path, js: lowerJs(asDocumentValue(k.value)), origin: originOf(cx, k.span) })),
    removes,
    maps: Object.fromEntries([...cx.maps.entries()].map(([name, m]) => [name, mapJs(m)])),
    expects: expects.map((e) => ({ js: lowerJs(e.expr), whenJs: e.when ? lowerJs(e.when) : null, origin: originOf(cx, e.span) })),
  };
  return { step, keys, removes, expects };
}

/** A config path must stay inside its folder: relative, no `..` (the runtime also refuses symlinks that leave it). */
function checkPath(cx: MigrationContext, lit: A.StringLit, role: "source" | "target"): void {
  const problem = configPathProblem(lit.value);
  if (problem === null) return;
  const folder = role === "source" ? "source folder (--config-from)" : "target folder (--config-to)";
  report(cx, "K4020", lit.span, `the config ${role} \`${lit.value}\` ${problem}`, {
    label: `leaves the ${role} folder`,
    help: `a config ${role} is a path relative to the ${folder} and stays inside it: write it without \`..\` or a leading \`/\``,
  });
}

/** Scalar types whose JavaScript value already is its JSON (`to_json` is the identity on them). */
const JSON_AS_IS = new Set(["text", "varchar", "boolean", "smallint", "integer"]);

/**
 * A key's value as it goes into the document: JSON, converted as `to_jsonb` converts it (a numeric
 * `1.0` is the number 1.0, not the text '1.0'; a timestamp ISO 8601), as the emitted plan does.
 */
export function asDocumentValue(e: IrExpr): IrExpr {
  if (e.type.kind === "json" || (e.type.kind === "scalar" && JSON_AS_IS.has(e.type.name))) return e;
  return { kind: "toJson", arg: e, type: JSONB, span: e.span };
}
