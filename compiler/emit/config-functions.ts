import type { IrExpr } from "../ir/expr.js";
import { JSONB } from "../../core/types.js";
import type { SourceFile } from "../../core/source-file.js";
import type { CheckedConfig, ConfigKey } from "../ops/config-block.js";
import { exportedConst, type Declaration } from "./module-model.js";
import { expectationsLiteral, param } from "./function-parts.js";
import type { ModuleLowering } from "./lowering.js";
import { objectKey, pascalCase, type ClaimName } from "./names.js";

/** What one config block contributes: its function, its expects, the helpers they call, its `configs` entry. */
export interface ConfigFunctions {
  readonly declarations: readonly Declaration[];
  readonly helpers: ReadonlySet<ConfigHelper>;
  readonly entry: string;
}

/** The module-private helpers config functions call; each is declared only in modules that use it. */
export type ConfigHelper = "jsonValue" | "copyDocument" | "setKey" | "removeKey";

/**
 * `configX(row, rt)`: the new document from the old one. A plain block builds it key by key in
 * spec order (nested blocks as nested objects); a `patch` block starts from a copy of the old
 * document, removes what it says, then sets its keys. A value that is missing is written as null.
 */
export function configFunctions(file: SourceFile, c: CheckedConfig, claim: ClaimName, lower: ModuleLowering): ConfigFunctions {
  const name = claim(`config${pascalCase(c.step.source)}`);
  const helpers = new Set<ConfigHelper>(["jsonValue"]);
  const value = (k: ConfigKey) => `jsonValue(${lower.js(asJson(k.value))})`;
  let body: string;
  if (c.step.patch) {
    for (const h of ["copyDocument", "setKey", "removeKey"] as const) helpers.add(h);
    const removes = c.removes.map((p) => `removeKey(doc, ${JSON.stringify(p)});`);
    const sets = c.keys.map((k) => `setKey(doc, ${JSON.stringify(k.path)}, ${value(k)});`);
    body = ["const doc = copyDocument(row);", ...removes, ...sets, "return doc;"].join("\n");
  } else {
    body = `return ${objectLiteral(keyTree(c.keys), value)};`;
  }
  const target = c.step.target ? ` into \`${c.step.target}\`` : "";
  const declarations: Declaration[] = [
    {
      kind: "function",
      structure: {
        name,
        isExported: true,
        docs: [`The new \`${c.step.source}\` document${target} (step \`${c.step.id}\`), from the old one.`],
        parameters: [
          { name: param("row", body), type: "Json" },
          { name: param("rt", body), type: "Rt" },
        ],
        returnType: "Json",
        statements: [body],
      },
    },
  ];
  let expects = "[]";
  if (c.expects.length > 0) {
    expects = claim(`expect${pascalCase(c.step.source)}`);
    declarations.push(exportedConst(expects, `The \`expect\`s of the \`config '${c.step.source}'\` block, over each document before and after.`, "readonly Expectation<Json, Json>[]", expectationsLiteral(file, c.expects, lower)));
  }
  return { declarations, helpers, entry: `{ apply: ${name}, expects: ${expects} }` };
}

/** A key's value as JSON: scalars the way `to_jsonb` converts them (numeric as a number, not its text). */
function asJson(e: IrExpr): IrExpr {
  return e.type.kind === "json" ? e : { kind: "toJson", arg: e, type: JSONB, span: e.span };
}

interface KeyNode {
  readonly children: Map<string, KeyNode>;
  value: ConfigKey | null;
}

/**
 * Key paths as a tree, each level in the order its keys first appear in the spec. Later lines win
 * as if the keys were set one by one: `a.b := …` after `a := …` makes `a` an object again, and
 * `a := …` after `a.b := …` replaces the object (a key keeps its first position either way).
 */
function keyTree(keys: readonly ConfigKey[]): KeyNode {
  const root: KeyNode = { children: new Map(), value: null };
  for (const k of keys) {
    let node = root;
    for (const part of k.path) {
      node.value = null;
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = { children: new Map(), value: null }));
      node = child;
    }
    node.children.clear();
    node.value = k;
  }
  return root;
}

function objectLiteral(node: KeyNode, value: (k: ConfigKey) => string): string {
  const entries = [...node.children].map(([key, child]) => `${objectKey(key)}: ${child.value ? value(child.value) : objectLiteral(child, value)}`);
  return `{ ${entries.join(", ")} }`;
}

/** The helpers' source, by name (declared once per module, only when used). */
export const CONFIG_HELPERS: Readonly<Record<ConfigHelper, Declaration>> = {
  jsonValue: helper("jsonValue", "A value written into a document: SQL NULL or a missing key becomes null.", [["v", "unknown"]], "Json", "return v === undefined ? null : (v as Json);"),
  copyDocument: helper(
    "copyDocument",
    "A deep copy of the old document to patch; a document that is not an object patches an empty one.",
    [["doc", "Json"]],
    "{ [key: string]: Json }",
    "const copy: unknown = JSON.parse(JSON.stringify(doc));\nreturn typeof copy === \"object\" && copy !== null && !Array.isArray(copy) ? (copy as { [key: string]: Json }) : {};",
  ),
  setKey: helper(
    "setKey",
    "Sets a nested key, creating (or replacing non-objects with) the objects on its way. defineProperty, so that a key named `__proto__` is a key.",
    [["doc", "{ [key: string]: Json }"], ["path", "readonly string[]"], ["value", "Json"]],
    "void",
    [
      "let at = doc;",
      "path.forEach((key, i) => {",
      "  const inner = Object.prototype.hasOwnProperty.call(at, key) ? at[key] : undefined;",
      "  const next: Json = i === path.length - 1 ? value : typeof inner === \"object\" && inner !== null && !Array.isArray(inner) ? inner : {};",
      "  Object.defineProperty(at, key, { value: next, enumerable: true, writable: true, configurable: true });",
      "  if (i < path.length - 1) at = next as { [key: string]: Json };",
      "});",
    ].join("\n"),
  ),
  removeKey: helper(
    "removeKey",
    "Removes a nested key if it is there.",
    [["doc", "{ [key: string]: Json }"], ["path", "readonly string[]"]],
    "void",
    [
      "let at: Json | undefined = doc;",
      "path.forEach((key, i) => {",
      "  if (typeof at !== \"object\" || at === null || Array.isArray(at)) return;",
      "  const o = at as { [key: string]: Json };",
      "  if (i === path.length - 1) delete o[key];",
      "  else at = Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;",
      "});",
    ].join("\n"),
  ),
};

function helper(name: string, doc: string, parameters: readonly (readonly [string, string])[], returnType: string, body: string): Declaration {
  return { kind: "function", structure: { name, docs: [doc], parameters: parameters.map(([n, type]) => ({ name: n, type })), returnType, statements: [body] } };
}
