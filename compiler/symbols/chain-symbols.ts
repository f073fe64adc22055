import type * as A from "../../grammar/ast.js";
import type { ParsedFile } from "../pipeline.js";
import type { CompiledUnit } from "../migration/compile-unit.js";
import { Collector, NO_NAMES, type ExprScope } from "./collector.js";
import { exprNames } from "./expr-names.js";
import type { ChainSymbols, FileSymbols, UnitScope } from "./model.js";
import { alterTableNames, createTableNames } from "./table-names.js";
import { namedTypeItem } from "./type-names.js";

export * from "./model.js";

/**
 * The names of a chain: every file in order (those with syntax errors too, as far as recovery
 * read them), each item renaming, creating and using tables, columns, maps and defs as the chain
 * has them at that point. `units` (the checker's) are not needed for names; they are taken so
 * that a later version can prefer the checker's view where it has one.
 */
export function chainSymbols(parsed: readonly ParsedFile[], units: readonly CompiledUnit[] = []): ChainSymbols {
  void units;
  const c = new Collector(parsed[0]?.file ?? { path: "", text: "", lineStarts: [0] }, 0);
  const files = new Map<ParsedFile["file"], FileSymbols>();
  parsed.forEach((p, index) => {
    c.enterFile(p.file, index);
    const unit = p.ast.units[0];
    const scope = unit ? unitNames(c, unit) : null;
    const occurrences = [...c.occurrences].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
    files.set(p.file, { file: p.file, unit: index, occurrences, blocks: c.blocks, scope });
  });
  return { symbols: c.symbols, files };
}

/** One migration or baseline: maps and defs first (they may be used above their line), then the items in order. */
function unitNames(c: Collector, unit: A.Unit): UnitScope {
  const tablesBefore = [...c.tables.keys()];
  const columnsBefore = new Map([...c.tables].map(([name, t]) => [name, [...t.columns.keys()]]));
  const maps = new Map<string, number>();
  const defs = new Map<string, number>();
  for (const item of unit.items) {
    if (item.kind === "ValueMap" && !maps.has(item.name.name) && !defs.has(item.name.name)) maps.set(item.name.name, c.declare("map", item.name, "declared").id);
    if (item.kind === "FunctionDef" && !maps.has(item.name.name) && !defs.has(item.name.name)) defs.set(item.name.name, c.declare("def", item.name, "declared").id);
  }
  c.maps = maps;
  c.defs = defs;
  for (const item of unit.items) itemNames(c, item);
  const enumLabels = new Map<string, readonly string[]>();
  for (const [name, at] of c.types) {
    const labels = c.labels.get(at.id);
    if (labels) enumLabels.set(name, [...labels]);
  }
  return { unit: c.unit, file: c.file, span: unit.span, tablesBefore, tablesAfter: [...c.tables.keys()], columnsBefore, maps, defs, enumLabels };
}

function itemNames(c: Collector, item: A.MigrationItem): void {
  switch (item.kind) {
    case "CreateTable":
      createTableNames(c, item);
      return;
    case "AlterTable":
      alterTableNames(c, item);
      return;
    case "DropTable": {
      const t = c.useTable(item.name);
      if (t && c.tables.get(item.name.name) === t) {
        c.tables.delete(item.name.name);
        c.drop(t.id, item.span);
      }
      return;
    }
    case "RenameTable": {
      const t = c.useTable(item.from);
      if (t && !c.tables.has(item.to.name)) {
        c.tables.delete(item.from.name);
        t.naming = c.rename(t.id, item.to, "renamed");
        c.tables.set(item.to.name, t);
      }
      return;
    }
    case "ValueMap":
      for (const i of item.items) exprNames(c, i, NO_NAMES);
      if (item.inputType) exprNames(c, item.inputType, NO_NAMES);
      if (item.outputType) exprNames(c, item.outputType, NO_NAMES);
      return;
    case "FunctionDef":
      defNames(c, item);
      return;
    case "RawSql":
      // What it declares creates, changes and drops names as the items it stands for do.
      for (const d of item.declares ?? []) {
        if (d.kind === "CreatesIndex") alterTableNames(c, { kind: "AlterTable", name: d.table, actions: [d.index], span: d.span });
        else if (d.kind !== "DropsIndex") itemNames(c, d);
      }
      return;
    case "Allow":
      // A lint code and a reason: no names.
      return;
    case "ConfigMigration":
    case "Describe":
      // Config blocks name document keys, not symbols: only their calls are names here.
      exprNames(c, item, NO_NAMES);
      return;
    default:
      if (!namedTypeItem(c, item)) exprNames(c, item, NO_NAMES);
  }
}

/** `def f(a, b: json) := body`: parameters are declared here and used in the body. */
function defNames(c: Collector, item: A.FunctionDef): void {
  const params = new Map<string, number>();
  for (const p of item.params) {
    if (!params.has(p.name.name)) params.set(p.name.name, c.declare("param", p.name, "declared").id);
    if (p.type) exprNames(c, p.type, NO_NAMES);
  }
  const scope: ExprScope = { ...NO_NAMES, params };
  exprNames(c, item.body, scope);
}
