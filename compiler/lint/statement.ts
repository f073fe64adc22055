import type { StatementKind } from "./lock-claims.js";

/**
 * One SQL statement kmig emitted, read back into what the lints need: its kind, its table and the
 * object it names. kmig writes these statements itself (every identifier quoted, one action per
 * ALTER TABLE), so their shapes are few and known; anything else is `other` and never linted.
 */
export type Statement =
  | { readonly kind: "create-table"; readonly table: string }
  | { readonly kind: "create-index"; readonly table: string; readonly index: string; readonly unique: boolean; readonly concurrently: boolean; readonly columns: readonly string[] }
  | { readonly kind: "drop-index"; readonly index: string; readonly concurrently: boolean }
  | { readonly kind: "add-column"; readonly table: string; readonly column: string; readonly definition: string }
  | { readonly kind: "add-constraint"; readonly table: string; readonly constraint: string; readonly type: ConstraintType; readonly notValid: boolean; readonly usingIndex: boolean; readonly refTable: string | null; readonly columns: readonly string[] }
  | { readonly kind: "validate-constraint"; readonly table: string; readonly constraint: string }
  | { readonly kind: "set-not-null"; readonly table: string; readonly column: string }
  | { readonly kind: "drop-not-null"; readonly table: string; readonly column: string }
  | { readonly kind: "alter-type"; readonly table: string; readonly column: string; readonly type: string }
  | { readonly kind: "set-default"; readonly table: string; readonly column: string }
  | { readonly kind: "drop-column"; readonly table: string; readonly column: string }
  | { readonly kind: "rename-column"; readonly table: string; readonly column: string; readonly to: string }
  | { readonly kind: "rename-table"; readonly table: string; readonly to: string }
  | { readonly kind: "move-table"; readonly table: string; readonly schema: string }
  | { readonly kind: "drop-table"; readonly table: string }
  | { readonly kind: "drop-constraint"; readonly table: string; readonly constraint: string }
  | { readonly kind: "update"; readonly table: string }
  | { readonly kind: "other" };

export type ConstraintType = "primary-key" | "unique" | "foreign-key" | "check" | "exclude" | "other";

const ID = String.raw`((?:"(?:[^"]|"")*"\.)?"(?:[^"]|"")*")`;
const QUALIFIED = /^"((?:[^"]|"")*)"\."((?:[^"]|"")*)"$/;
const unquote = (q: string): string => (QUALIFIED.exec(q)?.[2] ?? q.slice(1, -1)).replace(/""/g, '"');
/** A statement on a table of another schema than the user's (kmig's stash tables, `"kmig"."…"`): never linted. */
const ELSEWHERE = /^(?:ALTER TABLE|UPDATE|CREATE TABLE (?:IF NOT EXISTS )?|DROP TABLE (?:IF EXISTS )?|INSERT INTO|CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?"(?:[^"]|"")*" ON) "(?:[^"]|"")*"\./;
const list = (s: string): string[] => [...s.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Statement][] = [
  [new RegExp(String.raw`^CREATE TABLE (?:IF NOT EXISTS )?${ID}`), (m) => ({ kind: "create-table", table: unquote(m[1]) })],
  [new RegExp(String.raw`^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?${ID} ON (?:ONLY )?${ID}(?: USING \w+)? \(([^)]*)\)`), (m) => ({ kind: "create-index", unique: !!m[1], concurrently: !!m[2], index: unquote(m[3]), table: unquote(m[4]), columns: list(m[5]) })],
  [new RegExp(String.raw`^DROP INDEX (CONCURRENTLY )?(?:IF EXISTS )?${ID}`), (m) => ({ kind: "drop-index", concurrently: !!m[1], index: unquote(m[2]) })],
  [new RegExp(String.raw`^DROP TABLE (?:IF EXISTS )?${ID}`), (m) => ({ kind: "drop-table", table: unquote(m[1]) })],
  [new RegExp(String.raw`^UPDATE ${ID} SET`), (m) => ({ kind: "update", table: unquote(m[1]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} ADD COLUMN ${ID} ([\s\S]*)$`), (m) => ({ kind: "add-column", table: unquote(m[1]), column: unquote(m[2]), definition: m[3] })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} ADD CONSTRAINT ${ID} ([\s\S]*)$`), (m) => addConstraint(unquote(m[1]), unquote(m[2]), m[3])],
  [new RegExp(String.raw`^ALTER TABLE ${ID} VALIDATE CONSTRAINT ${ID}`), (m) => ({ kind: "validate-constraint", table: unquote(m[1]), constraint: unquote(m[2]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} DROP CONSTRAINT (?:IF EXISTS )?${ID}`), (m) => ({ kind: "drop-constraint", table: unquote(m[1]), constraint: unquote(m[2]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} ALTER COLUMN ${ID} SET NOT NULL$`), (m) => ({ kind: "set-not-null", table: unquote(m[1]), column: unquote(m[2]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} ALTER COLUMN ${ID} DROP NOT NULL$`), (m) => ({ kind: "drop-not-null", table: unquote(m[1]), column: unquote(m[2]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} ALTER COLUMN ${ID} (?:SET DEFAULT|DROP DEFAULT)`), (m) => ({ kind: "set-default", table: unquote(m[1]), column: unquote(m[2]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} ALTER COLUMN ${ID} TYPE ([\s\S]*?)(?: USING [\s\S]*)?$`), (m) => ({ kind: "alter-type", table: unquote(m[1]), column: unquote(m[2]), type: m[3] })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} DROP COLUMN (?:IF EXISTS )?${ID}`), (m) => ({ kind: "drop-column", table: unquote(m[1]), column: unquote(m[2]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} RENAME COLUMN ${ID} TO ${ID}`), (m) => ({ kind: "rename-column", table: unquote(m[1]), column: unquote(m[2]), to: unquote(m[3]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} RENAME TO ${ID}`), (m) => ({ kind: "rename-table", table: unquote(m[1]), to: unquote(m[2]) })],
  [new RegExp(String.raw`^ALTER TABLE ${ID} SET SCHEMA ${ID}`), (m) => ({ kind: "move-table", table: unquote(m[1]), schema: unquote(m[2]) })],
];

function addConstraint(table: string, constraint: string, rest: string): Statement {
  const type: ConstraintType = /^PRIMARY KEY/.test(rest) ? "primary-key" : /^UNIQUE/.test(rest) ? "unique" : /^FOREIGN KEY/.test(rest) ? "foreign-key" : /^CHECK/.test(rest) ? "check" : /^EXCLUDE/.test(rest) ? "exclude" : "other";
  const ref = type === "foreign-key" ? new RegExp(String.raw`REFERENCES ${ID}`).exec(rest) : null;
  const cols = /^(?:PRIMARY KEY|UNIQUE(?: NULLS NOT DISTINCT)?|FOREIGN KEY) \(([^)]*)\)/.exec(rest);
  return { kind: "add-constraint", table, constraint, type, notValid: /\bNOT VALID$/.test(rest), usingIndex: /^(?:PRIMARY KEY|UNIQUE) USING INDEX /.test(rest), refTable: ref ? unquote(ref[1]) : null, columns: cols ? list(cols[1]) : [] };
}

const cache = new Map<string, Statement>();

/** Reads one statement kmig emitted. */
export function readStatement(sql: string): Statement {
  const hit = cache.get(sql);
  if (hit) return hit;
  const text = sql.trim();
  let out: Statement = { kind: "other" };
  if (!ELSEWHERE.test(text)) for (const [re, make] of PATTERNS) {
    const m = re.exec(text);
    if (m) {
      out = make(m);
      break;
    }
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(sql, out);
  return out;
}

/**
 * The lock claim of a statement (lock-claims.ts), given what the lints know besides its text:
 * whether its type change is binary-coercible, whether its default is volatile, whether the
 * constraint it validates or drops is a foreign key, whether a valid check proves its NOT NULL.
 * Null for statements that take no lock worth naming (a new table, kmig's own tables).
 */
export function claimKindOf(s: Statement, facts: { readonly rewritesType?: boolean; readonly volatileDefault?: boolean; readonly foreignKey?: boolean; readonly provenNotNull?: boolean } = {}): StatementKind | null {
  switch (s.kind) {
    case "create-index":
      return s.unique ? (s.concurrently ? "create-unique-index-concurrently" : "create-unique-index") : s.concurrently ? "create-index-concurrently" : "create-index";
    case "drop-index":
      return s.concurrently ? "drop-index-concurrently" : "drop-index";
    case "add-column":
      return facts.volatileDefault ? "add-column-volatile-default" : /\bDEFAULT\b/.test(s.definition) ? "add-column-default" : "add-column";
    case "add-constraint":
      if (s.type === "primary-key") return s.usingIndex ? "add-primary-key-using-index" : "add-primary-key";
      if (s.type === "unique" || s.type === "exclude") return s.usingIndex ? "add-unique-using-index" : "add-unique";
      if (s.type === "foreign-key") return s.notValid ? "add-foreign-key-not-valid" : "add-foreign-key";
      if (s.type === "check") return s.notValid ? "add-check-not-valid" : "add-check";
      return null;
    case "validate-constraint":
      return facts.foreignKey ? "validate-foreign-key" : "validate-check";
    case "set-not-null":
      return facts.provenNotNull ? "set-not-null-proven" : "set-not-null";
    case "drop-not-null":
      return "drop-not-null";
    case "alter-type":
      return facts.rewritesType === false ? "alter-type-coercible" : "alter-type-rewrite";
    case "set-default":
      return "set-default";
    case "drop-column":
      return "drop-column";
    case "rename-column":
      return "rename-column";
    case "rename-table":
      return "rename-table";
    case "move-table":
    case "drop-table":
      return "drop-table";
    case "drop-constraint":
      return facts.foreignKey ? "drop-foreign-key" : "drop-constraint";
    case "update":
      return "update-rows";
    case "create-table":
    case "other":
      return null;
  }
}
