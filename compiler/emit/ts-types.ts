import type { Type } from "../../core/types.js";
import type { ColumnState, TableState } from "../model/schema.js";
import { propertyKey } from "./names.js";

/**
 * TypeScript types for kmig values, by the value model of stdlib/builtin.ts: SQL NULL is
 * `undefined`; exact numbers (bigint, numeric) and every text-output type (timestamps, uuid,
 * inet, bytea as `\x…`) are strings; other numbers are numbers; JSON is `Json`.
 */
export function tsType(t: Type): string {
  const base = tsBaseType(t);
  return nullable(t) && base !== "undefined" && base !== "unknown" ? `${base} | undefined` : base;
}

function nullable(t: Type): boolean {
  return t.kind === "null" || t.kind === "error" || t.nullable;
}

function tsBaseType(t: Type): string {
  switch (t.kind) {
    case "scalar":
      switch (t.name) {
        case "smallint":
        case "integer":
        case "real":
        case "double precision":
          return "number";
        case "boolean":
          return "boolean";
        default:
          return "string";
      }
    case "enum":
    case "opaque":
      // pg and PGlite hand over a type they do not know as its text.
      return "string";
    case "array": {
      const element = tsType(t.element);
      // A SQL array may hold NULLs only where its element type says so.
      return element.includes("|") ? `readonly (${element})[]` : `readonly ${element}[]`;
    }
    case "json":
      return "Json";
    case "null":
      return "undefined";
    case "error":
      return "unknown";
  }
}

/** The properties of a table's row interface, in column order. */
export function rowProperties(table: TableState): readonly (readonly [string, string])[] {
  return table.columns.map((c) => [c.name, tsType(c.type)] as const);
}

/** A row type written inline: `{ readonly id: string; … }`, for a row no named interface describes. */
export function inlineRowType(columns: readonly ColumnState[]): string {
  return `{ ${columns.map((c) => `readonly ${propertyKey(c.name)}: ${tsType(c.type)};`).join(" ")} }`;
}

/** Whether two table states have the same row shape (names, order and types of columns). */
export function sameRowShape(a: TableState | undefined, b: TableState | undefined): boolean {
  if (!a || !b || a.columns.length !== b.columns.length) return false;
  return a.columns.every((c, i) => c.name === b.columns[i].name && tsType(c.type) === tsType(b.columns[i].type));
}
