import type { TypeRef } from "../../grammar/ast.js";
import { ERROR, withNullable, type ScalarName, type Type } from "../../core/types.js";
import type { NamedTypeState } from "./named-type.js";
import { KNOWN_OPAQUE_TYPES } from "../../grammar/type-names.js";

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

/** Why a written type names nothing: the span and the names it might have meant. */
export interface UnknownType {
  readonly ref: TypeRef;
  readonly known: readonly string[];
}

/**
 * The type a spec's `TypeRef` denotes, its named types (`order_state`, `year`) resolved against
 * the chain's `types`: an enum type, or a domain's base type marked with the domain. A name the
 * chain has not declared goes to `unknown` and gives the error type (already reported there).
 */
export function resolveTypeRef(t: TypeRef, types: ReadonlyMap<string, NamedTypeState>, unknown: (u: UnknownType) => void): Type {
  if (!t.named) return typeOfRef(t);
  const named = t.modifiers || t.name.includes(".") ? undefined : types.get(t.name);
  if (!named && isOpaqueName(t)) return withDims({ kind: "opaque", name: opaqueName(t.name), modifiers: t.modifiers ?? [], nullable: false }, t);
  if (!named) {
    unknown({ ref: t, known: [...types.keys()] });
    return ERROR;
  }
  return withDims(named.kind === "enum" ? { kind: "enum", name: named.name, nullable: false } : named.base.kind === "scalar" ? { ...named.base, domain: named.name } : named.base, t);
}

/** `base` with the array dimensions and nullability `t` was written with. */
function withDims(base: Type, t: TypeRef): Type {
  for (let i = 0; i < t.arrayDims; i++) base = { kind: "array", element: base, nullable: false };
  return t.nullable ? withNullable(base, true) : base;
}

/**
 * Whether a named type the chain does not declare is a type kmig leaves opaque: one written with
 * its schema (`public.mytype`), or one PostgreSQL or a common extension has (`ltree`, `citext`,
 * `geometry(Point, 4326)`). Any other unknown name stays an error, so that a misspelt one is caught.
 */
function isOpaqueName(t: TypeRef): boolean {
  return t.name.includes(".") || KNOWN_OPAQUE_TYPES.has(t.name.toLowerCase());
}

/** The name as PostgreSQL folds it: an unquoted identifier is lower case. */
function opaqueName(name: string): string {
  return name
    .split(".")
    .map((part) => (part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part.toLowerCase()))
    .join(".");
}
