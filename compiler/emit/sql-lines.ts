/**
 * Long one-line SQL in a plan module, cut into lines a reviewer can diff: a backfill's UPDATE one
 * assignment per line, a stash table one column per line, a CASE map one WHEN per line. The cut
 * changes no byte of the statement: the lines joined give it back exactly (data-literal.ts writes
 * them as one template literal whose line ends are escaped, which read as nothing).
 *
 * Cuts fall right after a space, outside quoted literals and identifiers:
 * - after `, ` in a list: at the top of the statement, or in parentheses opened after a space
 *   (`INSERT INTO t (a, b)`, `SET (a, b) = (…)`), not in a function's arguments or `IN (…)`;
 * - before a CASE's `WHEN` (but its first) and `ELSE`, at any depth;
 * - before a clause (`SET`, `SELECT`, `FROM`, `WHERE`, `AND`, `JOIN`, …) at the top of the
 *   statement or of a subquery (`(SELECT …)`).
 */

/** SQL shorter than this stays one string. */
export const SQL_CUT_FROM = 100;

/** Plan fields whose strings are SQL (core/plan.ts): `sql`, `up`, `down`, a batch's `prepare`, …, and every `…Sql`. */
export function isSqlKey(key: string): boolean {
  return SQL_KEYS.has(key) || /Sql$/.test(key);
}

const SQL_KEYS = new Set(["sql", "up", "down", "prepare", "perBatch", "predicate"]);

const CASE_WORDS = ["WHEN", "ELSE"];
const CLAUSES = ["SET", "SELECT", "FROM", "WHERE", "AND", "OR", "LEFT JOIN", "JOIN", "ON", "GROUP BY", "ORDER BY", "RETURNING", "ON CONFLICT", "USING", "VALUES"];

/** Words after which a clause word is part of the one before it (`IS DISTINCT FROM`, `LEFT JOIN`, `DISTINCT ON`, `CREATE OR REPLACE`). */
const AFTER_WORD = /\b(?:CREATE|DISTINCT|IS|NOT|LEFT|RIGHT|INNER|FULL|CROSS|OUTER) $/;

/** The lines of `sql` (joined, exactly `sql`), or null where it stays one string: short, one line, or with nowhere to cut. */
export function sqlLines(sql: string): string[] | null {
  // Control characters (line ends above all) keep their escapes in an ordinary string.
  if (sql.length < SQL_CUT_FROM || /[\u0000-\u001f\u007f\u2028\u2029]/.test(sql)) return null;
  const cuts: number[] = [];
  /** Per open parenthesis: whether its commas cut (a list), and whether it holds a subquery. */
  const open: { list: boolean; query: boolean }[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      i = closing(sql, i);
      continue;
    }
    if (c === "(") {
      // A value list (`IN (…)`, `DISTINCT ON (…)`) stays on its line, as a function's arguments do.
      const list = i === 0 || (sql[i - 1] === " " && !/\b(?:IN|ON) $/.test(sql.slice(Math.max(0, i - 4), i)));
      open.push({ list, query: sql.startsWith("SELECT ", i + 1) });
      continue;
    }
    if (c === ")") {
      open.pop();
      continue;
    }
    if (c !== " " || i === 0) continue;
    const top = open.length === 0 ? { list: true, query: true } : open[open.length - 1];
    const next = i + 1;
    if (sql[i - 1] === "," && top.list) cuts.push(next);
    else if (wordAt(sql, next, CASE_WORDS) && !sql.endsWith("CASE ", next)) cuts.push(next);
    else if (top.query && wordAt(sql, next, CLAUSES) && !AFTER_WORD.test(sql.slice(Math.max(0, i - 12), next))) cuts.push(next);
  }
  if (cuts.length === 0) return null;
  return [0, ...cuts].map((from, k) => sql.slice(from, cuts[k] ?? sql.length));
}

/** The index of the quote that closes the literal or identifier opening at `i` (a doubled quote stays inside). */
function closing(sql: string, i: number): number {
  const q = sql[i];
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q) j += 2;
      else return j;
    } else j++;
  }
  return sql.length;
}

/** Whether one of `words` starts at `i` as a whole word (followed by a space or the end). */
function wordAt(sql: string, i: number, words: readonly string[]): boolean {
  return words.some((w) => sql.startsWith(w, i) && (i + w.length === sql.length || sql[i + w.length] === " " || sql[i + w.length] === "("));
}
