import { readFileSync } from "node:fs";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR, type Type } from "../../core/types.js";
import { BUILTINS, lookupBuiltin } from "../../stdlib/index.js";
import { sqlLiteral } from "../../stdlib/support/sql-literal.js";
import { connectTestDb } from "./support/pg.js";
import { T } from "./support/types.js";
import { fromSqlText, sameValue, showValue } from "./support/value-model.js";

interface WrongCall {
  readonly types: readonly Type[];
  readonly message: string;
  readonly help?: RegExp;
}

const many = (n: number, t: Type): Type[] => Array.from({ length: n }, () => t);

/** Calls each built-in must reject, with the exact message. Every registry entry needs at least one. */
const WRONG: Record<string, readonly WrongCall[]> = {
  default: [
    {
      types: [T.integer, T.text],
      message: "`default` needs a fallback of the same kind as the value: found integer and text",
      help: /to_text/,
    },
    { types: [T.timestamp, T.date], message: "`default` needs a fallback of the same kind as the value: found timestamp and date" },
    { types: [T.text], message: "`default` takes 2 arguments, found 1 argument" },
  ],
  truthy: [{ types: [T.json, T.json], message: "`truthy` takes 1 argument, found 2 arguments" }],
  lower: [
    { types: [T.json], message: "`lower` takes text, found jsonb", help: /^convert it first: lower\(to_text\(x\)\)$/ },
    { types: [T.integerN], message: "`lower` takes text, found integer" },
  ],
  upper: [{ types: [T.boolean], message: "`upper` takes text, found boolean", help: /upper\(to_text\(x\)\)/ }],
  trim: [{ types: [T.textArrayN], message: "`trim` takes text, found text[]" }],
  length: [{ types: [T.integer], message: "`length` takes text or a JSON array or string, found integer", help: /to_text/ }],
  concat: [
    { types: [T.text, T.integer], message: "`concat` takes text, found integer", help: /to_text/ },
    { types: [], message: "`concat` takes at least 1 argument, found 0 arguments" },
    { types: many(101, T.text), message: "`concat` takes at most 100 arguments, found 101 arguments" },
  ],
  now: [{ types: [T.text], message: "`now` takes no arguments, found 1 argument", help: /now\(\)/ }],
  gen_random_uuid: [{ types: [T.integer], message: "`gen_random_uuid` takes no arguments, found 1 argument" }],
  current_timestamp: [{ types: [T.text], message: "`current_timestamp` takes no arguments, found 1 argument", help: /current_timestamp$/ }],
  current_date: [{ types: [T.integer], message: "`current_date` takes no arguments, found 1 argument" }],
  localtimestamp: [{ types: [T.integer], message: "`localtimestamp` takes no arguments, found 1 argument" }],
  random: [{ types: [T.integer], message: "`random` takes no arguments, found 1 argument" }],
  json_get: [
    { types: [T.text, T.text], message: "`json_get` takes JSON as its first argument, found text", help: /to_json/ },
    { types: [T.json, T.bigint], message: "`json_get` takes a text key or an integer index, found bigint" },
    { types: [T.json, T.json], message: "`json_get` takes a text key or an integer index, found jsonb" },
  ],
  has_key: [
    { types: [T.text, T.text], message: "`has_key` takes JSON as its first argument, found text" },
    { types: [T.json, T.integer], message: "`has_key` takes a text key, found integer" },
  ],
  json_object: [
    { types: [T.text], message: "`json_object` takes pairs of a key and a value, found 1 argument" },
    { types: [T.integer, T.text], message: "`json_object` takes text keys, found integer" },
    { types: [T.textN, T.text], message: "`json_object` takes keys that are never missing, found text", help: /\?\?/ },
    { types: many(102, T.text), message: "`json_object` takes at most 50 pairs, found 102 arguments" },
  ],
  json_array: [{ types: many(101, T.integer), message: "`json_array` takes at most 100 arguments, found 101 arguments" }],
  merge: [
    { types: [T.json, T.text], message: "`merge` takes JSON objects, found text", help: /json_object/ },
    { types: [T.json], message: "`merge` takes 2 arguments, found 1 argument" },
  ],
  to_json: [{ types: [T.text, T.text], message: "`to_json` takes 1 argument, found 2 arguments" }],
  distinct: [{ types: [T.textArrayN], message: "`distinct` takes a JSON array, found text[]", help: /distinct\(to_json\(x\)\)/ }],
  sort: [{ types: [T.text], message: "`sort` takes a JSON array, found text", help: /sort\(to_json\(x\)\)/ }],
  to_text: [{ types: [T.integerArrayN], message: "`to_text` takes JSON or a scalar, found integer[]", help: /to_json/ }],
  to_int: [
    { types: [T.boolean], message: "`to_int` takes JSON, text or a number, found boolean" },
    { types: [T.uuid], message: "`to_int` takes JSON, text or a number, found uuid" },
  ],
  to_number: [
    { types: [T.double], message: "`to_number` takes JSON, text or an exact number, found double precision", help: /to_int/ },
    { types: [T.timestamp], message: "`to_number` takes JSON, text or an exact number, found timestamp" },
  ],
  to_bool: [{ types: [T.integer], message: "`to_bool` takes JSON or text, found integer" }],
  lpad: [
    { types: [T.text], message: "`lpad` takes 2 or 3 arguments, found 1 argument", help: /lpad\(text, length\)/ },
    { types: [T.text, T.bigint], message: "`lpad` takes an integer, found bigint", help: /to_int/ },
    { types: [T.integer, T.integer], message: "`lpad` takes text, found integer", help: /to_text/ },
  ],
  rpad: [{ types: [T.text, T.integer, T.integer], message: "`rpad` takes text, found integer" }],
  substr: [
    { types: [T.text, T.text], message: "`substr` takes an integer, found text" },
    { types: [T.text, T.integer, T.integer, T.integer], message: "`substr` takes 2 or 3 arguments, found 4 arguments" },
  ],
  replace: [{ types: [T.text, T.text], message: "`replace` takes 3 arguments, found 2 arguments", help: /replace\(text, from, to\)/ }],
  split_part: [{ types: [T.text, T.text, T.numeric], message: "`split_part` takes an integer, found numeric" }],
};

describe("the stdlib registry", () => {
  let db: pg.Client;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db?.end();
  });

  it("finds every built-in by its name and nothing else", () => {
    for (const [name, b] of BUILTINS) expect(lookupBuiltin(name)).toBe(b);
    for (const name of ["toString", "constructor", "__proto__", "Lower", "coalesce"]) expect(lookupBuiltin(name)).toBeUndefined();
  });

  for (const [name, b] of BUILTINS) {
    describe(name, () => {
      it("is documented: name, one-line doc, usage and example", () => {
        expect(b.name).toBe(name);
        expect(b.doc).toMatch(/^\S[^\n]*\S$/);
        const call = b.bare ? name : `${name}(`;
        expect(b.usage.startsWith(call)).toBe(true);
        expect(b.example.startsWith(call)).toBe(true);
      });

      it("rejects wrong argument types with a precise message", () => {
        const wrong = WRONG[name];
        expect(wrong, `add rejected calls of ${name} to WRONG`).toBeDefined();
        for (const w of wrong) {
          const r = b.signature(w.types);
          if (r.ok) throw new Error(`${name} accepted (${w.types.length} arguments) that should be rejected`);
          expect(r.message).toBe(w.message);
          if (w.help) expect(r.help).toMatch(w.help);
          if (r.argIndex !== undefined) expect(r.argIndex).toBeLessThan(w.types.length);
        }
      });

      it("accepts already-reported errors in its example's argument positions", () => {
        expect(b.signature(b.exampleCall.args.map(() => ERROR)).ok).toBe(true);
      });

      it("gives its example's result in JavaScript, and its example's SQL prepares and runs on PostgreSQL", async () => {
        const types = b.exampleCall.args.map((a) => a.type);
        const values = b.exampleCall.args.map((a) => a.value);
        const signature = b.signature(types);
        if (!signature.ok) throw new Error(`${b.example}: ${signature.message}`);
        const sql = b.sql(
          b.exampleCall.args.map((a) => sqlLiteral(a.value, a.type)),
          types,
        );
        const statement = `kmig_example_${name}`;
        await db.query(`PREPARE ${statement} AS SELECT (${sql})::text AS r`);
        try {
          const { rows } = await db.query<{ r: string | null }>(`EXECUTE ${statement}`);
          if (b.volatility !== "immutable") return;
          const js = b.js(values, types);
          const onServer = fromSqlText(rows[0].r, signature.type);
          expect(sameValue(js, b.exampleCall.result), `JavaScript: ${showValue(js)}`).toBe(true);
          expect(sameValue(onServer, b.exampleCall.result), `PostgreSQL: ${showValue(onServer)}`).toBe(true);
        } finally {
          await db.query(`DEALLOCATE ${statement}`);
        }
      });

      it("is listed in stdlib/README.md with its usage and example", () => {
        const readme = readFileSync("stdlib/README.md", "utf8").replaceAll("\\|", "|"); // table cells escape `|`
        expect(readme).toContain(`| \`${b.usage}\` |`);
        expect(readme).toContain(`| \`${b.example}\` |`);
      });
    });
  }
});
