import type { TypeRef } from "../../grammar/ast.js";
import type { ScalarName, Type } from "../../core/types.js";

/** The type a spec's `TypeRef` denotes (canonical names come from the parser). */
export function typeOfRef(t: TypeRef): Type {
  let base: Type =
    t.name === "json" || t.name === "jsonb"
      ? { kind: "json", storage: t.name, nullable: false }
      : { kind: "scalar", name: t.name as ScalarName, args: t.args, ...(t.fields ? { fields: t.fields } : {}), nullable: false };
  for (let i = 0; i < t.arrayDims; i++) base = { kind: "array", element: base, nullable: false };
  return t.nullable ? { ...base, nullable: true } : base;
}
