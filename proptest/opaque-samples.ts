import fc from "fast-check";
import type { Type } from "../core/types.js";

/**
 * Values `kmig test` writes into columns of types kmig does not model (it cannot compute on them,
 * only copy and compare them): a few values of each type PostgreSQL or a contrib module has, written
 * exactly as PostgreSQL prints them (the JavaScript side of `kmig test` sees a value as that text).
 * A type not listed (PostGIS's, a schema's own) gets NULL: a NOT NULL column of one keeps its
 * table's rows out, which the run reports as a property that tested nothing.
 */
const SAMPLES: Readonly<Record<string, readonly string[]>> = {
  int4range: ["empty", "[1,10)", "(,5)"],
  int8range: ["empty", "[1,10000000000)"],
  numrange: ["empty", "[1.5,2.5]"],
  tsrange: ["empty", '["2020-01-01 00:00:00","2020-02-01 00:00:00")'],
  tstzrange: ["empty", '["2020-01-01 00:00:00+00","2020-02-01 00:00:00+00")'],
  daterange: ["empty", "[2020-01-01,2020-02-01)"],
  int4multirange: ["{}", "{[1,3),[5,8)}"],
  datemultirange: ["{}", "{[2020-01-01,2020-02-01)}"],
  pg_lsn: ["0/0", "16/B374D848"],
  name: ["n", "a_name"],
  citext: ["x", "Mixed Case"],
  ltree: ["a", "top.science.astronomy"],
  hstore: ['"a"=>"1"', ""],
};

/** An arbitrary of an opaque type's values: samples where kmig knows some, NULL (undefined) otherwise. */
export function opaqueArb(t: Extract<Type, { kind: "opaque" }>): fc.Arbitrary<unknown> {
  const samples = t.modifiers.length === 0 ? SAMPLES[t.name] : undefined;
  return samples ? fc.constantFrom(...samples) : fc.constant(undefined);
}
