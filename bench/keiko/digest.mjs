// Fingerprints of a database for the benchmark's checks: one of the schema (columns, defaults,
// constraints, indexes of `public`, whatever their column order) and one per table of the rows.

/**
 * Columns with type, nullability and default; constraints; indexes: order-independent text. On a
 * Citus coordinator (`citus`) the views the extension puts in `public` (citus_tables…) and the
 * shards of reference tables the coordinator holds (users_102008…) are left out: they are Citus's,
 * not the schema's.
 */
const schemaSql = (citus) => {
  const own = (rel) => (citus ? ` AND NOT pg_catalog.relation_is_a_known_shard(${rel}) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = ${rel} AND d.deptype = 'e')` : "");
  return `
SELECT md5(string_agg(x, E'\\n' ORDER BY x)) AS digest, count(*)::int AS items FROM (
  SELECT format('column %s.%s %s %s %s', c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod), c.is_nullable, coalesce(c.column_default, '-')) AS x
  FROM information_schema.columns c
  JOIN pg_attribute a ON a.attrelid = format('public.%I', c.table_name)::regclass AND a.attname = c.column_name
  WHERE c.table_schema = 'public'${own("a.attrelid")}
  UNION ALL
  SELECT format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace = 'public'::regnamespace${own("conrelid")}
  UNION ALL
  SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'${own("to_regclass(format('%I.%I', schemaname, tablename))")}
) AS items`;
};

/**
 * One hash per table over every row as JSON (keys sorted, so column order does not matter),
 * rows in key order; `metadata.migration_date` (the time of the run) is left out. Hashing each
 * row first keeps the aggregate small whatever the table size.
 */
const tableSql = (table) => `SELECT md5(string_agg(md5((to_jsonb(t) #- '{metadata,migration_date}')::text), '' ORDER BY t.id)) AS digest, count(*)::int AS n FROM "${table}" AS t`;

/** `{ schema, users, agents, tasks }` fingerprints, each `{ digest, n }`; `citus`: the database is a Citus coordinator. */
export async function fingerprint(client, tables = ["users", "agents", "tasks"], { citus = false } = {}) {
  const schema = (await client.query(schemaSql(citus))).rows[0];
  const out = { schema: { digest: schema.digest, n: schema.items } };
  for (const t of tables) out[t] = (await client.query(tableSql(t))).rows[0];
  return out;
}

/** The names of the parts where two fingerprints differ (empty: equal). */
export function differences(a, b) {
  return Object.keys(a).filter((k) => a[k].digest !== b[k]?.digest || a[k].n !== b[k]?.n);
}
