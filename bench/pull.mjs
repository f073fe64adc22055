// kmig pull and kmig status on a generated 1,000-table database (issue 14's speed aims: pull under
// 5 s, status under 3 s). The database is made on the server at 127.0.0.1:5432 (KMIG_BENCH_PG to
// change it) and dropped at the end. Baseline in the same run: `kmig --version` (a bare start-up).
// Status is timed on its usual path (the expected schema kept by `baseline`) and once uncached.
// Usage: node bench/pull.mjs [--tables 1000] [--runs 3]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const TABLES = arg("tables", 1000);
const RUNS = arg("runs", 3);
const BASE = process.env.KMIG_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432";
const name = `kmig_bench_pull_${process.pid}`;

/** One table per i: a serial key, text, numeric, timestamptz with a default, a foreign key to the one before, an index, a comment; a view every 20 tables, a trigger every 10. */
function schemaSql() {
  const out = ["CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;"];
  for (let i = 0; i < TABLES; i++) {
    const fk = i > 0 ? `, parent_id integer REFERENCES t${i - 1} (id) ON DELETE CASCADE` : "";
    out.push(`CREATE TABLE t${i} (id serial PRIMARY KEY, name text NOT NULL, price numeric(10, 2) DEFAULT 0, note varchar(200), updated_at timestamptz NOT NULL DEFAULT now()${fk});`);
    out.push(`CREATE INDEX t${i}_name_idx ON t${i} (name); COMMENT ON TABLE t${i} IS 'table ${i}';`);
    if (i % 10 === 0) out.push(`CREATE TRIGGER t${i}_stamp BEFORE UPDATE ON t${i} FOR EACH ROW EXECUTE FUNCTION stamp();`);
    if (i % 20 === 0) out.push(`CREATE VIEW v${i} AS SELECT id, name FROM t${i} WHERE price > 0;`);
  }
  return out.join("\n");
}

function time(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["bin/kmig.js", ...args], { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, status: r.status, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const admin = new pg.Client({ connectionString: `${BASE}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const dir = mkdtempSync(join(tmpdir(), "kmig-bench-pull-"));
try {
  const c = new pg.Client({ connectionString: `${BASE}/${name}` });
  await c.connect();
  await c.query(schemaSql());
  await c.end();
  const url = `${BASE}/${name}`;
  const startup = [], pulls = [], statuses = [];
  time(["--version"]);
  for (let r = 0; r < RUNS; r++) {
    startup.push(time(["--version"]).ms);
    const p = time(["pull", dir, "--db", url, "--force"]);
    if (p.status !== 0) throw new Error(`pull failed (${p.status}): ${p.stderr}`);
    pulls.push(p.ms);
  }
  const b = time(["baseline", dir, "--db", url]);
  if (b.status !== 0) throw new Error(`baseline failed: ${b.stderr}`);
  for (let r = 0; r < RUNS; r++) {
    const s = time(["status", dir, "--db", url]);
    if (s.status !== 0) throw new Error(`status not clean (${s.status}): ${s.stderr}`);
    statuses.push(s.ms);
  }
  // The first status of a chain state replays the baseline (as slow as creating its tables); later
  // ones read the expected schema kmig keeps (kmig.expected_schema). Time one uncached run too.
  const c2 = new pg.Client({ connectionString: url });
  await c2.connect();
  await c2.query(`DELETE FROM "kmig"."expected_schema"`);
  await c2.end();
  const uncached = time(["status", dir, "--db", url]).ms;
  const lines = execFileSync("wc", ["-l", join(dir, "000_baseline.kmig")], { encoding: "utf8" }).trim().split(" ")[0];
  const base = median(startup);
  console.log(`database: ${TABLES} tables, ${Math.ceil(TABLES / 20)} views, ${Math.ceil(TABLES / 10)} triggers; baseline written: ${lines} lines`);
  console.log(`kmig --version (start-up)  median ${base.toFixed(0)} ms`);
  console.log(`kmig pull                  median ${median(pulls).toFixed(0)} ms, min ${Math.min(...pulls).toFixed(0)} ms, ratio ${(median(pulls) / base).toFixed(1)}× start-up; aim < 5000 ms: ${median(pulls) < 5000 ? "met" : "MISSED"}`);
  console.log(`kmig status, uncached      ${uncached.toFixed(0)} ms, ratio ${(uncached / base).toFixed(1)}× start-up (replays the baseline)`);
  console.log(`kmig status (clean)        median ${median(statuses).toFixed(0)} ms, min ${Math.min(...statuses).toFixed(0)} ms, ratio ${(median(statuses) / base).toFixed(1)}× start-up; aim < 3000 ms: ${median(statuses) < 3000 ? "met" : "MISSED"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
