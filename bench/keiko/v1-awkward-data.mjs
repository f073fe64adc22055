// Keiko v1.9 rows with every awkward value the contract allows, generated set-based on the server
// (`INSERT … SELECT generate_series`): NULL next to JSON null, falsy-but-present and truthy-looking
// JSON flags (0, -0, 0.0, 0e10, 1e-400, "", "0", "false", " ", [], {}, [0], …), JSON that is not an
// object where one is expected, unicode and odd keys, unknown and near-miss statuses, empty strings,
// extreme integers and timestamps (±infinity, BC). Every value is a pure function of the row number
// and the seed (`hashint8extended`), so the same sizes and seed give the same data.

/** 0..999 for row `n`, field `f`: the dice every choice is made with. */
const die = (n, f, seed) => `((hashint8extended(${n}::bigint, ${f + 1000 * seed}) & 2147483647) % 1000)::int`;

/** One of a list of SQL expressions, picked by a die. */
const pick = (d, exprs) => `(ARRAY[${exprs.join(", ")}])[1 + ${d} % ${exprs.length}]`;

/** SQL NULL for the first `permille` of a die, else `value`. */
const nullOr = (d, permille, value) => `CASE WHEN ${d} < ${permille} THEN NULL ELSE ${value} END`;

const j = (text) => `'${text.replace(/'/g, "''")}'::jsonb`;
const t = (text) => `'${text.replace(/'/g, "''")}'`;

/** JSON values whose Python truthiness the contract pins down, both kinds and look-alikes. */
export const FLAGS = ["true", "false", "0", "1", "-1", "-0", "0.0", "0e10", "1e-400", "1e400", "0.5", "1.0", '""', '"0"', '"false"', '"no"', '" "', '"null"', "[]", "[0]", "[[]]", "{}", '{"a": 1}', '{"": null}', "null", '"ünï😀"'].map(j);

const TYPES = ["text_processor", "image_generator", "generic", "other", "", "Text_Processor", " text_processor", "text_processor ", "image_generator\t", "ünï-typ", "x".repeat(50)].map(t);
const AGENT_STATUSES = ["active", "inactive", "", "weird", "ünï", " active", "x".repeat(20)].map(t);
const TASK_STATUSES = ["created", "queued", "running", "finished", "failed", "cancelled", "created", "finished", "running", "FINISHED", " running", "running ", "Finished", "done", "", "pending", "completed", "ünï", "queued\n", "x".repeat(20)].map(t);
const TASK_TYPES = ["summarize", "render", "generic", "", "translate", "ünï 😀", "O'Brien", "x".repeat(50)].map(t);
const INTS = ["0", "1", "-1", "300", "3600", "-5", "2147483647", "-2147483648", "299", "301"];
const NAMES = [`'agent ' || n`, t(""), t("ünïcödé 😀 名前"), t(`quote ' and " and \\ backslash`), t("x".repeat(100)), t("tab\tnew\nline"), `'agent ' || n`];
const TIMESTAMPS = (n, base) => [`timestamp '${base}' + ${n} * interval '1 minute'`, "timestamp 'infinity'", "timestamp '-infinity'", "timestamp '0044-03-15 12:00:00 BC'", "timestamp '2024-02-29 23:59:59.999999'", `timestamp '${base}' + ${n} * interval '1 minute'`, `timestamp '${base}' + ${n} * interval '1 minute'`, `timestamp '${base}' + ${n} * interval '1 minute'`];

/** A JSON object holding `key` set to an awkward flag, or `{}` (the key missing) for 250‰ of rows. */
const flagKey = (key, n, f, seed) => `CASE WHEN ${die(n, f, seed)} < 250 THEN '{}'::jsonb ELSE jsonb_build_object('${key}', ${pick(die(n, f + 1, seed), FLAGS)}) END`;

/** Uuids unrelated to where rows lie, as gen_random_uuid() gives them. */
const uuidOf = (prefix, n, seed) => `md5('${prefix}:${seed}:' || ${n})::uuid`;

function usersSql(c, seed) {
  const n = "n";
  return `INSERT INTO users (id, email, name, created_at)
SELECT ${uuidOf("u", n, seed)}, 'üser' || n || '@exämple.org', ${nullOr(die(n, 1, seed), 100, pick(die(n, 2, seed), NAMES))},
  ${pick(die(n, 3, seed), TIMESTAMPS(n, "2023-01-01"))}
FROM generate_series(1, ${c.users}) AS n`;
}

function agentsSql(c, seed) {
  const n = "n";
  const notObject = ["'null'::jsonb", "'[]'::jsonb", j('"x"'), "'3'::jsonb", "'0'::jsonb", "'true'::jsonb", j('["description", "tags", "supports_text_processing"]'), j('[{"supports_text_processing": true}]')];
  const config = `CASE WHEN ${die(n, 20, seed)} < 60 THEN NULL
    WHEN ${die(n, 20, seed)} < 120 THEN ${pick(die(n, 21, seed), notObject)}
    ELSE ${flagKey("supports_text_processing", n, 22, seed)} || ${flagKey("supports_image_generation", n, 24, seed)} || ${flagKey("supports_data_analysis", n, 26, seed)}
      || CASE WHEN ${die(n, 28, seed)} < 400 THEN '{}'::jsonb ELSE jsonb_build_object('description', ${pick(die(n, 29, seed), ["to_jsonb('Agent ' || n)", "'null'::jsonb", j('""'), j('"ünï 😀 \\"quoted\\""'), "'0'::jsonb", j('{"nested": [1, 2]}')])}) END
      || CASE WHEN ${die(n, 30, seed)} < 500 THEN '{}'::jsonb ELSE jsonb_build_object('tags', ${pick(die(n, 31, seed), ["'[]'::jsonb", j('["a"]'), j('["nlp", "fast", "ünï"]'), "'null'::jsonb", j('"not-a-list"'), j('{"a": 1}')])}) END
      || CASE WHEN ${die(n, 32, seed)} < 700 THEN '{}'::jsonb ELSE ${pick(die(n, 33, seed), [j('{"ключ": "значение"}'), j('{"": 0}'), j('{"__proto__": {"x": 1}}'), j('{"supports_text_processing ": true}'), j('{"Supports_Data_Analysis": true}'), j('{"model": "gpt", "temperature": 0.70}'), j('{"big": 123456789012345678901234567890, "tiny": 1e-30, "float": 1.50}')])} END END`;
  return `INSERT INTO agents (id, name, agent_type, status, config, created_at, updated_at)
SELECT ${uuidOf("a", n, seed)}, ${pick(die(n, 9, seed), NAMES)},
  ${nullOr(die(n, 10, seed), 150, pick(die(n, 11, seed), TYPES))},
  ${nullOr(die(n, 12, seed), 150, pick(die(n, 13, seed), AGENT_STATUSES))},
  ${config},
  ${pick(die(n, 14, seed), TIMESTAMPS(n, "2023-01-01"))},
  ${nullOr(die(n, 15, seed), 300, pick(die(n, 16, seed), TIMESTAMPS(n, "2024-01-01")))}
FROM generate_series(1, ${c.agents}) AS n`;
}

function tasksSql(c, seed) {
  const n = "n";
  const notObject = ["'null'::jsonb", j("[1, 2]"), j('"text"'), "'42'::jsonb", "'0'::jsonb", "'false'::jsonb", j('{"nested": {"urgent": true}}'), "'{}'::jsonb", j('["urgent"]'), j('{"URGENT": true, "Background": 1}')];
  const note = pick(die(n, 49, seed), [`to_jsonb(repeat('summarise the quarterly report ', 3 + ${die(n, 48, seed)} % 5))`, j('"O\'Brien été 😀"'), j('"line\\nbreak\\ttab \\\\ backslash \\"quote\\""'), j('"\\\\u0000 not a nul"'), "'null'::jsonb", j('{"deep": {"deeper": [null, true, 1.0]}}')]);
  const params = `CASE WHEN ${die(n, 40, seed)} < 80 THEN NULL
    WHEN ${die(n, 40, seed)} < 160 THEN ${pick(die(n, 41, seed), notObject)}
    ELSE ${flagKey("urgent", n, 42, seed)} || ${flagKey("background", n, 44, seed)} || jsonb_build_object('note', ${note}, 'attempt', ${die(n, 46, seed)} % 7) END`;
  return `INSERT INTO tasks (id, user_id, agent_id, type, params, status, created_at, started_at, completed_at, timeout, retries)
SELECT ${uuidOf("t", n, seed)},
  ${uuidOf("u", `(1 + (hashint8extended(n, 50 + 1000 * ${seed}) & 2147483647) % ${c.users})`, seed)},
  ${uuidOf("a", `(1 + (hashint8extended(n, 51 + 1000 * ${seed}) & 2147483647) % ${c.agents})`, seed)},
  ${nullOr(die(n, 52, seed), 120, pick(die(n, 53, seed), TASK_TYPES))},
  ${params},
  ${nullOr(die(n, 54, seed), 60, pick(die(n, 55, seed), TASK_STATUSES))},
  ${pick(die(n, 47, seed), TIMESTAMPS(n, "2023-06-01"))},
  ${nullOr(die(n, 56, seed), 200, pick(die(n, 57, seed), TIMESTAMPS(n, "2023-06-02")))},
  ${nullOr(die(n, 58, seed), 400, pick(die(n, 59, seed), TIMESTAMPS(n, "2023-06-03")))},
  ${nullOr(die(n, 60, seed), 150, pick(die(n, 61, seed), INTS))},
  ${nullOr(die(n, 62, seed), 150, pick(die(n, 63, seed), INTS))}
FROM generate_series(1, ${c.tasks}) AS n`;
}

/**
 * The statements that fill a database holding the contract's v1 schema. The tasks' keys and
 * indexes are dropped for the load and re-created exactly as v1-schema.sql names them.
 */
export function awkwardV1Rows(counts, seed) {
  return [
    `ALTER TABLE tasks DROP CONSTRAINT tasks_user_id_fkey, DROP CONSTRAINT tasks_agent_id_fkey, DROP CONSTRAINT tasks_pkey; DROP INDEX idx_tasks_user, idx_tasks_agent`,
    usersSql(counts, seed),
    agentsSql(counts, seed),
    tasksSql(counts, seed),
    `ALTER TABLE tasks ADD CONSTRAINT tasks_pkey PRIMARY KEY (id), ADD CONSTRAINT tasks_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id), ADD CONSTRAINT tasks_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES agents(id)`,
    `CREATE INDEX idx_tasks_user ON tasks(user_id)`,
    `CREATE INDEX idx_tasks_agent ON tasks(agent_id)`,
  ];
}
