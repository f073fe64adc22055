import fc from "fast-check";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dataLiteral } from "../../compiler/emit/data-literal.js";
import { loadChunkFormatter, type ChunkFormatter } from "../../compiler/emit/format-chunk.js";
import { importModuleText } from "../../compiler/emit/import-module.js";
import { sqlLines } from "../../compiler/emit/sql-lines.js";
import type { Plan } from "../../core/plan.js";
import { compileFolder } from "../support/spec-chain.js";

/**
 * Long SQL in a plan module is laid out over lines for review (compiler/emit/sql-lines.ts), and
 * what runs is the statement byte for byte: the ledger records it and rollback runs it, so a
 * layout that changed one byte would be a different plan. Proven on the Keiko chain through its
 * golden modules, and on generated SQL-like text.
 */

const GOLDEN = "test/golden/plans/keiko";

describe("long SQL over lines", () => {
  it("the Keiko golden modules hold exactly the plans the compiler makes (every SQL string byte for byte)", async () => {
    const compiled = compileFolder("specs/keiko").units.map((u) => u.plan);
    const files = readdirSync(GOLDEN).filter((f) => f.endsWith(".ts")).sort();
    expect(files.length).toBe(compiled.length);
    let laidOut = 0;
    for (const [i, file] of files.entries()) {
      const { plan } = (await import(`../golden/plans/keiko/${file}`)) as { plan: Plan };
      expect(plan.checksum).toBe(compiled[i].checksum);
      expect(JSON.stringify(plan)).toBe(JSON.stringify(compiled[i]));
      laidOut += sqlStrings(compiled[i]).filter((s) => sqlLines(s) !== null).length;
    }
    // The golden modules do lay SQL out (so the comparison above covers the laid-out form).
    expect(laidOut).toBeGreaterThan(10);
  });

  it("cuts only after a space, outside quotes, and the lines join back to the statement", () => {
    const sql = `UPDATE "t" SET "a" = 'x, WHEN y', "b" = (CASE WHEN "c" IN ('p', 'q') THEN 1 WHEN "c" = 'r' THEN 2 ELSE 3 END) WHERE "id" IS DISTINCT FROM 4`;
    const lines = sqlLines(sql)!;
    expect(lines.join("")).toBe(sql);
    expect(lines).toEqual([
      `UPDATE "t" `,
      `SET "a" = 'x, WHEN y', `,
      `"b" = (CASE WHEN "c" IN ('p', 'q') THEN 1 `,
      `WHEN "c" = 'r' THEN 2 `,
      `ELSE 3 END) `,
      `WHERE "id" IS DISTINCT FROM 4`,
    ]);
    expect(sqlLines("SELECT 1")).toBeNull();
    // Control characters keep their escapes in an ordinary string.
    for (const c of ["\n", "\t", "\u2028"]) expect(sqlLines(`${sql}${c}`)).toBeNull();
  });

  describe("on generated SQL-like text", () => {
    let format: ChunkFormatter;
    beforeAll(async () => {
      format = await loadChunkFormatter();
    });
    const token = fc.constantFrom("SELECT ", "FROM ", "WHERE ", "SET ", "CASE ", "WHEN ", "ELSE ", "END", " OR ", "AND ", ", ", "(", ")", " ", "'a, b'", "'it''s'", '"x"', '"q""r"', "`", "${", "$", "{", "\\", "\\\\", "é", "中", "😀", "/*kmig:range*/");
    const sqlText = fc.array(token, { minLength: 20, maxLength: 90 }).map((ts) => ts.join(""));
    const data = fc.record({ sql: sqlText, up: fc.array(sqlText, { maxLength: 3 }), batch: fc.record({ perBatch: fc.array(sqlText, { maxLength: 2 }) }), why: sqlText });

    it("reads back byte for byte from the module, and prettier leaves the module as it is", async () => {
      await fc.assert(
        fc.asyncProperty(data, async (v) => {
          fc.pre(sqlLines(v.sql) !== null);
          const literal = dataLiteral(v, { column: "export const x = ".length, suffix: 1 });
          const back = (await importModuleText(`export const x = ${literal};\n`)).x;
          expect(back).toEqual(v);
          const typed = `export const x = ${dataLiteral(v, { column: "export const x = ".length, suffix: " as const;".length })} as const;\n`;
          expect(await format(typed)).toBe(typed);
        }),
        { numRuns: 120, seed: 20261207 },
      );
    });
  });
});

/** Every SQL string of a plan's steps. */
function sqlStrings(plan: Plan): string[] {
  return plan.steps.flatMap((s) => [...s.up, ...(s.down ?? []), ...s.lossChecks.map((c) => c.sql), ...(s.kind === "backfill" ? [...s.batch.prepare, ...s.batch.perBatch, ...s.assignments.map((a) => a.sql)] : [])]);
}
