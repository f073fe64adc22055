/**
 * How a closed map's SQL stops on a value it does not list: it calls kmig's function, which raises
 * SQLSTATE `KM001` with the map and the value in its message and a HINT; the runtime recognises
 * the failure by that code (never by PostgreSQL's wording). The function lives in kmig's schema:
 * apply and rollback create it with the ledger, `kmig plan` and `kmig test` in their own
 * transaction (rolled back), each with ENSURE_CLOSED_MAP_FUNCTION. PostgreSQL resolves a
 * function when it plans a statement, so it must exist wherever a closed map's SQL runs.
 */

/** The SQLSTATE a closed map's unlisted value raises (class KM: kmig's own). */
export const CLOSED_MAP_SQLSTATE = "KM001";

/** `"kmig"."closed_map_unlisted"(map text, value text, result anyelement) RETURNS anyelement`: raises, never returns. */
export const CLOSED_MAP_FUNCTION = `"kmig"."closed_map_unlisted"`;

/** The HINT it carries. */
export const CLOSED_MAP_HINT = "list the value in the map, or give the map an `else`: `kmig plan` counts the values each map meets";

/** Creates the function (and kmig's schema) where it is missing; idempotent, and safe to run while another session does. */
export const ENSURE_CLOSED_MAP_FUNCTION = `CREATE SCHEMA IF NOT EXISTS "kmig";
DO $kmig$
BEGIN
  IF to_regprocedure('${CLOSED_MAP_FUNCTION}(text, text, anyelement)') IS NULL THEN
    CREATE FUNCTION ${CLOSED_MAP_FUNCTION}("map" text, "value" text, "result" anyelement)
    RETURNS anyelement
    LANGUAGE plpgsql
    AS $fn$
    BEGIN
      RAISE EXCEPTION USING
        ERRCODE = '${CLOSED_MAP_SQLSTATE}',
        MESSAGE = 'kmig: the closed map ' || "map" || ' does not list ' || "value",
        HINT = '${CLOSED_MAP_HINT.replace(/'/g, "''")}';
    END
    $fn$;
  END IF;
END
$kmig$;`;

/** The SQL a closed map gives for a value it does not list: `arg` is the SQL of the value, `type` the SQL type of the map's result. */
export function closedMapUnlistedSql(map: string, arg: string, type: string): string {
  return `${CLOSED_MAP_FUNCTION}('${map.replace(/'/g, "''")}', COALESCE(quote_literal(${arg}), 'NULL'), NULL::${type})`;
}
