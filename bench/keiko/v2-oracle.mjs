// The Keiko contract (specs/keiko/reference/contract.md) as an SQL oracle written independently of kmig's
// spec and of its generated SQL: the v1 rows (from the untouched v1 database) and the v2 rows (from
// the migrated one) are pulled over dblink into a third database, and each v2 column is compared
// with what the contract computes from its v1 row. JSON is compared as jsonb text (so 1.0 is not
// 1, and SQL NULL is not JSON null).

import { dropDb, withDb } from "./databases.mjs";

/** libpq connection string of database `db` on `server` (a postgres:// URL), for dblink. */
function conninfo(server, db) {
  const u = new URL(server);
  return `host=${u.hostname} port=${u.port || 5432} user=${decodeURIComponent(u.username || "postgres")} dbname=${db}${u.password ? ` password=${decodeURIComponent(u.password)}` : ""}`;
}

const V1 = {
  users: "id uuid, email varchar(255), name varchar(100), created_at timestamp",
  agents: "id uuid, name varchar(100), agent_type varchar(50), status varchar(20), config jsonb, created_at timestamp, updated_at timestamp",
  tasks: "id uuid, user_id uuid, agent_id uuid, type varchar(50), params jsonb, status varchar(20), created_at timestamp, started_at timestamp, completed_at timestamp, timeout integer, retries integer",
};
const V2 = {
  users: "id uuid, email varchar(255), name varchar(100), created_at timestamp, role varchar(50), last_login timestamp, preferences jsonb",
  agents: "id uuid, name varchar(100), type varchar(50), status varchar(20), configuration jsonb, created_at timestamp, updated_at timestamp, capabilities jsonb, metadata jsonb, version varchar(20)",
  tasks: "id uuid, user_id uuid, agent_id uuid, task_type varchar(50), parameters jsonb, status varchar(20), created_at timestamp, started_at timestamp, completed_at timestamp, timeout_seconds integer, retry_count integer, priority varchar(20), metadata jsonb",
};
const columns = (spec) => spec.split(", ").map((c) => c.split(" ")[0]);

/** Python truthiness of a JSON value (SQL NULL and a missing key are falsy); `key` of a non-object is missing. */
const HELPERS = `
CREATE FUNCTION truthy(j jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(j)
    WHEN 'boolean' THEN j = 'true'::jsonb
    WHEN 'number' THEN (j #>> '{}')::numeric <> 0
    WHEN 'string' THEN j <> '""'::jsonb
    WHEN 'array' THEN jsonb_array_length(j) > 0
    WHEN 'object' THEN j <> '{}'::jsonb
    ELSE false END $$;
CREATE FUNCTION key_of(o jsonb, k text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(o) = 'object' THEN o -> k END $$;`;

/** Per table: [column label, SQL that is true when the v2 row (n) is not what the contract makes of the v1 row (o)]. */
const CHECKS = {
  users: [
    ["email", "n.email IS DISTINCT FROM o.email"],
    ["name", "n.name IS DISTINCT FROM o.name"],
    ["created_at", "n.created_at IS DISTINCT FROM o.created_at"],
    ["role", "n.role IS DISTINCT FROM 'user'"],
    ["last_login", "n.last_login IS NOT NULL"],
    ["preferences", "n.preferences::text IS DISTINCT FROM '{}'"],
  ],
  agents: [
    ["name", "n.name IS DISTINCT FROM o.name"],
    ["type", "n.type IS DISTINCT FROM coalesce(o.agent_type, 'generic')"],
    ["status", "n.status IS DISTINCT FROM coalesce(o.status, 'inactive')"],
    ["created_at", "n.created_at IS DISTINCT FROM o.created_at"],
    ["updated_at", "n.updated_at IS DISTINCT FROM coalesce(o.updated_at, o.created_at)"],
    ["configuration", "n.configuration::text IS DISTINCT FROM o.config::text"],
    ["version", "n.version IS DISTINCT FROM '2.0.0'"],
    [
      "capabilities",
      `n.capabilities::text IS DISTINCT FROM (SELECT coalesce(jsonb_agg(c ORDER BY c COLLATE "C"), '[]'::jsonb)::text FROM (SELECT DISTINCT c FROM unnest(ARRAY[
        CASE WHEN truthy(key_of(o.config, 'supports_text_processing')) THEN 'text_processing' END,
        CASE WHEN truthy(key_of(o.config, 'supports_image_generation')) THEN 'image_generation' END,
        CASE WHEN truthy(key_of(o.config, 'supports_data_analysis')) THEN 'data_analysis' END,
        CASE WHEN o.agent_type = 'text_processor' THEN 'text_processing' END,
        CASE WHEN o.agent_type = 'text_processor' THEN 'summarization' END,
        CASE WHEN o.agent_type = 'image_generator' THEN 'image_generation' END,
        CASE WHEN o.agent_type = 'image_generator' THEN 'image_editing' END]) AS c WHERE c IS NOT NULL) AS s)`,
    ],
    [
      "metadata",
      `(n.metadata - 'migration_date')::text IS DISTINCT FROM (jsonb_build_object('migrated_from', 'v1.x', 'original_type', o.agent_type)
        || CASE WHEN jsonb_typeof(o.config) = 'object' AND o.config ? 'description' THEN jsonb_build_object('description', o.config -> 'description') ELSE '{}'::jsonb END
        || CASE WHEN jsonb_typeof(o.config) = 'object' AND o.config ? 'tags' THEN jsonb_build_object('tags', o.config -> 'tags') ELSE '{}'::jsonb END)::text`,
    ],
    ["metadata.migration_date (ISO-8601 text)", `NOT coalesce(n.metadata ->> 'migration_date' ~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d(:?\\d\\d)?)?$' AND jsonb_typeof(n.metadata -> 'migration_date') = 'string', false)`],
  ],
  tasks: [
    ["user_id", "n.user_id IS DISTINCT FROM o.user_id"],
    ["agent_id", "n.agent_id IS DISTINCT FROM o.agent_id"],
    ["task_type", "n.task_type IS DISTINCT FROM coalesce(o.type, 'generic')"],
    ["parameters", "n.parameters::text IS DISTINCT FROM (CASE WHEN o.params IS NULL OR o.params = 'null'::jsonb THEN '{}'::jsonb ELSE o.params END)::text"],
    ["status", "n.status IS DISTINCT FROM CASE o.status WHEN 'created' THEN 'pending' WHEN 'queued' THEN 'pending' WHEN 'running' THEN 'running' WHEN 'finished' THEN 'completed' WHEN 'failed' THEN 'failed' WHEN 'cancelled' THEN 'cancelled' ELSE 'pending' END"],
    ["created_at", "n.created_at IS DISTINCT FROM o.created_at"],
    ["started_at", "n.started_at IS DISTINCT FROM o.started_at"],
    ["completed_at", "n.completed_at IS DISTINCT FROM o.completed_at"],
    ["timeout_seconds", "n.timeout_seconds IS DISTINCT FROM coalesce(o.timeout, 300)"],
    ["retry_count", "n.retry_count IS DISTINCT FROM coalesce(o.retries, 0)"],
    ["priority", "n.priority IS DISTINCT FROM CASE WHEN truthy(key_of(o.params, 'urgent')) THEN 'high' WHEN truthy(key_of(o.params, 'background')) THEN 'low' ELSE 'normal' END"],
    ["metadata", "n.metadata::text IS DISTINCT FROM jsonb_build_object('migrated_from', 'v1.x', 'original_status', o.status)::text"],
  ],
};

/**
 * Checks every v2 row of `v2` against its v1 row in `v1`. Returns printable lines (one per column:
 * mismatches), the total of mismatches, and up to three examples per failing column.
 */
export async function checkV2Rows({ server, v1, v2, oracle }) {
  await dropDb(server, oracle);
  await withDb(server, "postgres", (c) => c.query(`CREATE DATABASE "${oracle}"`));
  try {
    return await withDb(server, oracle, async (c) => {
      await c.query("CREATE EXTENSION dblink");
      await c.query(HELPERS);
      for (const t of Object.keys(V1)) {
        await c.query(`CREATE TABLE v1_${t} AS SELECT * FROM dblink($1, $2) AS x(${V1[t]})`, [conninfo(server, v1), `SELECT ${columns(V1[t]).join(", ")} FROM ${t}`]);
        await c.query(`CREATE TABLE v2_${t} AS SELECT * FROM dblink($1, $2) AS x(${V2[t]})`, [conninfo(server, v2), `SELECT ${columns(V2[t]).join(", ")} FROM ${t}`]);
        await c.query(`CREATE UNIQUE INDEX ON v1_${t} (id); CREATE UNIQUE INDEX ON v2_${t} (id); ANALYZE v1_${t}; ANALYZE v2_${t}`);
      }
      const lines = [];
      const examples = [];
      let mismatches = 0;
      let rows = 0;
      let checks = 0;
      for (const [t, list] of Object.entries(CHECKS)) {
        const missing = (await c.query(`SELECT count(*)::int AS n FROM v1_${t} o FULL JOIN v2_${t} n USING (id) WHERE o.id IS NULL OR n.id IS NULL`)).rows[0].n;
        const total = (await c.query(`SELECT count(*)::int AS n FROM v1_${t}`)).rows[0].n;
        rows += total;
        lines.push(`${t}: ${total} rows${missing ? `, ${missing} missing on one side` : ", the same ids before and after"}`);
        mismatches += missing;
        const counts = (await c.query(`SELECT ${list.map(([, cond], i) => `count(*) FILTER (WHERE ${cond})::int AS c${i}`).join(", ")} FROM v1_${t} o JOIN v2_${t} n USING (id)`)).rows[0];
        for (let i = 0; i < list.length; i++) {
          const [label, cond] = list[i];
          const bad = counts[`c${i}`];
          checks += total;
          mismatches += bad;
          lines.push(`  ${bad === 0 ? "ok  " : "FAIL"} ${t}.${label}: ${bad} mismatches`);
          if (bad === 0) continue;
          const ex = await c.query(`SELECT to_jsonb(o) AS v1, to_jsonb(n) AS v2 FROM v1_${t} o JOIN v2_${t} n USING (id) WHERE ${cond} ORDER BY o.id LIMIT 3`);
          for (const r of ex.rows) examples.push(`${t}.${label}: v1 ${JSON.stringify(r.v1)}\n    v2 ${JSON.stringify(r.v2)}`);
        }
      }
      const dates = (await c.query(`SELECT count(DISTINCT metadata -> 'migration_date')::int AS n FROM v2_agents`)).rows[0].n;
      lines.push(`  ${dates === 1 ? "ok  " : "FAIL"} agents.metadata.migration_date: ${dates} distinct value(s) (one run, one time)`);
      if (dates !== 1) mismatches++;
      return { lines, mismatches, rows, checks, examples };
    });
  } finally {
    await dropDb(server, oracle);
  }
}
