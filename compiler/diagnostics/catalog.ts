import type { Severity } from "./diagnostic.js";

/** What the catalog knows of a code: its stable name, default severity and a one-line summary. */
export interface CatalogEntry {
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
}

/**
 * Every diagnostic kmig can print, by stable code. Ranges by phase:
 * K1xxx parse, K2xxx names, K3xxx types, K4xxx ops and rollback, K5xxx safety lints,
 * K8xxx internal, K9xxx runtime. Codes are never reused or renumbered.
 */
export const CATALOG = {
  K1001: { name: "unexpected-character", severity: "error", summary: "A character that cannot start any token." },
  K1002: { name: "unterminated-string", severity: "error", summary: "A string literal with no closing quote." },
  K1003: { name: "unterminated-comment", severity: "error", summary: "A `/*` comment with no closing `*/`." },
  K1004: { name: "invalid-escape", severity: "error", summary: "A backslash escape that strings do not know." },
  K1005: { name: "unterminated-quoted-identifier", severity: "error", summary: "A `\"quoted identifier\"` with no closing quote." },
  K1006: { name: "not-text", severity: "error", summary: "The file is not UTF-8 text." },
  K1101: { name: "unexpected-token", severity: "error", summary: "The parser expected one token and found another." },
  K1102: { name: "no-viable-alternative", severity: "error", summary: "No construct of the language starts like this here." },
  K1103: { name: "trailing-input", severity: "error", summary: "Text after the end of the last migration." },
  K1104: { name: "missing-element", severity: "error", summary: "A list that needs at least one element is empty." },
  K1105: { name: "nesting-too-deep", severity: "error", summary: "Brackets or expressions nested deeper than kmig accepts." },
  K1106: { name: "too-many-errors", severity: "error", summary: "So many syntax errors that the rest of the file was not reported." },
  K1201: { name: "unknown-type", severity: "error", summary: "A column type that PostgreSQL (as kmig knows it) does not have." },
  K1202: { name: "bad-type-arguments", severity: "error", summary: "Type arguments the type does not take, or out of range." },
  K1203: { name: "invalid-number", severity: "error", summary: "A number literal that is not a valid number." },
  K1204: { name: "unknown-value-type", severity: "error", summary: "A config value type other than string, number, boolean, object, array or any." },
  K1205: { name: "no-migration", severity: "warning", summary: "A `.kmig` file that declares no migration or baseline." },
  K1206: { name: "unknown-fk-action", severity: "error", summary: "An `on delete` / `on update` action PostgreSQL does not have." },
  K8001: { name: "internal-error", severity: "error", summary: "kmig itself failed; please report it with the input that caused it." },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;
