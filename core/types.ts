/**
 * The types of kmig expressions: PostgreSQL's scalar types, arrays of them, and JSON
 * (json and jsonb values are both `json` inside expressions; the column decides storage).
 * Nullability is part of the type: `nullable` means the value may be NULL / missing.
 */

/** A scalar type as PostgreSQL names it (canonical names from grammar/type-names.ts). */
export type ScalarName =
  | "uuid"
  | "text"
  | "varchar"
  | "char"
  /** blank-padded text without a length limit (`char` alone is `char(1)`) */
  | "bpchar"
  | "smallint"
  | "integer"
  | "bigint"
  | "boolean"
  | "numeric"
  | "real"
  | "double precision"
  | "money"
  | "date"
  | "time"
  | "timetz"
  | "timestamp"
  | "timestamptz"
  | "interval"
  | "inet"
  | "cidr"
  | "macaddr"
  | "macaddr8"
  | "bytea"
  | "bit"
  | "varbit"
  | "tsvector"
  | "tsquery"
  | "xml"
  | "point"
  | "line"
  | "lseg"
  | "box"
  | "path"
  | "polygon"
  | "circle"
  | "oid";

export type Type =
  /**
   * `fields`: an interval's fields (`day to second`), absent for every other type. `domain`: the
   * domain (`create domain year as integer …`) a column of this base type is declared with; values
   * compute as the base type, the column's SQL type is the domain.
   */
  | { readonly kind: "scalar"; readonly name: ScalarName; readonly args: readonly number[]; readonly fields?: string; readonly domain?: string; readonly nullable: boolean }
  /** A value of an enum type the chain declares (`create type order_state as enum (…)`); its labels live in the schema. */
  | { readonly kind: "enum"; readonly name: string; readonly nullable: boolean }
  | { readonly kind: "array"; readonly element: Type; readonly nullable: boolean }
  /**
   * A type kmig does not model (`ltree`, `citext`, `geometry(Point, 4326)`, `public.mytype`): its
   * values are copied, compared for equality and passed through mappings, never computed on.
   * `name` as PostgreSQL folds it (schema-qualified when written so), `modifiers` as written.
   */
  | { readonly kind: "opaque"; readonly name: string; readonly modifiers: readonly string[]; readonly nullable: boolean }
  /** A JSON value; `storage` says whether a column holds it as `json` or `jsonb` (expressions: jsonb). */
  | { readonly kind: "json"; readonly storage: "json" | "jsonb"; readonly nullable: boolean }
  /** The literal `null`: fits any nullable type. */
  | { readonly kind: "null" }
  /** A type that could not be determined; already reported, accepted everywhere to avoid cascades. */
  | { readonly kind: "error" };

export const ERROR: Type = { kind: "error" };
export const NULL_TYPE: Type = { kind: "null" };
export const scalar = (name: ScalarName, nullable = false, args: readonly number[] = []): Type => ({ kind: "scalar", name, args, nullable });
export const TEXT = scalar("text");
export const BOOLEAN = scalar("boolean");
export const INTEGER = scalar("integer");
export const BIGINT = scalar("bigint");
export const NUMERIC = scalar("numeric");
export const TIMESTAMPTZ = scalar("timestamptz");
export const UUID = scalar("uuid");
export const JSONB: Type = { kind: "json", storage: "jsonb", nullable: false };

export const TEXT_LIKE: ReadonlySet<ScalarName> = new Set(["text", "varchar", "char", "bpchar"]);
export const INTEGERS: ReadonlySet<ScalarName> = new Set(["smallint", "integer", "bigint"]);
export const NUMBERS: ReadonlySet<ScalarName> = new Set(["smallint", "integer", "bigint", "numeric", "real", "double precision"]);

export function isNullable(t: Type): boolean {
  return t.kind === "null" || t.kind === "error" || t.nullable;
}

export function withNullable(t: Type, nullable: boolean): Type {
  if (t.kind === "null" || t.kind === "error") return t;
  return { ...t, nullable };
}

export const isJson = (t: Type): boolean => t.kind === "json";
export const isText = (t: Type): boolean => t.kind === "scalar" && TEXT_LIKE.has(t.name);
export const isNumber = (t: Type): boolean => t.kind === "scalar" && NUMBERS.has(t.name);
export const isBool = (t: Type): boolean => t.kind === "scalar" && t.name === "boolean";

/** How a type is written in a spec and in messages: `varchar(50)`, `jsonb?`, `text[]`. */
export function showType(t: Type): string {
  switch (t.kind) {
    case "scalar":
      return `${t.domain ?? scalarSpelling(t, ", ")}${t.nullable ? "?" : ""}`;
    case "enum":
      return `${t.name}${t.nullable ? "?" : ""}`;
    case "opaque":
      return `${opaqueSpelling(t, ", ")}${t.nullable ? "?" : ""}`;
    case "array":
      return `${showType({ ...t.element, ...(t.element.kind === "null" || t.element.kind === "error" ? {} : { nullable: false }) })}[]${t.nullable ? "?" : ""}`;
    case "json":
      return `${t.storage}${t.nullable ? "?" : ""}`;
    case "null":
      return "null";
    case "error":
      return "{unknown}";
  }
}

/** The SQL spelling of a column type (no nullability): `varchar(50)`, `double precision`, `text[]`. */
export function sqlType(t: Type): string {
  switch (t.kind) {
    case "scalar":
      return t.domain ? quoteName(t.domain) : scalarSpelling(t, ",");
    case "enum":
      return quoteName(t.name);
    case "opaque":
      return opaqueSql(t);
    case "array":
      return `${sqlType(t.element)}[]`;
    case "json":
      return t.storage;
    case "null":
    case "error":
      return "text";
  }
}

/** A type name of the chain's own (enum, domain) as SQL writes it: always quoted, as every identifier kmig writes. */
function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The type without its domain: what a value of a domain column computes as. */
export function baseType(t: Type): Type {
  if (t.kind !== "scalar" || t.domain === undefined) return t;
  const { domain: _domain, ...base } = t;
  return base;
}

/** `varchar(50)`, `interval day to second(3)`: a scalar's name, fields and arguments. */
function scalarSpelling(t: { readonly name: ScalarName; readonly args: readonly number[]; readonly fields?: string }, comma: string): string {
  const args = t.args.length ? `(${t.args.join(comma)})` : "";
  return t.fields ? `${t.name} ${t.fields}${args}` : `${t.name}${args}`;
}

/** Structural equality ignoring nullability. */
export function sameBase(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "scalar" && b.kind === "scalar") return a.name === b.name && a.args.join() === b.args.join() && a.fields === b.fields && a.domain === b.domain;
  if (a.kind === "enum" && b.kind === "enum") return a.name === b.name;
  if (a.kind === "opaque" && b.kind === "opaque") return a.name === b.name && a.modifiers.join() === b.modifiers.join();
  if (a.kind === "array" && b.kind === "array") return sameBase(a.element, b.element);
  if (a.kind === "json" && b.kind === "json") return a.storage === b.storage;
  return true;
}

/** `geometry(Point, 4326)`, `public.mytype`: an opaque type as a spec writes it. */
function opaqueSpelling(t: { readonly name: string; readonly modifiers: readonly string[] }, comma: string): string {
  return t.modifiers.length ? `${t.name}(${t.modifiers.join(comma)})` : t.name;
}

/**
 * An opaque type in SQL: each part of its name quoted; its modifiers are the identifier and number
 * tokens the parser accepted (nothing else reaches here), so they are written as they came.
 */
function opaqueSql(t: { readonly name: string; readonly modifiers: readonly string[] }): string {
  const name = t.name.split(".").map(quoteName).join(".");
  return t.modifiers.length ? `${name}(${t.modifiers.join(",")})` : name;
}
