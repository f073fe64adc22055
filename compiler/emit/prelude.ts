import { typeAlias, type Declaration } from "./module-model.js";

/**
 * The types every emitted plan declares for itself, so that a plan module type-checks alone,
 * anywhere, importing nothing from kmig: the value model (`Json`, `KmigType`), the helpers the
 * lowered JavaScript calls (`Rt`, as runtime/js-runtime.ts implements it) and `Expectation`.
 * The plan data needs no declared type: it is `as const`, and test/emit checks that its type is
 * assignable to core/plan.ts's `Plan`, so a copy of those interfaces can never drift.
 */

const VALUE_TYPES: readonly Declaration[] = [
  typeAlias("Json", "A JSON value as `JSON.parse` returns it (SQL NULL and missing keys are `undefined`, not `null`).", "null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json }"),
  typeAlias(
    "KmigType",
    "A kmig expression type, as the lowered JavaScript passes it to `rt` helpers.",
    [
      '{ readonly kind: "scalar"; readonly name: string; readonly args: readonly number[]; readonly nullable: boolean }',
      '{ readonly kind: "enum"; readonly name: string; readonly nullable: boolean }',
      '{ readonly kind: "opaque"; readonly name: string; readonly modifiers: readonly string[]; readonly nullable: boolean }',
      '{ readonly kind: "array"; readonly element: KmigType; readonly nullable: boolean }',
      '{ readonly kind: "json"; readonly storage: "json" | "jsonb"; readonly nullable: boolean }',
      '{ readonly kind: "null" }',
      '{ readonly kind: "error" }',
    ].join(" | "),
  ),
];

const method = (name: string, parameters: readonly (readonly [string, string] | readonly [string, string, "optional"])[], returnType: string) => ({
  name,
  parameters: parameters.map(([n, type, optional]) => ({ name: n, type, ...(optional ? { hasQuestionToken: true } : {}) })),
  returnType,
});

const RT: Declaration = {
  kind: "interface",
  structure: {
    name: "Rt",
    isExported: true,
    docs: ["The helpers lowered expressions call; kmig's runtime (runtime/js-runtime.ts) implements them, three-valued logic included."],
    methods: [
      method("call", [["fn", "string"], ["args", "unknown[]"], ["types", "KmigType[]"]], "unknown"),
      method("get", [["object", "unknown"], ["key", "unknown"]], "unknown"),
      method("and", [["a", "unknown"], ["b", "() => unknown"]], "boolean | undefined"),
      method("or", [["a", "unknown"], ["b", "() => unknown"]], "boolean | undefined"),
      method("not", [["a", "unknown"]], "boolean | undefined"),
      method("truthyCond", [["a", "unknown"]], "boolean"),
      method("compare", [["op", "string"], ["a", "unknown"], ["b", "unknown"], ["json", "boolean"], ["types", "readonly KmigType[]", "optional"]], "boolean | undefined"),
      method("arith", [["op", "string"], ["a", "unknown"], ["b", "unknown"], ["type", "KmigType"]], "unknown"),
      method("concat", [["a", "unknown"], ["b", "unknown"]], "unknown"),
      method("inList", [["x", "unknown"], ["list", "unknown[]"], ["negated", "boolean"], ["json", "boolean"], ["types", "readonly KmigType[]", "optional"]], "boolean | undefined"),
      method("isNull", [["x", "unknown"]], "boolean"),
      method("object", [["parts", "({ spread: unknown } | { key: string; value: unknown; optional: boolean; guard?: unknown })[]"]], "Record<string, unknown>"),
      method("array", [["parts", "({ spread: unknown } | { value: unknown; guard?: unknown })[]"]], "unknown[]"),
      method("fromJson", [["v", "unknown"], ["type", "KmigType"]], "unknown"),
    ],
  },
};

const EXPECTATION: Declaration = {
  kind: "interface",
  structure: {
    name: "Expectation",
    isExported: true,
    docs: ["An `expect` of the spec, over the row (or document) before and after: false, or undefined for NULL, where it is broken."],
    typeParameters: ["Old", "New"],
    properties: [
      { name: "origin", type: "{ readonly file: string; readonly line: number; readonly column: number }", isReadonly: true },
      { name: "text", type: "string", isReadonly: true },
    ],
    methods: [method("holds", [["row", "Old"], ["next", "New"], ["rt", "Rt"]], "boolean | undefined")],
  },
};

const CONFIG_KEY: Declaration = {
  kind: "interface",
  structure: {
    name: "ConfigKey",
    isExported: true,
    docs: ["One key of a config step's new document: its path, and its value over the old document (a missing value is written as null)."],
    properties: [{ name: "path", type: "readonly string[]", isReadonly: true }],
    methods: [method("value", [["row", "Json"], ["rt", "Rt"]], "unknown")],
  },
};

const CONFIG_BLOCK: Declaration = {
  kind: "interface",
  structure: {
    name: "ConfigBlock",
    isExported: true,
    docs: ["The JavaScript of a config step: the keys the runtime writes, and the block's expects (which `kmig test` checks)."],
    properties: [
      { name: "keys", type: "readonly ConfigKey[]", isReadonly: true },
      { name: "expects", type: "readonly Expectation<Json, Json>[]", isReadonly: true },
    ],
  },
};

/** Every prelude declaration, in print order. */
export const PRELUDE: readonly Declaration[] = [...VALUE_TYPES, RT, EXPECTATION, CONFIG_KEY, CONFIG_BLOCK];

/** The names the prelude takes, so that tables and config files never collide with them. */
export const PRELUDE_NAMES: readonly string[] = PRELUDE.map((d) => d.structure.name ?? "");
