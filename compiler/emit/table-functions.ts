import type { CompiledUnit } from "../migration/compile-unit.js";
import { mapIr } from "../ir/build.js";
import type { IrExpr } from "../ir/expr.js";
import type { TableMapping } from "../migration/context.js";
import { tsType } from "./ts-types.js";
import { exportedConst, type Declaration } from "./module-model.js";
import { expectationsLiteral, oneLine, param, returnObject } from "./function-parts.js";
import { indexedType, pascalCase, propertyKey, type ClaimName } from "./names.js";
import type { ModuleLowering } from "./lowering.js";
import type { RowTypes } from "./row-types.js";

/** What one table block contributes to a module: its functions, and its entry in `tableMappings`. */
export interface TableFunctions {
  readonly declarations: readonly Declaration[];
  /** `{ step: …, table: …, map: mapTasks, inverse: inverseTasks, expects: expectTasks }`. */
  readonly entry: string;
  /** The entry's type, spelled out so that a declaration emitter needs no inference (`typeof mapTasks`). */
  readonly entryType: string;
}

/**
 * The JavaScript of a table block: `mapX(row, rt)` computes every mapped column from the old row
 * (what the backfill's UPDATE computes in SQL); `inverseX(next, rt)` recomputes, from the new row,
 * each overwritten column that rollback can recompute; `expectX` holds the block's expects.
 */
export function tableFunctions(unit: CompiledUnit, m: TableMapping, rows: RowTypes, claim: ClaimName, lower: ModuleLowering): TableFunctions {
  const base = pascalCase(m.table);
  const where = m.stepId ? `step \`${m.stepId}\`` : `the \`table ${m.table}\` block`;
  const declarations: Declaration[] = [];
  const oldRow = rows.beforeType(m.before);
  const newRow = rows.afterType(m.after);
  let map = "null";
  if (m.assignments.length > 0) {
    map = claim(`map${base}`);
    const targets = m.assignments.map(({ assignment: a }) => ({ key: a.target, js: lower.js(a.value), type: tsType(a.targetType) }));
    declarations.push(rowFunction(map, `The new value of each column ${where} computes, from the row of \`${m.table}\` before it (as its SQL does).`, ["row", oldRow], newRow, targets));
  }
  let inverse = "null";
  const restorable = m.assignments.filter(({ assignment: a, inverse: inv }) => a.destroys !== null && inv.g !== null);
  if (restorable.length > 0) {
    inverse = claim(`inverse${base}`);
    const targets = restorable.map(({ assignment: a, inverse: inv }) => {
      const d = a.destroys as NonNullable<typeof a.destroys>;
      const js = lower.js(overNewRow(inv.g as IrExpr));
      return { key: d.column, js, type: tsType(d.type), comment: `${inv.kind}${inv.why ? `: ${oneLine(inv.why)}` : ""}` };
    });
    const doc = `Rollback of ${where}: each overwritten column recomputed from the new row. Where the step's stash kept an original (see \`stashLayout\`), the original wins.`;
    declarations.push(rowFunction(inverse, doc, ["next", newRow], oldRow, targets));
  }
  let expects = "[]";
  if (m.expects.length > 0) {
    expects = claim(`expect${base}`);
    declarations.push(exportedConst(expects, `The \`expect\`s of the \`table ${m.table}\` block, over each row before and after.`, `readonly Expectation<${oldRow}, ${newRow}>[]`, expectationsLiteral(unit.file, m.expects, lower)));
  }
  const typeOf = (name: string, none: string) => (name === none ? (none === "[]" ? "readonly []" : "null") : `typeof ${name}`);
  const step = JSON.stringify(m.stepId);
  const table = JSON.stringify(m.table);
  return {
    declarations,
    entry: `{ step: ${step}, table: ${table}, map: ${map}, inverse: ${inverse}, expects: ${expects} }`,
    entryType: `{ readonly step: ${step}; readonly table: ${table}; readonly map: ${typeOf(map, "null")}; readonly inverse: ${typeOf(inverse, "null")}; readonly expects: ${typeOf(expects, "[]")} }`,
  };
}

/**
 * `function name(input: T, rt: Rt): Pick<R, keys>` returning one property per target, each cast
 * to the declared type of its column (the `rt` helpers return `unknown`).
 */
function rowFunction(
  name: string,
  doc: string,
  [input, inputType]: readonly [string, string],
  resultRow: string,
  targets: readonly { key: string; js: string; type: string; comment?: string }[],
): Declaration {
  const named = /^[A-Za-z_$][\w$]*$/.test(resultRow);
  const castOf = (t: { key: string; type: string }) => (named ? indexedType(resultRow, t.key) : t.type);
  const resultType = named ? `Pick<${resultRow}, ${targets.map((t) => JSON.stringify(t.key)).join(" | ")}>` : `{ ${targets.map((t) => `readonly ${propertyKey(t.key)}: ${t.type};`).join(" ")} }`;
  const body = returnObject(targets.map((t) => ({ key: t.key, value: `(${t.js}) as ${castOf(t)}`, comment: t.comment })));
  return {
    kind: "function",
    structure: {
      name,
      isExported: true,
      docs: [doc],
      parameters: [
        { name: param(input, body), type: inputType },
        { name: param("rt", body), type: "Rt" },
      ],
      returnType: resultType,
      statements: [body],
    },
  };
}

/**
 * An inverse reads the new row. A declared `reverse` is checked against the new row's columns but
 * its column references still say `old` (the SQL lowering ignores the side there), so every column
 * an inverse reads is made a new-row read.
 */
function overNewRow(g: IrExpr): IrExpr {
  return mapIr(g, (x) => (x.kind === "column" ? { ...x, side: "new" } : x));
}
