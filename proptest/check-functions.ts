import { importModuleText } from "../compiler/emit/import-module.js";
import { lowerJs } from "../compiler/expr/lower-js.js";
import type { IrExpr } from "../compiler/ir/expr.js";
import type { SchemaState } from "../compiler/model/schema.js";
import type { Rt } from "../core/rt.js";
import { rt } from "../runtime/js-runtime.js";

type CheckFn = (row: Readonly<Record<string, unknown>>, rt: Rt, maps: object) => unknown;

/** The checks' JavaScript, loaded: by the typed expression it was lowered from. */
const loaded = new WeakMap<IrExpr, CheckFn>();

/**
 * The JavaScript of a schema's checks (tables' `check` constraints and domains' checks), which
 * `kmig test` runs to generate rows PostgreSQL takes: lowered as the plan modules' functions are,
 * written as an ES module and loaded as one (compiler/emit/import-module.ts), never evaluated from
 * a string. Call before building arbitraries over the schema.
 */
export async function loadCheckFunctions(schema: SchemaState): Promise<void> {
  const exprs: IrExpr[] = [];
  for (const t of schema.tables.values()) for (const c of t.constraints) if (c.kind === "check" && c.expr && !loaded.has(c.expr)) exprs.push(c.expr);
  for (const d of schema.types.values()) if (d.kind === "domain") for (const c of d.checks) if (!loaded.has(c.expr)) exprs.push(c.expr);
  if (exprs.length === 0) return;
  const js = `export const checks = [\n${exprs.map((e) => `  (row, rt, maps) => (${lowerJs(e)}),`).join("\n")}\n];\n`;
  const checks = (await importModuleText(js, "checks.mjs")).checks as CheckFn[];
  exprs.forEach((e, i) => loaded.set(e, checks[i]));
}

/**
 * A check over a row: false only where it is false (NULL passes, as in SQL; so does a check that
 * throws, or one not loaded: PostgreSQL decides those rows).
 */
export function checkPredicate(expr: IrExpr): (row: Readonly<Record<string, unknown>>) => boolean {
  const f = loaded.get(expr);
  return (row) => {
    if (!f) return true;
    try {
      return f(row, rt, {}) !== false;
    } catch {
      return true;
    }
  };
}
