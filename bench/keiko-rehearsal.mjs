// A rehearsal of the hidden acceptance run at scale, on the PostgreSQL server, through the CLI:
//
//   npm run build && node bench/keiko-rehearsal.mjs [--tasks 300000] [--agents 10000] [--users 1000]
//        [--kills 4] [--seed 1] [--keep] [--server postgres://postgres@127.0.0.1:5432]
//
// 1. generates a v1.9 database with every awkward value the contract allows (bench/keiko/v1-awkward-data.mjs);
// 2. on a copy: `kmig baseline`, `kmig apply`, then checks every row against the contract with an
//    independent SQL oracle (its own SQL, on copies of the v1 and v2 tables pulled over dblink into a
//    third database): mismatches counted per column, with examples;
// 3. `kmig rollback`, then compares with the original byte for byte: every table's rows (each column
//    as text, NULL told from JSON null, in key order), the schema from pg_catalog, and
//    `pg_dump --schema-only` (column order aside, which the contract allows to differ);
// 4. on another copy: applies killed with SIGKILL at random moments, each followed by a resuming apply,
//    and the result compared with the uninterrupted one; then an apply killed and rolled back;
// 5. on another copy: two applies at once (one waits and reports the lock holder, one with a long
//    --lock-timeout waits and finds nothing to do);
// every apply and rollback also migrates a generated awkward config folder (bench/keiko/awkward-config.mjs)
// into a new nested target folder, which must end as the uninterrupted run leaves it (or, after a
// rollback, as it was: gone); and 6. an apply killed after its database work committed but before
// its config files were recorded as in place (a lock on its records in kmig.config_files holds it
// there), then run again.
// Prints PASS or FAIL with every problem; exit code 1 on FAIL.

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { awkwardFolder } from "./keiko/awkward-config.mjs";
import { copyDb, dropDb, urlOf, withDb } from "./keiko/databases.mjs";
import { awkwardV1Rows } from "./keiko/v1-awkward-data.mjs";
import { checkV2Rows } from "./keiko/v2-oracle.mjs";
import { option } from "./stats.mjs";

const argv = process.argv.slice(2);
const counts = { tasks: Number(option(argv, "tasks", "300000")), agents: Number(option(argv, "agents", "10000")), users: Number(option(argv, "users", "1000")) };
const kills = Number(option(argv, "kills", "4"));
const seed = Number(option(argv, "seed", "1"));
const server = option(argv, "server", "postgres://postgres@127.0.0.1:5432");
const SHARED = new URL("../specs/keiko/fixtures/", import.meta.url).pathname;
const prefix = `kmig_rehearsal_${process.pid}`;
const names = { v1: `${prefix}_v1`, main: `${prefix}_main`, kill: `${prefix}_kill`, killRb: `${prefix}_killrb`, two: `${prefix}_two`, oracle: `${prefix}_oracle` };
const work = mkdtempSync(join(tmpdir(), "kmig-rehearsal-"));
const configSource = join(work, "config-v1");
/** `--config-from … --config-to <work>/<name>/v2`: a new nested target folder per scenario. */
const cfg = (name) => ["--config-from", configSource, "--config-to", join(work, name, "v2")];
let rand = seed * 2654435761;
const random = () => ((rand = (Math.imul(rand ^ (rand >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 4294967296);

const problems = [];
const figures = [];
const check = (ok, what, detail = "") => {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}${!ok && detail ? `\n${String(detail).replace(/^/gm, "       ")}` : ""}`);
  if (!ok) problems.push(what);
  return ok;
};
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs `kmig <cmd> specs/keiko --db <db> …`; with `killAfterMs`, SIGKILLs it then if still running,
 * with `killWhen`, as soon as its output so far satisfies it. `.child` is the process.
 */
function kmig(cmd, db, extra = [], { killAfterMs = null, killWhen = null } = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, ["bin/kmig.js", cmd, "specs/keiko", "--db", urlOf(server, db), ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let killed = false;
  child.stdout.on("data", (d) => {
    stdout += d;
    if (killWhen && !killed && killWhen(stdout)) killed = child.kill("SIGKILL");
  });
  child.stderr.on("data", (d) => (stderr += d));
  const timer = killAfterMs === null ? null : setTimeout(() => {
    killed = child.kill("SIGKILL");
  }, killAfterMs);
  const done = new Promise((resolve) =>
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, killed: (killed || child.signalCode === "SIGKILL") && signal === "SIGKILL", stdout, stderr, ms: Date.now() - started });
    }),
  );
  done.child = child;
  return done;
}

/** Every table's rows, byte for byte: each column (sorted by name) as text or NULL, rows in key order. */
async function rowDigests(db, { dropMigrationDate = false } = {}) {
  return withDb(server, db, async (c) => {
    const out = {};
    const tables = (await c.query(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.t);
    for (const t of tables) {
      const cols = (await c.query(`SELECT attname AS a FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY 1`, [`public."${t}"`])).rows.map((r) => r.a);
      const expr = cols.map((a) => (dropMigrationDate && t === "agents" && a === "metadata" ? `quote_nullable((t."${a}" - 'migration_date')::text)` : `quote_nullable(t."${a}"::text)`));
      const r = await c.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(concat_ws(',', ${expr.join(", ")}), E'\\n' ORDER BY t.id), '')) AS d FROM public."${t}" t`);
      out[t] = `${r.rows[0].n} rows ${r.rows[0].d}`;
    }
    return out;
  });
}

/** The public schema from pg_catalog, order-independent: columns (type, NOT NULL, default), constraints, indexes, sequences. */
async function catalog(db) {
  return withDb(server, db, async (c) => {
    const q = async (sql) => (await c.query(sql)).rows.map((r) => r.x);
    return {
      columns: await q(`SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || coalesce(' COLLATE ' || nullif(co.collname, 'default'), '') AS x
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1`),
      constraints: await q(`SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS x FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`),
      indexes: await q(`SELECT indexdef || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END AS x FROM pg_indexes x JOIN pg_class c ON c.relname = x.indexname JOIN pg_index i ON i.indexrelid = c.oid WHERE schemaname = 'public' ORDER BY 1`),
      relations: await q(`SELECT relkind::text || ' ' || relname AS x FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1`),
    };
  });
}

/** `pg_dump --schema-only -n public`, with each CREATE TABLE's column lines sorted (column order may differ). */
function dumpSchema(db) {
  const r = spawnSync("pg_dump", ["--schema-only", "--no-owner", "-n", "public", urlOf(server, db)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  // \restrict / \unrestrict carry a random key per dump (pg_dump 17.6+, 15.14+).
  const lines = r.stdout.split("\n").filter((l) => l && !l.startsWith("--") && !/^SET |^SELECT pg_catalog|^\\(un)?restrict /.test(l));
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    if (!/^CREATE TABLE /.test(lines[i])) continue;
    const cols = [];
    for (i++; i < lines.length && lines[i] !== ");"; i++) cols.push(lines[i].replace(/,$/, ""));
    out.push(...cols.sort(), ");");
  }
  return out.join("\n");
}

/** The last step or backfill event of a `--json` run, briefly. */
function lastEvent(stdout) {
  const events = stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
  const e = events.filter((x) => /^step-|backfill-progress/.test(x.type)).pop();
  if (!e) return "(no step started yet)";
  return e.type === "backfill-progress" ? `backfill ${e.step} at ${e.done}/${e.total} rows` : `${e.type} ${e.step ?? ""} ${e.summary ?? ""}`.trim();
}

/** Every file and folder under `dir` (relative path → sha256 or `<dir>`), `{}` if it does not exist. */
function tree(dir, rel = "", out = {}) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, p)).isDirectory()) tree(dir, p, (out[p] = "<dir>", out));
    else out[p] = createHash("sha256").update(readFileSync(join(dir, p))).digest("hex").slice(0, 12);
  }
  return out;
}
const treeText = (t) => Object.entries(t).map(([k, v]) => `${k} ${v}`).join("\n") || "(nothing)";

const diffLists = (a, b) => [...a.filter((x) => !b.includes(x)).map((x) => `- ${x}`), ...b.filter((x) => !a.includes(x)).map((x) => `+ ${x}`)];
const sameDigests = (a, b) => Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]).map((k) => `${k}: ${a[k]} -> ${b[k]}`);

async function makeV1() {
  const t0 = Date.now();
  await dropDb(server, names.v1);
  await withDb(server, "postgres", (c) => c.query(`CREATE DATABASE "${names.v1}"`));
  await withDb(server, names.v1, async (c) => {
    await c.query(readFileSync(`${SHARED}../reference/v1-schema.sql`, "utf8"));
    for (const sql of awkwardV1Rows(counts, seed)) await c.query(sql);
    await c.query("VACUUM (ANALYZE)");
  });
  const n = await withDb(server, names.v1, async (c) => (await c.query(`SELECT (SELECT count(*) FROM users) AS u, (SELECT count(*) FROM agents) AS a, (SELECT count(*) FROM tasks) AS t, pg_size_pretty(pg_database_size(current_database())) AS size`)).rows[0]);
  figures.push(`v1 database: ${n.u} users, ${n.a} agents, ${n.t} tasks, ${n.size}, generated in ${secs(Date.now() - t0)}`);
  console.log(figures.at(-1));
}

async function uninterrupted(v1Rows, v1Catalog, v1Dump) {
  console.log("\n== baseline, apply, contract check, rollback");
  await copyDb(server, names.v1, names.main);
  const base = await kmig("baseline", names.main);
  check(base.code === 0, `kmig baseline (${secs(base.ms)})`, base.stderr);
  const applied = await kmig("apply", names.main, cfg("main"));
  check(applied.code === 0 && applied.stderr === "", `kmig apply (${secs(applied.ms)})`, applied.stderr || applied.stdout.slice(-3000));
  figures.push(`apply of ${counts.tasks} tasks / ${counts.agents} agents: ${secs(applied.ms)} (whole process)`);
  const t0 = Date.now();
  const report = await checkV2Rows({ server, v1: names.v1, v2: names.main, oracle: names.oracle });
  figures.push(`contract check (SQL oracle over dblink): ${secs(Date.now() - t0)}`);
  for (const line of report.lines) console.log(`  ${line}`);
  check(report.mismatches === 0, `every row as the contract says (${report.rows} rows, ${report.checks} column checks)`, report.examples.join("\n"));
  const v2Rows = await rowDigests(names.main, { dropMigrationDate: true });
  const v2Files = tree(join(work, "main"));
  check(Object.keys(v2Files).some((p) => p.endsWith("config.yml")) && !Object.keys(v2Files).some((p) => p.includes("kmig-tmp")), `config files written (${Object.keys(v2Files).filter((p) => p.endsWith(".yml")).length})`, treeText(v2Files));
  const status = spawnSync(process.execPath, ["bin/kmig.js", "status", "specs/keiko", "--db", urlOf(server, names.main)], { encoding: "utf8" });
  check(status.status === 0, "kmig status after apply", status.stdout + status.stderr);
  const rolled = await kmig("rollback", names.main, cfg("main"));
  check(rolled.code === 0 && rolled.stderr === "", `kmig rollback (${secs(rolled.ms)})`, rolled.stderr || rolled.stdout.slice(-3000));
  figures.push(`rollback: ${secs(rolled.ms)} (whole process)`);
  check(sameDigests(v1Rows, await rowDigests(names.main)).length === 0, "rollback: every row of every table byte for byte", sameDigests(v1Rows, await rowDigests(names.main)).join("\n"));
  const cat = await catalog(names.main);
  const catDiff = Object.keys(cat).flatMap((k) => diffLists(v1Catalog[k], cat[k]));
  check(catDiff.length === 0, "rollback: schema from pg_catalog (columns, types, NOT NULL, defaults, constraints, indexes, relations)", catDiff.join("\n"));
  const dump = dumpSchema(names.main);
  check(dump === v1Dump, "rollback: pg_dump --schema-only (column order aside)", diffLists(v1Dump.split("\n"), dump.split("\n")).join("\n"));
  check(Object.keys(tree(join(work, "main"))).length === 0, "rollback: the config target folder is gone again (it did not exist)", treeText(tree(join(work, "main"))));
  const leftovers = await withDb(server, names.main, async (c) => (await c.query(`SELECT string_agg(c.relname || ' (' || c.reltuples::bigint || ' rows est.)', ', ') AS x FROM pg_class c WHERE c.relnamespace = 'kmig'::regnamespace AND c.relkind = 'r' AND c.relname NOT IN ('ledger', 'backfill_progress', 'config_files', 'config_dirs', 'lock')`)).rows[0].x);
  console.log(`  info kmig schema tables left after rollback: ${leftovers ?? "none besides the ledger"}`);
  return { v2Rows, v2Files, applyMs: applied.ms };
}

async function killedAndResumed(v2Rows, v2Files, applyMs, v1Rows) {
  console.log(`\n== apply killed (SIGKILL) at ${kills} random moments, each followed by a resuming apply`);
  await copyDb(server, names.v1, names.kill);
  check((await kmig("baseline", names.kill)).code === 0, "kmig baseline");
  let finished = false;
  for (let i = 0; i < kills && !finished; i++) {
    const at = Math.round(applyMs * (0.2 + random() * 0.75));
    const r = await kmig("apply", names.kill, [...cfg("kill"), "--lock-timeout", "120000", "--json"], { killAfterMs: at });
    const last = lastEvent(r.stdout);
    if (r.killed) console.log(`  killed at ${at} ms; last reported: ${last.trim()}`);
    else {
      finished = true;
      check(r.code === 0, `apply finished before its kill at ${at} ms`, r.stderr);
    }
  }
  const resumed = await kmig("apply", names.kill, [...cfg("kill"), "--lock-timeout", "120000"]);
  check(resumed.code === 0 && resumed.stderr === "", `resuming apply (${secs(resumed.ms)})${/resum/i.test(resumed.stdout) ? ", says it resumes" : ""}`, resumed.stderr || resumed.stdout.slice(-2000));
  const again = await kmig("apply", names.kill, cfg("kill"));
  check(again.code === 0 && /nothing to apply/.test(again.stdout), "another apply finds nothing to do", again.stdout + again.stderr);
  const got = await rowDigests(names.kill, { dropMigrationDate: true });
  check(sameDigests(v2Rows, got).length === 0, "killed and resumed = uninterrupted, every row (migration_date aside)", sameDigests(v2Rows, got).join("\n"));
  const dates = await withDb(server, names.kill, async (c) => (await c.query(`SELECT count(DISTINCT metadata->'migration_date')::int AS n, (SELECT to_jsonb(started_at) #>> '{}' FROM kmig.ledger WHERE id = 'keiko_v2') AS started, min(metadata->>'migration_date') AS d FROM agents`)).rows[0]);
  check(treeText(tree(join(work, "kill"))) === treeText(v2Files), "killed and resumed: the config folder is the uninterrupted run's, byte for byte", diffLists(treeText(v2Files).split("\n"), treeText(tree(join(work, "kill"))).split("\n")).join("\n"));
  check(dates.n === 1, `one migration_date for every agent across the resumes (${dates.d}; ledger started_at ${dates.started})`, JSON.stringify(dates));

  console.log("\n== apply killed, then rolled back");
  await copyDb(server, names.v1, names.killRb);
  check((await kmig("baseline", names.killRb)).code === 0, "kmig baseline");
  // Killed in the tasks' backfill, once some of its batches are committed.
  const k = await kmig("apply", names.killRb, [...cfg("killrb"), "--json"], { killWhen: (out) => /"step":"keiko_v2:020:backfill","done":[1-9]/.test(out) });
  console.log(`  ${k.killed ? `killed after ${secs(k.ms)}` : "finished before its kill"}; last reported: ${lastEvent(k.stdout)}`);
  const rb = await kmig("rollback", names.killRb, [...cfg("killrb"), "--lock-timeout", "120000"]);
  check(rb.code === 0, `rollback of the half-applied migration (${secs(rb.ms)})`, rb.stderr || rb.stdout.slice(-2000));
  const after = await rowDigests(names.killRb);
  check(sameDigests(v1Rows, after).length === 0, "killed, rolled back = v1, every row byte for byte", sameDigests(v1Rows, after).join("\n"));
  const stash = await withDb(server, names.killRb, async (c) => (await c.query(`SELECT string_agg(relname, ', ') AS x FROM pg_class WHERE relnamespace = 'kmig'::regnamespace AND relname LIKE 'stash%'`)).rows[0].x);
  check(stash === null, "killed, rolled back: no stash table left in kmig's schema", stash);
  check(Object.keys(tree(join(work, "killrb"))).length === 0, "killed, rolled back: the config target folder is as before (it did not exist)", treeText(tree(join(work, "killrb"))));
}

async function twoAtOnce(v2Rows, v2Files) {
  console.log("\n== two applies at once");
  await copyDb(server, names.v1, names.two);
  check((await kmig("baseline", names.two)).code === 0, "kmig baseline");
  const first = kmig("apply", names.two, cfg("two"));
  await new Promise((r) => setTimeout(r, 400));
  const impatient = kmig("apply", names.two, [...cfg("two"), "--lock-timeout", "1500"]);
  const patient = kmig("apply", names.two, [...cfg("two"), "--lock-timeout", "600000"]);
  const [a, b, c] = await Promise.all([first, impatient, patient]);
  check(a.code === 0, `the first apply (${secs(a.ms)})`, a.stderr);
  check(b.code === 1 && /K9002/.test(b.stderr) && /server process \d+/.test(b.stderr), `a second apply (--lock-timeout 1500) stops naming the holder: ${b.stderr.split("\n")[0]}`, b.stderr + b.stdout);
  check(c.code === 0 && /nothing to apply/.test(c.stdout), `a third (--lock-timeout 600000) waits ${secs(c.ms)} and finds nothing to do`, c.stdout + c.stderr);
  check(sameDigests(v2Rows, await rowDigests(names.two, { dropMigrationDate: true })).length === 0, "the result is the uninterrupted one");
  check(treeText(tree(join(work, "two"))) === treeText(v2Files), "the config folder is the uninterrupted run's", treeText(tree(join(work, "two"))));
}

/**
 * 6: a kill between the database commit and the config files: the run records its staged files
 * before its database work, renames them into place once the migration is applied, then marks them
 * written; a lock on those records holds it at that mark, where it is killed.
 */
async function killBeforeConfigFiles(v2Files) {
  console.log("\n== apply killed after the database work committed, before its config files were recorded as in place");
  const rb = await kmig("rollback", names.two, cfg("two"));
  check(rb.code === 0, "rollback of the two-at-once database (kmig.config_files exists now)", rb.stderr);
  const blocker = new pg.Client({ connectionString: urlOf(server, names.two) });
  await blocker.connect();
  const child = kmig("apply", names.two, [...cfg("late"), "--json", "--lock-timeout", "600000"], { killAfterMs: 600000 });
  // Once the run has recorded its staged files, lock those records: its mark after the renames waits.
  let locked = false;
  for (let i = 0; i < 2400 && !locked; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const staged = await withDb(server, names.two, async (c) => (await c.query(`SELECT count(*)::int AS n FROM kmig.config_files WHERE state = 'staged'`)).rows[0].n);
    if (staged > 0) {
      await blocker.query("BEGIN");
      await blocker.query(`SELECT 1 FROM "kmig"."config_files" WHERE "state" = 'staged' FOR UPDATE`);
      locked = true;
    }
  }
  let killed = false;
  for (let i = 0; i < 600 && locked && !killed; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const state = await withDb(server, names.two, async (c) => (await c.query(`SELECT state FROM kmig.ledger WHERE id = 'keiko_v2'`)).rows[0]?.state);
    const waiting = await withDb(server, names.two, async (c) => (await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%config_files%'`)).rows[0]?.pid);
    if (state === "applied" && waiting) {
      killed = child.child.kill("SIGKILL");
    }
  }
  if (!killed) child.child.kill("SIGKILL");
  await child;
  await blocker.query("ROLLBACK").catch(() => undefined);
  await blocker.end();
  console.log(`  ${killed ? "killed" : "NOT killed"}; the folder then: ${Object.keys(tree(join(work, "late"))).join(", ") || "(nothing)"}`);
  const again = await kmig("apply", names.two, cfg("late"));
  console.log(`  apply again: exit ${again.code}, ${again.stdout.trim().split("\n").filter((l) => /nothing|wrote/.test(l)).join("; ")}`);
  const files = tree(join(work, "late"));
  check(killed, "the apply was killed at the mark after its renames");
  check(treeText(files) === treeText(v2Files), "after the rerun, the config folder is the uninterrupted run's (no file missing, no staging file left)", treeText(files));
  const marks = await withDb(server, names.two, async (c) => (await c.query(`SELECT count(*)::int AS n FROM kmig.config_files WHERE state <> 'written'`)).rows[0].n);
  check(marks === 0, "and every file is recorded as written", String(marks));
}


async function main() {
  if (counts.tasks < counts.agents) throw new Error("--tasks must be at least --agents");
  await makeV1();
  const v1Rows = await rowDigests(names.v1);
  const v1Catalog = await catalog(names.v1);
  const v1Dump = dumpSchema(names.v1);
  for (const [p, bytes] of Object.entries(awkwardFolder(seed).files)) {
    mkdirSync(dirname(join(configSource, p)), { recursive: true });
    writeFileSync(join(configSource, p), bytes);
  }
  const { v2Rows, v2Files, applyMs } = await uninterrupted(v1Rows, v1Catalog, v1Dump);
  await killedAndResumed(v2Rows, v2Files, applyMs, v1Rows);
  await twoAtOnce(v2Rows, v2Files);
  await killBeforeConfigFiles(v2Files);
}

const t0 = Date.now();
try {
  await main();
} catch (e) {
  problems.push(`crashed: ${e.stack ?? e}`);
  console.log(e);
} finally {
  if (!argv.includes("--keep")) {
    for (const n of Object.values(names)) await dropDb(server, n).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
  else console.log(`kept databases ${Object.values(names).join(", ")} and ${work}`);
}
console.log(`\n${figures.join("\n")}\nin all ${secs(Date.now() - t0)}`);
console.log(problems.length === 0 ? "PASS" : `FAIL (${problems.length}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
process.exitCode = problems.length === 0 ? 0 : 1;
