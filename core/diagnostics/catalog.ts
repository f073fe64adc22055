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
  K2001: { name: "unknown-table", severity: "error", summary: "A table that does not exist at this point of the chain." },
  K2002: { name: "unknown-column", severity: "error", summary: "A column that does not exist on the table at this point of the chain." },
  K2003: { name: "column-dropped-earlier", severity: "error", summary: "A column used after an earlier step dropped it." },
  K2004: { name: "unknown-function", severity: "error", summary: "A call of a function, map or `def` that does not exist." },
  K2005: { name: "table-exists", severity: "error", summary: "Creating or renaming to a table name that is taken." },
  K2006: { name: "column-exists", severity: "error", summary: "Adding or renaming to a column name that is taken." },
  K2007: { name: "name-taken", severity: "error", summary: "An index or constraint name that is already in use." },
  K2008: { name: "unknown-index", severity: "error", summary: "Dropping an index that does not exist." },
  K2009: { name: "unknown-constraint", severity: "error", summary: "Dropping a constraint that does not exist." },
  K2010: { name: "duplicate-definition", severity: "error", summary: "Two maps or functions with one name in a migration." },
  K2011: { name: "broken-chain", severity: "error", summary: "A migration whose `from` is not the previous migration's `to`." },
  K2012: { name: "baseline-placement", severity: "error", summary: "A baseline that is not the first file of the chain, or a second baseline." },
  K2013: { name: "duplicate-migration-id", severity: "error", summary: "Two migrations with one id." },
  K2014: { name: "duplicate-assignment", severity: "error", summary: "One column or key computed twice in a block." },
  K2015: { name: "wrong-argument-count", severity: "error", summary: "A call with the wrong number of arguments." },
  K2016: { name: "recursive-function", severity: "error", summary: "A `def` that calls itself, directly or not." },
  K2017: { name: "old-outside-expect", severity: "error", summary: "`old` used outside an `expect`." },
  K2018: { name: "several-units-in-file", severity: "error", summary: "A file with more than one migration or baseline." },
  K2019: { name: "missing-describe", severity: "warning", summary: "A migration without a `describe` line." },
  K2020: { name: "root-misuse", severity: "error", summary: "`$` used where it has no meaning." },
  K2021: { name: "too-many-columns", severity: "error", summary: "A table with more columns than PostgreSQL's limit of 1,600." },
  K2022: { name: "written-twice", severity: "error", summary: "A part a table or column has once (a comment, an identity, a generated expression, a replica identity) written twice." },
  K3001: { name: "type-mismatch", severity: "error", summary: "A value whose type does not fit where it goes." },
  K3002: { name: "incompatible-comparison", severity: "error", summary: "Comparing values of types that cannot be compared." },
  K3003: { name: "json-as-scalar", severity: "error", summary: "A JSON value used where a scalar is needed, without conversion." },
  K3004: { name: "null-into-not-null", severity: "error", summary: "A value that may be NULL going into a NOT NULL column." },
  K3005: { name: "value-too-long", severity: "error", summary: "A literal longer than its varchar column allows." },
  K3006: { name: "bad-argument", severity: "error", summary: "A built-in function called with an argument of the wrong type." },
  K3007: { name: "no-keys", severity: "error", summary: "`.key` on a value that is not JSON." },
  K3008: { name: "needs-using", severity: "error", summary: "A type change PostgreSQL cannot do without a `using` conversion." },
  K3009: { name: "fk-type-mismatch", severity: "error", summary: "A foreign key whose column types differ from the referenced ones." },
  K3010: { name: "may-truncate", severity: "warning", summary: "A value that may be longer than its varchar column allows." },
  K3011: { name: "map-type", severity: "error", summary: "A status map entry whose value does not fit the map's type or column." },
  K3012: { name: "bad-index-method", severity: "error", summary: "An index method PostgreSQL does not have, or that does not fit." },
  K3013: { name: "not-in-predicate", severity: "error", summary: "A check or index predicate that calls what PostgreSQL cannot evaluate there: a map, now(), or a function other than lower, upper, trim, length." },
  K3014: { name: "predicate-type-change", severity: "error", summary: "A type change to another kind of type under a check or index predicate that reads the column." },
  K4001: { name: "map-not-total", severity: "error", summary: "A status map over an open set of values without `else`." },
  K4002: { name: "map-conflict", severity: "error", summary: "One input mapped to two different outputs." },
  K4003: { name: "map-duplicate", severity: "warning", summary: "The same map entry written twice." },
  K4004: { name: "map-unreachable", severity: "warning", summary: "A map entry or `else` that no input can reach." },
  K4005: { name: "keep-original-not-stored", severity: "error", summary: "`keep original in` a place the mapping does not write the original to." },
  K4006: { name: "lossy-without-key", severity: "error", summary: "A lossy step on a table without a primary key to keep its originals by." },
  K4007: { name: "not-null-without-value", severity: "error", summary: "A NOT NULL column added to a table with rows, with no default and no mapping." },
  K4008: { name: "drop-referenced-table", severity: "error", summary: "Dropping a table that foreign keys still point at." },
  K4009: { name: "drop-key-column", severity: "error", summary: "Dropping a primary key column." },
  K4010: { name: "irreversible-step", severity: "note", summary: "A step declared irreversible: rollback stops before it." },
  K4011: { name: "opaque-sql", severity: "warning", summary: "Raw SQL: kmig cannot see what it changes or check later steps against it." },
  K4012: { name: "reverse-choice-invalid", severity: "error", summary: "A `reverse x -> a` whose input does not map to that output." },
  K4013: { name: "rename-unchanged", severity: "error", summary: "A rename to the same name." },
  K4014: { name: "no-primary-key", severity: "warning", summary: "A table without a primary key: its backfills cannot be batched or resumed." },
  K4015: { name: "drop-referenced-column", severity: "error", summary: "Dropping a column that a foreign key still points at." },
  K8001: { name: "internal-error", severity: "error", summary: "kmig itself failed; please report it with the input that caused it." },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;
