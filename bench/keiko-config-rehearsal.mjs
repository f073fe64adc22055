// Rehearses the Keiko acceptance run for config folders, through the real CLI on PostgreSQL:
// for each generated awkward v1 folder (bench/keiko/awkward-config.mjs), `kmig apply` with
// --config-from/--config-to (into a new nested folder, over an existing one, or in place), every
// written document compared with the contract by an independent oracle
// (test/support/keiko_config_oracle.py, PyYAML, as the guide read and wrote YAML), then
// `kmig rollback` with the same flags: the folder byte for byte and the database as before. Every
// few folders, one with an agent file without `name`: apply must fail naming file and key, and
// leave both the database and the target folder untouched.
//
//   npm run build && node bench/keiko-config-rehearsal.mjs [--folders 40] [--seed 1] [--keep]
//        [--server postgres://postgres@127.0.0.1:5432]

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { awkwardFolder, prng } from "./keiko/awkward-config.mjs";
import { dropDb, urlOf, withDb } from "./keiko/databases.mjs";
import { option } from "./stats.mjs";

const argv = process.argv.slice(2);
const folders = Number(option(argv, "folders", "40"));
const seed0 = Number(option(argv, "seed", "1"));
const server = option(argv, "server", "postgres://postgres@127.0.0.1:5432");
const SHARED = new URL("../specs/keiko/fixtures/", import.meta.url).pathname;
const ORACLE = new URL("../test/support/keiko_config_oracle.py", import.meta.url).pathname;
const db = `kmig_rehearsal_config_${process.pid}`;
const work = mkdtempSync(join(tmpdir(), "kmig-config-rehearsal-"));

const kmig = (...args) => spawnSync(process.execPath, ["bin/kmig.js", ...args], { encoding: "utf8", maxBuffer: 64 << 20 });

/** Every file and folder under `dir`: relative path → sha256 of the bytes, or `<dir>`. */
function tree(dir, rel = "", out = {}) {
  if (!existsSync(dir)) return { "<missing>": "" };
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, p)).isDirectory()) {
      out[p] = "<dir>";
      tree(dir, p, out);
    } else out[p] = createHash("sha256").update(readFileSync(join(dir, p))).digest("hex");
  }
  return out;
}
const treeDiff = (a, b) => [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();

/** The v1 rows and schema, as one digest (NULL and JSON null told apart, column order ignored). */
async function dbDigest() {
  return withDb(server, db, async (c) => {
    const cols = (await c.query(`SELECT table_name AS t, string_agg(format('%s %s %s %s', column_name, data_type, is_nullable, coalesce(column_default, '-')), ', ' ORDER BY column_name) AS d FROM information_schema.columns WHERE table_schema = 'public' GROUP BY 1 ORDER BY 1`)).rows;
    const parts = [JSON.stringify(cols)];
    for (const { t } of cols) {
      const names = (await c.query(`SELECT column_name AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY 1`, [t])).rows.map((r) => `quote_nullable(t."${r.n}"::text)`);
      parts.push((await c.query(`SELECT count(*) || ':' || coalesce(md5(string_agg(concat_ws(',', ${names.join(", ")}), E'\\n' ORDER BY t.id::text)), '') AS d FROM "${t}" t`)).rows[0].d);
    }
    parts.push(JSON.stringify((await c.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`)).rows));
    return createHash("sha256").update(parts.join("\n")).digest("hex");
  });
}

const problems = [];
const fail = (what, detail) => {
  problems.push({ what, detail });
  console.log(`  FAIL ${what}${detail ? `\n${String(detail).replace(/^/gm, "       ")}` : ""}`);
};

async function main() {
  await dropDb(server, db);
  await withDb(server, "postgres", (c) => c.query(`CREATE DATABASE "${db}"`));
  await withDb(server, db, async (c) => {
    await c.query(readFileSync(`${SHARED}../reference/v1-schema.sql`, "utf8"));
    await c.query(readFileSync(`${SHARED}v1-sample.sql`, "utf8"));
  });
  const url = urlOf(server, db);
  const b = kmig("baseline", "specs/keiko", "--db", url);
  if (b.status !== 0) throw new Error(`baseline failed: ${b.stderr}`);
  const v1Digest = await dbDigest();
  const stats = { folders: 0, files: 0, nameless: 0, applies: 0, seconds: 0 };
  const t0 = Date.now();
  for (let i = 0; i < folders; i++) {
    const seed = seed0 + i;
    const nameless = i % 5 === 4;
    const { files, nameless: bad } = awkwardFolder(seed, { nameless });
    const rnd = prng(seed * 7919);
    const mode = ["new", "existing", "in-place"][Math.floor(rnd() * 3)];
    const dir = join(work, `f${seed}`);
    const src = join(dir, "src");
    for (const [p, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(src, p)), { recursive: true });
      writeFileSync(join(src, p), bytes);
    }
    const pristine = join(dir, "pristine");
    cpSync(src, pristine, { recursive: true });
    // PyYAML must read the folder (else the case is not valid v1 input and kmig must refuse it too).
    const expected = spawnSync("python3", [ORACLE, "expect", pristine], { encoding: "utf8" });
    const pyError = expected.status !== 0 ? expected.stderr.trim().split("\n").pop() : null;
    let target = join(dir, "out", "v2");
    let root = join(dir, "out");
    if (mode === "existing") {
      mkdirSync(join(target, "agents"), { recursive: true });
      writeFileSync(join(target, "keep.txt"), "not kmig's\n");
      writeFileSync(join(target, "config.yml"), "# an old v2 config, overwritten and then restored\r\nversion: 1.9.9\r\n");
      writeFileSync(join(target, "agents", Object.keys(files).find((p) => p.startsWith("agents/")).slice(7)), Buffer.from([0xef, 0xbb, 0xbf, 0x6f, 0x6c, 0x64, 0x0a]));
      writeFileSync(join(target, "agents", "unrelated.yml"), "name: unrelated\n");
    }
    if (mode === "in-place") target = root = src;
    const treeBefore = tree(root);
    const label = `folder ${seed} (${mode}${bad ? `, ${bad} without name` : ""}${pyError ? ", PyYAML refuses it" : ""})`;
    console.log(label);
    stats.folders++;
    const started = Date.now();
    const applied = kmig("apply", "specs/keiko", "--db", url, "--config-from", src, "--config-to", target);
    stats.seconds += (Date.now() - started) / 1000;
    stats.applies++;
    const crashed = /K8001|\n\s+at .+:\d+:\d+/.test(applied.stderr);
    if (crashed) fail(`${label}: kmig crashed`, applied.stderr);
    if (bad || pyError) {
      if (bad) stats.nameless++;
      if (applied.status !== 1) fail(`${label}: apply must fail (exit 1), got ${applied.status}`, applied.stderr || applied.stdout.slice(-500));
      else if (bad && !(applied.stderr.includes(bad.split("/").pop()) && applied.stderr.includes("`name`"))) fail(`${label}: the error must name ${bad} and \`name\``, applied.stderr);
      if (treeDiff(treeBefore, tree(root)).length > 0) fail(`${label}: the target folder changed`, treeDiff(treeBefore, tree(root)).join("\n"));
      if ((await dbDigest()) !== v1Digest) fail(`${label}: the database changed`);
      if (applied.status === 1) console.log(`  refused as it must: ${applied.stderr.split("\n")[0]}`);
      continue;
    }
    if (applied.status !== 0) {
      fail(`${label}: apply failed`, applied.stderr);
      continue;
    }
    // What was written: exactly the expected files, nothing else changed, no temporary files.
    const written = Object.keys(files).filter((p) => p.endsWith(".yml"));
    const changed = treeDiff(treeBefore, tree(root)).filter((p) => !treeBefore[p] || treeBefore[p] !== "<dir>");
    const rel = (p) => (mode === "in-place" ? p : `v2/${p}`);
    const unexpected = changed.filter((p) => !written.map(rel).includes(p) && !["<missing>", "v2", "v2/agents", "agents"].includes(p));
    if (unexpected.length > 0) fail(`${label}: unexpected changes in the folder`, unexpected.join("\n"));
    stats.files += written.length;
    const cmp = spawnSync("python3", [ORACLE, "compare", pristine, target], { encoding: "utf8" });
    if (cmp.status !== 0) fail(`${label}: output differs from the contract`, cmp.stdout.slice(0, 4000) + cmp.stderr.slice(-1000));
    const rolled = kmig("rollback", "specs/keiko", "--db", url, "--config-from", src, "--config-to", target);
    if (rolled.status !== 0) fail(`${label}: rollback failed`, rolled.stderr);
    const after = treeDiff(treeBefore, tree(root));
    if (after.length > 0) fail(`${label}: rollback did not restore the folder byte for byte`, after.join("\n"));
    if ((await dbDigest()) !== v1Digest) fail(`${label}: rollback did not restore the database`);
  }
  console.log(`\n${stats.folders} folders (${stats.nameless} with a nameless agent), ${stats.files} files migrated and compared, ${stats.applies} applies (${(stats.seconds / stats.applies).toFixed(1)} s each), ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
  console.log(problems.length === 0 ? "PASS" : `FAIL: ${problems.length} problem(s)`);
}

try {
  await main();
} finally {
  if (!argv.includes("--keep")) {
    rmSync(work, { recursive: true, force: true });
    await dropDb(server, db);
  } else console.log(`kept ${work} and database ${db}`);
}
process.exitCode = problems.length === 0 ? 0 : 1;
