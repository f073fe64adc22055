import { sqlType, type Type } from "../../core/types.js";

/**
 * Helpers shared by the SQL lowerings. Every lowering receives its arguments as already-lowered SQL
 * text of unknown shape, so it parenthesises each one and never splices user text into its own scope.
 */

/** A SQL string literal for `s` (standard_conforming_strings on: only `'` is doubled). `s` must not contain NUL. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

const IDENT = `(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
const TYPE_NAME = `${IDENT}(?:\\[\\])?`;
const ATOM = `(?:${IDENT}(?:\\.${IDENT})*|\\$[0-9]+|-?[0-9]+(?:\\.[0-9]+)?|'(?:[^']|'')*')(?:::${TYPE_NAME})?`;
const ATOMIC = new RegExp(`^(?:${ATOM}|\\(${ATOM}\\))$`);

/** True for SQL that is cheap and stable to repeat: a column, a parameter, a literal (optionally cast or parenthesised). */
export function isAtomic(sql: string): boolean {
  return ATOMIC.test(sql);
}

// Volatile functions an argument may call: the stdlib's gen_random_uuid(), and a few for safety.
const VOLATILE_CALL = /\b(gen_random_uuid|random|nextval|setval|clock_timestamp|timeofday)\s*\(/i;
/** Arguments up to this length are repeated in place: cheaper than a subquery per row. */
const REPEAT_LIMIT = 200;

// True when `sql` may be written several times: it is atomic, or short and calls nothing volatile.
function isRepeatable(sql: string): boolean {
  return isAtomic(sql) || (sql.length <= REPEAT_LIMIT && !VOLATILE_CALL.test(sql));
}

/**
 * Lets `body` read each argument several times. Repeatable arguments are written in place (the
 * planner would inline a binding of them anyway, and a subquery costs ~1 µs per row); otherwise all
 * arguments become columns of a one-row subquery, so that a volatile argument runs once and long
 * ones do not multiply the SQL's size. PostgreSQL evaluates a subquery once per statement when it
 * reads no column, so a volatile argument that reads no column gives one value for all rows.
 * The references `body` gets are atomic or short, so a nested `bindArgs` cannot shadow them.
 */
export function bindArgs(args: readonly string[], body: (refs: readonly string[]) => string): string {
  if (inPlaceOnly || args.every(isRepeatable)) return body(args.map((a) => `(${a})`));
  const columns = args.map((a, i) => `(${a}) AS kmig_arg${i}`);
  return `(SELECT ${body(args.map((_, i) => `kmig_bound.kmig_arg${i}`))} FROM (SELECT ${columns.join(", ")}) AS kmig_bound)`;
}

let inPlaceOnly = false;

/**
 * Lowers with every argument written in place, never bound in a subquery: PostgreSQL refuses
 * subqueries in CHECK constraints, index predicates and ALTER … TYPE … USING (the compiler's callers).
 */
export function withoutSubqueries<T>(lower: () => T): T {
  const outer = inPlaceOnly;
  inPlaceOnly = true;
  try {
    return lower();
  } finally {
    inPlaceOnly = outer;
  }
}

/** The SQL name of a type without modifiers, for casts that must not truncate (`varchar(5)` → `varchar`). */
export function castName(t: Type): string {
  switch (t.kind) {
    case "scalar":
      // bpchar → text drops the padding, which is how every text function sees a char value.
      if (t.domain) return sqlType(t);
      return t.name === "char" ? "text" : t.name;
    case "enum":
      return sqlType(t);
    case "opaque":
      return sqlType({ ...t, modifiers: [] });
    case "array":
      return `${castName(t.element)}[]`;
    case "json":
      return "jsonb";
    case "null":
    case "error":
      return "text";
  }
}

/**
 * `sql` cast to its own type: it makes an untyped literal typed (`to_jsonb('a')` alone is ambiguous),
 * reads json as jsonb and char as text; a cast to the type a value already has costs nothing.
 */
export function typed(sql: string, t: Type): string {
  if (t.kind === "error") return `(${sql})`;
  return `(${sql})::${castName(t)}`;
}

/** `sql` as text (char loses its padding, varchar is relabelled). */
export function asText(sql: string): string {
  return `(${sql})::text`;
}

/** `sql` (of type `t`) as a jsonb value, converted the way `to_jsonb` converts (SQL NULL stays NULL). */
export function asJsonb(sql: string, t: Type): string {
  if (t.kind === "json" || t.kind === "null") return `(${sql})::jsonb`;
  return `to_jsonb(${typed(sql, t)})`;
}
