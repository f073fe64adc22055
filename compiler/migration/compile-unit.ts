import type * as A from "../../grammar/ast.js";
import type { Plan } from "../../core/plan.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { SchemaState } from "../model/schema.js";
import type { SourceFile } from "../../core/source-file.js";
import { compileAlterTable } from "../ops/alter-table.js";
import { compileConfig, type CheckedConfig } from "../ops/config-block.js";
import { compileCreateTable } from "../ops/create-table.js";
import { compileDropTable, compileRenameTable } from "../ops/table-ops.js";
import { compileRawSql } from "../ops/raw-sql.js";
import { compileValueMap } from "../ops/value-map.js";
import { compileExternal } from "../ops/external.js";
import { compileAlterSequence, compileCreateSequence, compileDropSequence, compileRenameSequence } from "../ops/sequences.js";
import type { MapInfo } from "../expr/scope.js";
import { compileAlterEnum, compileCreateEnum } from "../ops/enum-types.js";
import { compileCreateDomain } from "../ops/domains.js";
import { compileDropNamedType } from "../ops/drop-named-type.js";
import { typeOfRef } from "../model/type-ref.js";
import { legacyChecksum, meaningChecksum } from "./checksum.js";
import { newStepIndex } from "./step-index.js";
import { checkAllow } from "../lint/acknowledgements.js";
import { report, type MigrationContext, type TableMapping } from "./context.js";

/** One compiled migration (or baseline): its plan, and what the emitter and tests need besides. */
export interface CompiledUnit {
  readonly file: SourceFile;
  readonly unit: A.Unit;
  readonly plan: Plan;
  readonly configs: readonly CheckedConfig[];
  /** Each table block's typed mappings, inverses and expects (the emitter lowers them to JS). */
  readonly mappings: readonly TableMapping[];
  readonly maps: ReadonlyMap<string, MapInfo>;
  readonly before: SchemaState;
  readonly after: SchemaState;
  /** The schema when each step of `plan.steps` was added (index-aligned): what the safety lints read. */
  readonly stepSchemas: readonly SchemaState[];
}

/** Folds one unit's items over the schema, producing its plan. */
export function compileUnit(file: SourceFile, unit: A.Unit, before: SchemaState, dropped: Map<string, Map<string, string>>, diags: Diagnostic[]): CompiledUnit {
  const cx: MigrationContext = {
    file,
    diags,
    migrationId: unit.id.name,
    baseline: unit.kind === "Baseline",
    schema: before,
    maps: new Map(),
    defs: new Map(),
    steps: [],
    stepSchemas: [],
    stepIndex: newStepIndex(),
    dropped,
    mappings: [],
    externals: [],
  };
  // Maps and functions first: they may be used before the line that declares them (and may
  // name an enum type or domain the migration declares anywhere).
  cx.schema = { ...before, types: typesDeclaredIn(before.types, unit.items) };
  for (const item of unit.items) {
    if (item.kind === "ValueMap") compileValueMap(cx, item);
    else if (item.kind === "FunctionDef") {
      if (cx.defs.has(item.name.name) || cx.maps.has(item.name.name)) report(cx, "K2010", item.name.span, `\`${item.name.name}\` is already defined in this migration`, { help: "give the function another name" });
      else cx.defs.set(item.name.name, item);
    }
  }
  cx.schema = before;
  const configs: CheckedConfig[] = [];
  const describes = unit.items.filter((i): i is A.Describe => i.kind === "Describe");
  for (const item of unit.items) {
    switch (item.kind) {
      case "CreateTable":
        compileCreateTable(cx, item);
        break;
      case "AlterTable":
        compileAlterTable(cx, item);
        break;
      case "DropTable":
        compileDropTable(cx, item);
        break;
      case "RenameTable":
        compileRenameTable(cx, item);
        break;
      case "CreateSequence":
        compileCreateSequence(cx, item);
        break;
      case "AlterSequence":
        compileAlterSequence(cx, item);
        break;
      case "DropSequence":
        compileDropSequence(cx, item);
        break;
      case "RenameSequence":
        compileRenameSequence(cx, item);
        break;
      case "CreateEnum":
        compileCreateEnum(cx, item);
        break;
      case "AlterEnum":
        compileAlterEnum(cx, item);
        break;
      case "CreateDomain":
        compileCreateDomain(cx, item);
        break;
      case "DropNamedType":
        compileDropNamedType(cx, item);
        break;
      case "RawSql":
        compileRawSql(cx, item);
        break;
      case "ExternalObject":
        compileExternal(cx, item);
        break;
      case "ConfigMigration":
        configs.push(compileConfig(cx, item));
        break;
      case "Allow":
        checkAllow(file, item, diags);
        break;
      case "Describe":
      case "ValueMap":
      case "FunctionDef":
        break;
    }
  }
  if (describes.length === 0 && unit.kind === "Migration") report(cx, "K2019", unit.id.span, `migration \`${unit.id.name}\` has no \`describe\``, { help: "add one line saying what it does: describe '…'" });
  let checksum: string | undefined;
  let legacy: string | undefined;
  const plan: Plan = {
    planFormat: 1,
    id: unit.id.name,
    kind: unit.kind === "Baseline" ? "baseline" : "migration",
    from: unit.kind === "Migration" ? unit.from.value : null,
    to: unit.kind === "Migration" ? unit.to.value : unit.version.value,
    description: describes.map((d) => d.text.value).join("\n"),
    file: file.path,
    // Computed when first read: `kmig check` never needs them, and printing a large chain takes seconds.
    get checksum() {
      return (checksum ??= meaningChecksum(unit));
    },
    get legacyChecksum() {
      return (legacy ??= legacyChecksum(unit));
    },
    steps: cx.steps,
    config: configs.map((c) => c.step),
    ...(cx.externals.length > 0 ? { externals: cx.externals } : {}),
  };
  return { file, unit, plan, configs, mappings: cx.mappings, maps: cx.maps, before, after: cx.schema, stepSchemas: cx.stepSchemas };
}

/** The chain's types with those `items` declare (and the labels they add), read without checking them: what a map may name. */
function typesDeclaredIn(types: SchemaState["types"], items: readonly A.MigrationItem[]): SchemaState["types"] {
  let out = types;
  for (const item of items.flatMap((i): readonly (A.MigrationItem | A.SqlDeclaration)[] => (i.kind === "RawSql" ? (i.declares ?? []) : [i]))) {
    if (item.kind === "CreateEnum" && !out.has(item.name.name)) out = out.with(item.name.name, { kind: "enum", name: item.name.name, labels: item.labels.map((l) => l.value) });
    const t = item.kind === "AlterEnum" ? out.get(item.name.name) : undefined;
    if (item.kind === "AlterEnum" && t?.kind === "enum" && item.action.kind === "AddEnumValue") out = out.with(t.name, { ...t, labels: [...t.labels, item.action.label.value] });
    if (item.kind === "CreateDomain" && !out.has(item.name.name) && !item.type.named) out = out.with(item.name.name, { kind: "domain", name: item.name.name, base: typeOfRef(item.type), notNull: item.notNull, defaultSql: null, checks: [] });
  }
  return out;
}
