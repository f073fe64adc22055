import { readonlyInterface, typeAlias, type Declaration } from "./module-model.js";

/**
 * The types every emitted plan declares for itself, so that a plan module type-checks alone,
 * anywhere, importing nothing from kmig: the value model (`Json`, `KmigType`), the helpers the
 * lowered JavaScript calls (`Rt`, as runtime/js-runtime.ts implements it) and the plan data
 * (as runtime/plan.ts declares it; test/emit checks the two stay assignable both ways).
 */

const VALUE_TYPES: readonly Declaration[] = [
  typeAlias("Json", "A JSON value as `JSON.parse` returns it (SQL NULL and missing keys are `undefined`, not `null`).", "null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json }"),
  typeAlias(
    "KmigType",
    "A kmig expression type, as the lowered JavaScript passes it to `rt` helpers.",
    [
      '{ readonly kind: "scalar"; readonly name: string; readonly args: readonly number[]; readonly nullable: boolean }',
      '{ readonly kind: "array"; readonly element: KmigType; readonly nullable: boolean }',
      '{ readonly kind: "json"; readonly storage: "json" | "jsonb"; readonly nullable: boolean }',
      '{ readonly kind: "null" }',
      '{ readonly kind: "error" }',
    ].join(" | "),
  ),
];

const method = (name: string, parameters: readonly (readonly [string, string])[], returnType: string) => ({
  name,
  parameters: parameters.map(([n, type]) => ({ name: n, type })),
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
      method("compare", [["op", "string"], ["a", "unknown"], ["b", "unknown"], ["json", "boolean"]], "boolean | undefined"),
      method("arith", [["op", "string"], ["a", "unknown"], ["b", "unknown"], ["type", "KmigType"]], "unknown"),
      method("concat", [["a", "unknown"], ["b", "unknown"]], "unknown"),
      method("inList", [["x", "unknown"], ["list", "unknown[]"], ["negated", "boolean"], ["json", "boolean"]], "boolean | undefined"),
      method("isNull", [["x", "unknown"]], "boolean"),
      method("object", [["parts", "({ spread: unknown } | { key: string; value: unknown; optional: boolean; guard?: unknown })[]"]], "Record<string, unknown>"),
      method("array", [["parts", "({ spread: unknown } | { value: unknown; guard?: unknown })[]"]], "unknown[]"),
      method("fromJson", [["v", "unknown"], ["type", "KmigType"]], "unknown"),
    ],
  },
};

const KEY_COLUMNS = "readonly { readonly column: string; readonly sqlType: string }[]";

const PLAN_TYPES: readonly Declaration[] = [
  readonlyInterface("Origin", "Where in the spec a step came from.", [
    ["file", "string"],
    ["line", "number"],
    ["column", "number"],
  ]),
  typeAlias("ReversibilityKind", "What rolling a step back costs, from cheapest to impossible.", '"reversible" | "stash" | "lossy" | "irreversible"'),
  readonlyInterface("Reversibility", "What rolling a step back costs, and why the compiler thinks so.", [
    ["kind", "ReversibilityKind"],
    ["why", "string"],
  ]),
  readonlyInterface("LossCheck", "A query counting the rows a rollback of its step would lose (data written since); it returns one row `{ n }`.", [
    ["what", "string"],
    ["sql", "string"],
  ]),
  readonlyInterface("SqlStep", "A schema change (or raw SQL): statements up, statements down.", [
    ["kind", '"sql"'],
    ["id", "string"],
    ["op", "string"],
    ["summary", "string"],
    ["origin", "Origin"],
    ["table", "string | null"],
    ["up", "readonly string[]"],
    ["down", "readonly string[] | null", "Null when the step is irreversible."],
    ["reversibility", "Reversibility"],
    ["transactional", "boolean", "False for `CREATE INDEX CONCURRENTLY`, which cannot run inside a transaction."],
    ["lossChecks", "readonly LossCheck[]"],
  ]),
  readonlyInterface("StashedColumn", "One column whose originals a backfill keeps where its inverse cannot recompute them.", [
    ["column", "string"],
    ["sqlType", "string"],
    ["predicate", "string", "SQL over the row before the update: true where the original must be kept."],
  ]),
  readonlyInterface("StashLayout", "Where a backfill keeps originals: a table in kmig's schema keyed by the table's primary key.", [
    ["schema", "string"],
    ["table", "string"],
    ["key", KEY_COLUMNS],
    ["columns", "readonly StashedColumn[]"],
  ]),
  readonlyInterface("BackfillStep", "A data mapping: set-based SQL, run whole or in keyset batches by primary key.", [
    ["kind", '"backfill"'],
    ["id", "string"],
    ["op", '"backfill"'],
    ["summary", "string"],
    ["origin", "Origin"],
    ["table", "string"],
    ["key", KEY_COLUMNS],
    ["assignments", "readonly { readonly column: string; readonly sql: string; readonly origin: Origin }[]"],
    ["stash", "StashLayout | null"],
    ["up", "readonly string[]"],
    ["down", "readonly string[] | null", "Restore statements; the `kmig:upto` marker comment is where the runtime limits a restore to the rows already processed."],
    ["batch", "{ readonly prepare: readonly string[]; readonly perBatch: readonly string[] }", "Batch statements carry a `kmig:range` marker comment where the runtime puts the key range."],
    ["reversibility", "Reversibility"],
    ["transactional", "true"],
    ["lossChecks", "readonly LossCheck[]"],
  ]),
  typeAlias("Step", "One step of a plan.", "SqlStep | BackfillStep"),
  readonlyInterface("ConfigStep", "A config document step; its JavaScript is in `configs` below, by step id.", [
    ["kind", '"config"'],
    ["id", "string"],
    ["source", "string"],
    ["target", "string | null"],
    ["patch", "boolean"],
    ["origin", "Origin"],
    ["requires", "readonly { readonly path: readonly string[]; readonly type: string | null }[]"],
  ]),
  readonlyInterface("Plan", "A compiled migration: plain data that kmig's runtime executes.", [
    ["planFormat", "1"],
    ["id", "string"],
    ["kind", '"baseline" | "migration"'],
    ["from", "string | null"],
    ["to", "string"],
    ["description", "string"],
    ["file", "string"],
    ["checksum", "string", "sha256 of the spec's meaning: formatting and comments do not change it."],
    ["steps", "readonly Step[]"],
    ["config", "readonly ConfigStep[]"],
  ]),
  readonlyInterface("ReversibilitySummary", "How each step rolls back, and the plan as a whole (its least reversible step).", [
    ["overall", "ReversibilityKind"],
    ["steps", "{ readonly [stepId: string]: ReversibilityKind }"],
  ]),
  {
    kind: "interface",
    structure: {
      name: "Expectation",
      isExported: true,
      docs: ["An `expect` of the spec, over the row (or document) before and after: false, or undefined for NULL, where it is broken."],
      typeParameters: ["Old", "New"],
      properties: [
        { name: "origin", type: "Origin", isReadonly: true },
        { name: "text", type: "string", isReadonly: true },
      ],
      methods: [method("holds", [["row", "Old"], ["next", "New"], ["rt", "Rt"]], "boolean | undefined")],
    },
  },
];

/** Every prelude declaration, in print order. */
export const PRELUDE: readonly Declaration[] = [...VALUE_TYPES, RT, ...PLAN_TYPES];

/** The names the prelude takes, so that tables and config files never collide with them. */
export const PRELUDE_NAMES: readonly string[] = PRELUDE.map((d) => d.structure.name ?? "");
