import fc from "fast-check";
import type pg from "pg";
import { showType, type Type } from "../../../core/types.js";
import type { Builtin } from "../../../stdlib/builtin.js";
import { sqlLiteral } from "../../../stdlib/support/sql-literal.js";
import { argArb } from "./arbitraries.js";
import { decodeArgSql, encodeArg, fromSqlText, sameValue, showValue } from "./value-model.js";

/**
 * The agreement property of a built-in: for generated arguments, its JavaScript implementation and
 * its SQL lowering on the real server give the same value. Cases run in batches, one query per
 * batch, and the SQL is checked in four shapes: arguments as columns (atomic, used in place), as
 * short expressions (repeated in place), as expressions calling a volatile function (bound once in a
 * subquery), and as literals (so the planner folds constants).
 */
export interface AgreementOptions {
  /** Generators per argument; default: by the argument's type. */
  readonly args?: readonly (fc.Arbitrary<unknown> | undefined)[];
  /** Batches to run; each holds 1–40 cases. */
  readonly numRuns?: number;
}

/** Runs the agreement property and resolves to the number of cases checked. */
export async function checkAgreement(
  client: pg.Client,
  fn: Builtin,
  types: readonly Type[],
  options: AgreementOptions = {},
): Promise<number> {
  const signature = fn.signature(types);
  if (!signature.ok) throw new Error(`${fn.name}(${types.map(showType).join(", ")}) does not check: ${signature.message}`);
  const resultType = signature.type;
  const cases = fc.array(fc.tuple(...types.map((t, i) => argArb(t, options.args?.[i] ?? undefined))), {
    minLength: 1,
    maxLength: 40,
    size: "max",
  });
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(cases, async (batch) => {
      const sql = await evaluateOnServer(client, fn, types, batch, resultType);
      batch.forEach((args, i) => {
        const expected = runJs(fn, args, types);
        for (const [shape, text] of Object.entries(sql[i])) {
          const actual = fromSqlText(text, resultType);
          if (!sameValue(expected, actual)) {
            throw new Error(
              `${fn.name}(${args.map(showValue).join(", ")}) with (${types.map(showType).join(", ")}): ` +
                `JavaScript gives ${showValue(expected)}, PostgreSQL (${shape}) gives ${showValue(actual)}`,
            );
          }
        }
      });
      checked += batch.length;
    }),
    { numRuns: options.numRuns ?? Number(process.env.KMIG_PROPERTY_RUNS ?? 25), includeErrorInReport: true },
  );
  return checked;
}

function runJs(fn: Builtin, args: readonly unknown[], types: readonly Type[]): unknown {
  try {
    return fn.js(args, types);
  } catch (e) {
    throw new Error(`${fn.name}(${args.map(showValue).join(", ")}) threw in JavaScript: ${String(e)}`);
  }
}

/** The `::text` of a result in each SQL shape (null for SQL NULL). */
export type ShapeResults = Record<"columns" | "expressions" | "bound" | "literals", string | null>;

/** Evaluates the SQL lowering for every case of `batch`, in all three shapes, in two queries. */
export async function evaluateOnServer(
  client: pg.Client,
  fn: Builtin,
  types: readonly Type[],
  batch: readonly unknown[][],
  resultType: Type,
): Promise<ShapeResults[]> {
  const asText = (sql: string): string => (resultType.kind === "array" ? `to_jsonb(${sql})::text` : `(${sql})::text`);
  const columns = types.map((t, k) => (t.kind === "null" ? "NULL" : `c.a${k}`));
  const expressions = types.map((t, k) => (t.kind === "null" ? "NULL" : `COALESCE(c.a${k}, NULL)`));
  // random() >= 0 always holds: the value is c.ak, but the lowering must treat it as volatile.
  const bound = types.map((t, k) => (t.kind === "null" ? "NULL" : `(SELECT c.a${k} WHERE random() >= 0)`));
  const decoded = types.map((t, k) => `, ${decodeArgSql("e.args", k, t)} AS a${k}`).join("");
  const byRow = await client.query<Omit<ShapeResults, "literals">>(
    `SELECT ${asText(fn.sql(columns, types))} AS columns, ${asText(fn.sql(expressions, types))} AS expressions, ` +
      `${asText(fn.sql(bound, types))} AS bound ` +
      `FROM (SELECT e.i${decoded} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(args, i)) AS c ORDER BY c.i`,
    [JSON.stringify(batch.map((args) => args.map((v, k) => encodeArg(v, types[k]))))],
  );
  const literalColumns = batch.map(
    (args, i) =>
      `${asText(
        fn.sql(
          args.map((v, k) => sqlLiteral(v, types[k])),
          types,
        ),
      )} AS r${i}`,
  );
  const byLiteral = await client.query<Record<string, string | null>>(`SELECT ${literalColumns.join(", ")}`);
  return byRow.rows.map((row, i) => ({ ...row, literals: byLiteral.rows[0][`r${i}`] }));
}
