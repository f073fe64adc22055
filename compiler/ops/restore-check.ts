import type { RestoreCheck } from "../../core/plan.js";
import { primaryKey, type TableState } from "../model/schema.js";
import { ident, literal } from "../sql/quote.js";

/**
 * The rows of `t` where `condition` holds, as a RestoreCheck: how many, and up to five named by
 * primary key (`id=3`), else by ctid. Read on the table as the rollback then sees it.
 */
export function restoreCheck(t: TableState, condition: string, what: string, help: string): RestoreCheck {
  const key = primaryKey(t) ?? [];
  const label = key.length > 0 ? `concat_ws(', ', ${key.map((k) => `${literal(`${k}=`)} || COALESCE((${ident(k)})::text, 'NULL')`).join(", ")})` : `'row ' || ctid::text`;
  const order = key.length > 0 ? key.map(ident).join(", ") : "ctid";
  const from = `${ident(t.name)} WHERE ${condition}`;
  return {
    what,
    help,
    sql: `SELECT (SELECT count(*) FROM ${from})::text AS n, (SELECT string_agg(x, '; ') FROM (SELECT ${label} AS x FROM ${from} ORDER BY ${order} LIMIT 5) AS kmig_rows) AS examples`,
  };
}
