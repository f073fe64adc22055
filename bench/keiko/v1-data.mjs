// A Keiko v1.9 database of any size, generated on the server (`INSERT … SELECT generate_series`),
// with the awkward values the contract lists: NULLs, unknown statuses, falsy-but-present and
// truthy-looking JSON flags, JSON null and non-object params. Every value is a pure function of
// the row number (`hashint8extended(n, field)`), so two runs with the same sizes give the same data.

import { readFileSync } from "node:fs";

/** v1-schema.sql as shipped with the contract (specs/keiko/reference/, as the tests read it). */
export const V1_SCHEMA = readFileSync(new URL("../../specs/keiko/reference/v1-schema.sql", import.meta.url), "utf8");

/** 0..999, per row `n` and field number `f`: the dice every choice below is made with. */
const die = (n, f) => `((hashint8extended(${n}::bigint, ${f}) & 2147483647) % 1000)::int`;

/** The `i`-th (mod length) of a list of SQL literals, picked by a die. */
const pick = (d, literals) => `(ARRAY[${literals.join(", ")}])[1 + ${d} % ${literals.length}]`;

/** SQL NULL for the first `permille` of the die, else `value`. */
const nullOr = (d, permille, value) => `CASE WHEN ${d} < ${permille} THEN NULL ELSE ${value} END`;

/** JSON values whose truthiness the contract pins down (Python's): both kinds, and look-alikes. */
const FLAGS = ["true", "false", "0", "1", "-1", "0.5", "0.0", '""', '"0"', '"false"', '"yes"', '" "', "[]", "[0]", "{}", '{"a": 1}', "null", '"ünï😀"'].map((j) => `'${j}'::jsonb`);

/** Key order: `random` like gen_random_uuid() (key order unrelated to where rows lie), or `ordered`. */
function uuidOf(prefix, n, keys) {
  if (keys === "ordered") return `('00000000-0000-4000-8${prefix}-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
  return `md5('${prefix}' || ${n})::uuid`;
}

/** A JSON object with `key` set to an awkward flag, or absent (`{}`) for 300‰ of rows. */
const flagKey = (key, n, f) => `CASE WHEN ${die(n, f)} < 300 THEN '{}'::jsonb ELSE jsonb_build_object('${key}', ${pick(die(n, f + 1), FLAGS)}) END`;

function usersSql(c, keys) {
  return `INSERT INTO users (id, email, name, created_at)
SELECT ${uuidOf("001", "n", keys)}, 'user' || n || '@example.org', ${nullOr(die("n", 1), 100, `'User ' || n`)}, timestamp '2023-01-01' + n * interval '1 minute'
FROM generate_series(1, ${c.users}) AS n`;
}

function agentsSql(c, keys) {
  const n = "n";
  const config = `CASE WHEN ${die(n, 20)} < 50 THEN NULL
    WHEN ${die(n, 20)} < 80 THEN ${pick(die(n, 21), ["'null'::jsonb", "'[]'::jsonb", `'"x"'::jsonb`, "'3'::jsonb", `'["description"]'::jsonb`])}
    ELSE ${flagKey("supports_text_processing", n, 22)} || ${flagKey("supports_image_generation", n, 24)} || ${flagKey("supports_data_analysis", n, 26)}
      || CASE WHEN ${die(n, 28)} < 400 THEN '{}'::jsonb ELSE jsonb_build_object('description', ${nullOr(die(n, 29), 200, `'Agent number ' || n`)}) END
      || CASE WHEN ${die(n, 30)} < 500 THEN '{}'::jsonb ELSE jsonb_build_object('tags', ${pick(die(n, 31), ["'[]'::jsonb", `'["a"]'::jsonb`, `'["nlp", "fast"]'::jsonb`, "'null'::jsonb"])}) END
      || jsonb_build_object('model', ${pick(die(n, 32), ["'gpt'", "'local'", "'claude'"])}, 'temperature', ${die(n, 33)} / 1000.0) END`;
  return `INSERT INTO agents (id, name, agent_type, status, config, created_at, updated_at)
SELECT ${uuidOf("002", n, keys)}, 'agent ' || n,
  ${nullOr(die(n, 10), 100, pick(die(n, 11), ["'text_processor'", "'image_generator'", "'generic'", "'other'", "''"]))},
  ${nullOr(die(n, 12), 100, pick(die(n, 13), ["'active'", "'inactive'", "''", "'weird'"]))},
  ${config},
  timestamp '2023-01-01' + n * interval '1 minute',
  ${nullOr(die(n, 14), 200, `timestamp '2024-01-01' + n * interval '1 minute'`)}
FROM generate_series(1, ${c.agents}) AS n`;
}

function tasksSql(c, keys) {
  const n = "n";
  // About 200 bytes of text: a row of the size PERF-NOTES measured (≈340 bytes).
  const note = `repeat('summarise the quarterly report ', 3 + ${die(n, 49)} % 5)`;
  const params = `CASE WHEN ${die(n, 40)} < 80 THEN NULL
    WHEN ${die(n, 40)} < 100 THEN 'null'::jsonb
    WHEN ${die(n, 40)} < 130 THEN ${pick(die(n, 41), ["'[1, 2]'::jsonb", `'"text"'::jsonb`, "'42'::jsonb", `'{"nested": {"urgent": true}}'::jsonb`, "'{}'::jsonb"])}
    ELSE ${flagKey("urgent", n, 42)} || ${flagKey("background", n, 44)} || jsonb_build_object('note', ${note}, 'attempt', ${die(n, 46)} % 7) END`;
  const statuses = ["'created'", "'queued'", "'running'", "'finished'", "'failed'", "'cancelled'", "'created'", "'finished'", "'finished'", "'running'", "'FINISHED'", "' running'", "'done'", "''", "'pending'", "'ünï'"];
  return `INSERT INTO tasks (id, user_id, agent_id, type, params, status, created_at, started_at, completed_at, timeout, retries)
SELECT ${uuidOf("003", n, keys)},
  ${uuidOf("001", `(1 + (hashint8extended(n, 50) & 2147483647) % ${c.users})`, keys)},
  ${uuidOf("002", `(1 + (hashint8extended(n, 51) & 2147483647) % ${c.agents})`, keys)},
  ${nullOr(die(n, 52), 100, pick(die(n, 53), ["'summarize'", "'render'", "'generic'", "''", "'translate'"]))},
  ${params},
  ${nullOr(die(n, 54), 50, pick(die(n, 55), statuses))},
  timestamp '2023-01-01' + n * interval '10 seconds',
  ${nullOr(die(n, 56), 200, `timestamp '2023-01-01' + n * interval '10 seconds' + interval '5 seconds'`)},
  ${nullOr(die(n, 57), 400, `timestamp '2023-01-01' + n * interval '10 seconds' + interval '9 seconds'`)},
  ${nullOr(die(n, 58), 150, pick(die(n, 59), ["0", "1", "300", "3600", "-5", "300"]))},
  ${nullOr(die(n, 60), 150, pick(die(n, 61), ["0", "1", "2", "10", "0"]))}
FROM generate_series(1, ${c.tasks}) AS n`;
}

/** The three INSERT … SELECT statements of the rows (users, agents, tasks), for a schema already in place. */
export function v1RowStatements(counts, keys) {
  return [usersSql(counts, keys), agentsSql(counts, keys), tasksSql(counts, keys)];
}

/**
 * The statements that load a v1 database: the contract's schema, then the rows. The tasks' foreign
 * keys and secondary indexes are dropped for the load and re-created as v1-schema.sql names them
 * (one validating scan each instead of two lookups per row).
 */
export function v1LoadStatements(counts, keys) {
  return [
    V1_SCHEMA,
    `ALTER TABLE tasks DROP CONSTRAINT tasks_user_id_fkey, DROP CONSTRAINT tasks_agent_id_fkey, DROP CONSTRAINT tasks_pkey; DROP INDEX idx_tasks_user, idx_tasks_agent`,
    ...v1RowStatements(counts, keys),
    `ALTER TABLE tasks ADD CONSTRAINT tasks_pkey PRIMARY KEY (id), ADD CONSTRAINT tasks_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id), ADD CONSTRAINT tasks_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id)`,
    `CREATE INDEX idx_tasks_user ON tasks(user_id)`,
    `CREATE INDEX idx_tasks_agent ON tasks(agent_id)`,
  ];
}
