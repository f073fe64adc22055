/**
 * The shapes of the schema statements the compiler writes, recognised so that `kmig plan` can
 * follow what a migration does to each table without running it. kmig writes every identifier
 * quoted; a statement of any other shape (raw SQL) is `unknown`.
 */
export type Shape =
  | { readonly kind: "add-column"; readonly table: string; readonly column: string; readonly type: string; readonly notNull: boolean; readonly default: string | null }
  | { readonly kind: "rename-column"; readonly table: string; readonly from: string; readonly to: string }
  | { readonly kind: "drop-column"; readonly table: string; readonly column: string }
  | { readonly kind: "alter-type"; readonly table: string; readonly column: string; readonly type: string; readonly using: string }
  | { readonly kind: "set-not-null"; readonly table: string; readonly column: string }
  | { readonly kind: "unique"; readonly table: string; readonly name: string; readonly columns: readonly string[]; readonly where: string | null; readonly notNull: boolean }
  | { readonly kind: "index"; readonly table: string; readonly name: string }
  | { readonly kind: "check"; readonly table: string; readonly name: string; readonly expr: string }
  | { readonly kind: "foreign-key"; readonly table: string; readonly name: string; readonly columns: readonly string[]; readonly refTable: string; readonly refColumns: readonly string[] }
  | { readonly kind: "create-table"; readonly table: string; readonly indexes: readonly string[] }
  | { readonly kind: "drop-index"; readonly name: string }
  | { readonly kind: "drop-constraint"; readonly table: string; readonly name: string }
  | { readonly kind: "drop-table"; readonly table: string }
  | { readonly kind: "rename-table"; readonly from: string; readonly to: string }
  /** `ALTER INDEX … RENAME TO`, `ALTER TABLE … RENAME CONSTRAINT` (a key's index is renamed with it). */
  | { readonly kind: "rename-relation"; readonly from: string; readonly to: string }
  /** A check or foreign key added NOT VALID: its rows are checked when it is validated. */
  | { readonly kind: "not-valid"; readonly table: string; readonly name: string; readonly of: Shape }
  | { readonly kind: "validate"; readonly table: string; readonly name: string }
  | { readonly kind: "no-data-effect" }
  | { readonly kind: "unknown" };

const I = `"(?:[^"]|"")+"`;
const LIST = `${I}(?:, ${I})*`;
const name = (quoted: string) => quoted.slice(1, -1).replace(/""/g, '"');
const names = (list: string) => (list.match(new RegExp(I, "g")) ?? []).map(name);

const PATTERNS: readonly { readonly re: RegExp; readonly shape: (m: RegExpMatchArray) => Shape }[] = [
  { re: new RegExp(`^ALTER TABLE (${I}) ADD COLUMN (${I}) (.+?)( NOT NULL)?(?: DEFAULT (.+))?$`, "s"), shape: (m) => ({ kind: "add-column", table: name(m[1]), column: name(m[2]), type: m[3], notNull: m[4] !== undefined, default: m[5] ?? null }) },
  { re: new RegExp(`^ALTER TABLE (${I}) RENAME COLUMN (${I}) TO (${I})$`), shape: (m) => ({ kind: "rename-column", table: name(m[1]), from: name(m[2]), to: name(m[3]) }) },
  { re: new RegExp(`^ALTER TABLE (${I}) DROP COLUMN (${I})$`), shape: (m) => ({ kind: "drop-column", table: name(m[1]), column: name(m[2]) }) },
  { re: new RegExp(`^ALTER TABLE (${I}) ALTER COLUMN (${I}) TYPE (.+?) USING (.+)$`, "s"), shape: (m) => ({ kind: "alter-type", table: name(m[1]), column: name(m[2]), type: m[3], using: m[4] }) },
  { re: new RegExp(`^ALTER TABLE (${I}) ALTER COLUMN (${I}) SET NOT NULL$`), shape: (m) => ({ kind: "set-not-null", table: name(m[1]), column: name(m[2]) }) },
  { re: new RegExp(`^ALTER TABLE (${I}) ADD CONSTRAINT (${I}) (UNIQUE|PRIMARY KEY) \\((${LIST})\\)$`), shape: (m) => ({ kind: "unique", table: name(m[1]), name: name(m[2]), columns: names(m[4]), where: null, notNull: m[3] === "PRIMARY KEY" }) },
  { re: new RegExp(`^ALTER TABLE (${I}) ADD CONSTRAINT (${I}) CHECK \\((.+)\\)$`, "s"), shape: (m) => ({ kind: "check", table: name(m[1]), name: name(m[2]), expr: m[3] }) },
  // Added `NOT VALID`, a constraint does not read the rows there: `VALIDATE CONSTRAINT` does. kmig's
  // helper check before SET NOT NULL (`… CHECK ("c" IS NOT NULL)`) is that NOT NULL.
  { re: new RegExp(`^ALTER TABLE (${I}) ADD CONSTRAINT (${I}) (?:CHECK|FOREIGN KEY) .* NOT VALID$`, "s"), shape: (m) => ({ kind: "not-valid", table: name(m[1]), name: name(m[2]), of: validated(m.input as string, m[1], m[2]) }) },
  { re: new RegExp(`^ALTER TABLE (${I}) VALIDATE CONSTRAINT (${I})$`), shape: (m) => ({ kind: "validate", table: name(m[1]), name: name(m[2]) }) },
  { re: new RegExp(`^ALTER INDEX (${I}) RENAME TO (${I})$`), shape: (m) => ({ kind: "rename-relation", from: name(m[1]), to: name(m[2]) }) },
  { re: new RegExp(`^ALTER TABLE ${I} RENAME CONSTRAINT (${I}) TO (${I})$`), shape: (m) => ({ kind: "rename-relation", from: name(m[1]), to: name(m[2]) }) },
  {
    re: new RegExp(`^ALTER TABLE (${I}) ADD CONSTRAINT (${I}) FOREIGN KEY \\((${LIST})\\) REFERENCES (${I}) \\((${LIST})\\)`),
    shape: (m) => ({ kind: "foreign-key", table: name(m[1]), name: name(m[2]), columns: names(m[3]), refTable: name(m[4]), refColumns: names(m[5]) }),
  },
  {
    re: new RegExp(`^CREATE UNIQUE INDEX (?:CONCURRENTLY )?(${I}) ON (${I})(?: USING \\w+)? \\(((?:${I}(?: DESC)?)(?:, ${I}(?: DESC)?)*)\\)(?: WHERE (.+))?$`, "s"),
    shape: (m) => ({ kind: "unique", table: name(m[2]), name: name(m[1]), columns: names(m[3]), where: m[4] ?? null, notNull: false }),
  },
  { re: new RegExp(`^CREATE INDEX (?:CONCURRENTLY )?(${I}) ON (${I})`), shape: (m) => ({ kind: "index", table: name(m[2]), name: name(m[1]) }) },
  { re: new RegExp(`^CREATE TABLE (${I}) \\(`), shape: (m) => ({ kind: "create-table", table: name(m[1]), indexes: [...m.input!.matchAll(new RegExp(`CONSTRAINT (${I}) (?:PRIMARY KEY|UNIQUE|EXCLUDE)`, "g"))].map((c) => name(c[1])) }) },
  { re: new RegExp(`^DROP INDEX (?:CONCURRENTLY )?(?:IF EXISTS )?(${I})$`), shape: (m) => ({ kind: "drop-index", name: name(m[1]) }) },
  { re: new RegExp(`^ALTER TABLE (${I}) DROP CONSTRAINT (?:IF EXISTS )?(${I})$`), shape: (m) => ({ kind: "drop-constraint", table: name(m[1]), name: name(m[2]) }) },
  { re: new RegExp(`^DROP TABLE (${I})$`), shape: (m) => ({ kind: "drop-table", table: name(m[1]) }) },
  { re: new RegExp(`^ALTER TABLE (${I}) SET SCHEMA "kmig"$`), shape: (m) => ({ kind: "drop-table", table: name(m[1]) }) },
  { re: new RegExp(`^ALTER TABLE (${I}) RENAME TO (${I})$`), shape: (m) => ({ kind: "rename-table", from: name(m[1]), to: name(m[2]) }) },
  // Defaults, dropped NOT NULL, constraints and indexes dropped, plain indexes, kmig's own stash tables: no row changes.
  { re: new RegExp(`^(ALTER TABLE ${I} ALTER COLUMN ${I} (SET DEFAULT|DROP DEFAULT|DROP NOT NULL)|ALTER TABLE ${I} DROP CONSTRAINT |DROP INDEX |CREATE SCHEMA IF NOT EXISTS "kmig"$|CREATE TABLE (IF NOT EXISTS )?"kmig"\\.|INSERT INTO "kmig"\\.|ALTER TABLE "kmig"\\.)`), shape: () => ({ kind: "no-data-effect" }) },
];

/** What a NOT VALID constraint checks once validated: the constraint as if added valid. */
function validated(sql: string, table: string, constraint: string): Shape {
  const helper = new RegExp(`^ALTER TABLE ${I} ADD CONSTRAINT ${I} CHECK \\((${I}) IS NOT NULL\\) NOT VALID$`).exec(sql);
  if (helper && /kmig_not_null\d*"$/.test(constraint)) return { kind: "set-not-null", table: name(table), column: name(helper[1]) };
  return shapeOf(sql.replace(/ NOT VALID$/, ""));
}

/** What one statement does to the tables' rows, as far as kmig can tell. */
export function shapeOf(sql: string): Shape {
  const s = sql.trim();
  for (const p of PATTERNS) {
    const m = s.match(p.re);
    if (m) return p.shape(m);
  }
  return { kind: "unknown" };
}
