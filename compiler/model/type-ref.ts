import type { TypeRef } from "../../grammar/ast.js";
import type { ScalarName, Type } from "../../core/types.js";

/** `serial` and friends are shorthands for a column: as a type, they are the integer they hold. */
const SERIAL_BASE: Readonly<Record<string, ScalarName>> = { smallserial: "smallint", serial: "integer", bigserial: "bigint" };

/** The type a spec's `TypeRef` denotes (canonical names come from the parser). */
export function typeOfRef(t: TypeRef): Type {
  const name: string = SERIAL_BASE[t.name] ?? t.name;
  let base: Type =
    name === "json" || name === "jsonb"
      ? { kind: "json", storage: name, nullable: false }
      : { kind: "scalar", name: name as ScalarName, args: t.args, ...(t.fields ? { fields: t.fields } : {}), nullable: false };
  for (let i = 0; i < t.arrayDims; i++) base = { kind: "array", element: base, nullable: false };
  return t.nullable ? { ...base, nullable: true } : base;
}
