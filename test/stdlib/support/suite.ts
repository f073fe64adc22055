import type fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { showType, type Type } from "../../../core/types.js";
import type { Builtin } from "../../../stdlib/builtin.js";
import { checkAgreement, evaluateOnServer } from "./agreement.js";
import { connectTestDb } from "./pg.js";
import { fromSqlText, sameValue, showValue } from "./value-model.js";

/** A fixed call and the result it must give, in JavaScript and on PostgreSQL. */
export interface Example {
  readonly types: readonly Type[];
  readonly args: readonly unknown[];
  readonly result: unknown;
}

/** An argument-type configuration to run the agreement property on. */
export interface Agreement {
  readonly types: readonly Type[];
  readonly args?: readonly (fc.Arbitrary<unknown> | undefined)[];
}

/**
 * The tests of one built-in: its examples on both sides, then the agreement property per
 * configuration. One connection per file; nothing is created on the server.
 */
export function stdlibSuite(fn: Builtin, spec: { examples: readonly Example[]; agreement: readonly Agreement[] }): void {
  describe(fn.name, () => {
    let db: pg.Client;
    beforeAll(async () => {
      db = await connectTestDb();
    });
    afterAll(async () => {
      await db?.end();
    });

    it("gives the expected results in JavaScript and on PostgreSQL", async () => {
      for (const ex of spec.examples) {
        const call = `${fn.name}(${ex.args.map(showValue).join(", ")})`;
        const js = fn.js(ex.args, ex.types);
        expect(sameValue(js, ex.result), `${call} in JavaScript: ${showValue(js)}`).toBe(true);
        const signature = fn.signature(ex.types);
        if (!signature.ok) throw new Error(`${call}: ${signature.message}`);
        const [shapes] = await evaluateOnServer(db, fn, ex.types, [[...ex.args]], signature.type);
        for (const [shape, text] of Object.entries(shapes)) {
          const sql = fromSqlText(text, signature.type);
          expect(sameValue(sql, ex.result), `${call} on PostgreSQL (${shape}): ${showValue(sql)}`).toBe(true);
        }
      }
    });

    for (const a of spec.agreement) {
      it(`agrees with PostgreSQL on generated (${a.types.map(showType).join(", ")})`, async () => {
        expect(await checkAgreement(db, fn, a.types, { args: a.args })).toBeGreaterThan(0);
      });
    }
  });
}
