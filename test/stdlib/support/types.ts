import { JSONB, NULL_TYPE, scalar, withNullable, type ScalarName, type Type } from "../../../core/types.js";

/** Short names for the argument types the stdlib tests use; `N` marks a nullable type. */
export const T = {
  json: JSONB,
  jsonN: withNullable(JSONB, true),
  jsonStoredN: { kind: "json", storage: "json", nullable: true } as Type,
  null: NULL_TYPE,
  ...scalars(["text", "varchar", "boolean", "smallint", "integer", "bigint", "numeric", "real"]),
  ...scalars(["uuid", "date", "time", "timestamp", "timestamptz", "interval", "inet", "bytea"]),
  double: scalar("double precision"),
  doubleN: scalar("double precision", true),
  varchar20N: scalar("varchar", true, [20]),
  char5N: scalar("char", true, [5]),
  textArrayN: { kind: "array", element: scalar("text", true), nullable: true } as Type,
  integerArrayN: { kind: "array", element: scalar("integer", true), nullable: true } as Type,
};

function scalars<N extends ScalarName>(names: readonly N[]): Record<N | `${N}N`, Type> {
  const out: Record<string, Type> = {};
  for (const n of names) {
    out[n] = scalar(n);
    out[`${n}N`] = scalar(n, true);
  }
  return out as Record<N | `${N}N`, Type>;
}
