/**
 * kmig's batch SQL with its relations renamed: `"tasks"` becomes the shard `"tasks_102008"`, and
 * `"kmig"."stash__m__tasks"` the colocated stash shard, so that the statements kmig compiled run
 * unchanged on a worker against one shard. Only quoted identifiers outside string literals,
 * dollar quotes and comments are looked at (kmig quotes every identifier it generates); a
 * dotted chain is renamed by its leading parts: `"tasks"."id"` → `"tasks_102008"."id"`.
 *
 * `renames` maps the quoted spelling (`"tasks"` or `"kmig"."stash"`) to its replacement. A column
 * spelled like a renamed table would be renamed too: callers check that none is (shard-route.ts).
 */
export function renameRelations(sql: string, renames: ReadonlyMap<string, string>): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const skip = skipLiteral(sql, i);
    if (skip > i) {
      out += sql.slice(i, skip);
      i = skip;
      continue;
    }
    if (c !== '"') {
      out += c;
      i++;
      continue;
    }
    const parts: string[] = [];
    let j = i;
    for (;;) {
      const end = quotedEnd(sql, j);
      parts.push(sql.slice(j, end));
      if (sql[end] === "." && sql[end + 1] === '"') j = end + 1;
      else {
        j = end;
        break;
      }
    }
    const two = parts.length >= 2 ? renames.get(`${parts[0]}.${parts[1]}`) : undefined;
    if (two !== undefined) out += [two, ...parts.slice(2)].join(".");
    else {
      const one = renames.get(parts[0]);
      out += [one ?? parts[0], ...parts.slice(1)].join(".");
    }
    i = j;
  }
  return out;
}

/** The index after the quoted identifier starting at `i` (`""` inside is an escaped quote). */
function quotedEnd(sql: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const k = sql.indexOf('"', j);
    if (k < 0) return sql.length;
    if (sql[k + 1] === '"') j = k + 2;
    else return k + 1;
  }
}

/** Past a string literal, dollar quote or comment starting at `i`; `i` itself when none starts there. */
function skipLiteral(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'") {
    // E'…' strings take backslash escapes; standard strings only double the quote.
    const escapes = i > 0 && /[eE]/.test(sql[i - 1]) && (i < 2 || !/[A-Za-z0-9_]/.test(sql[i - 2]));
    let j = i + 1;
    while (j < sql.length) {
      if (escapes && sql[j] === "\\") j += 2;
      else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
      else if (sql[j] === "'") return j + 1;
      else j++;
    }
    return sql.length;
  }
  if (c === "-" && sql[i + 1] === "-") {
    const k = sql.indexOf("\n", i);
    return k < 0 ? sql.length : k;
  }
  if (c === "/" && sql[i + 1] === "*") {
    const k = sql.indexOf("*/", i + 2);
    return k < 0 ? sql.length : k + 2;
  }
  if (c === "$") {
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
    if (m && (i === 0 || !/[A-Za-z0-9_]/.test(sql[i - 1]))) {
      const k = sql.indexOf(m[0], i + m[0].length);
      return k < 0 ? sql.length : k + m[0].length;
    }
  }
  return i;
}
