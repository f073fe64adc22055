import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { looksLikeCrash, runCli, runCliAsync, tempSpecs, type CliRun } from "../support/cli.js";
import { connect, createTestDatabase, PG_BASE } from "../support/pg.js";

/**
 * Every command, driven with hostile input: a URL kmig does not take, a server that is not there
 * (refused, unknown host, silent, closing the connection, wrong user, no such database, TLS), paths
 * that are missing, files, devices, binary or empty folders, bad flag values, unwritable outputs,
 * unknown options. None may print K8001 or a stack trace: each exits 1 (the input has a problem) or
 * 2 (usage), with a message that names what is wrong (the value, the path, the spec line) and a
 * help. Each case runs again with --json: then stdout holds JSON events only, and stderr nothing.
 */

/** A small chain: a baseline and one migration. */
const SHOP = {
  "000_baseline.kmig": "baseline shop_v1 version '1.0.0' {\n  create table products {\n    id    integer primary key\n    name  text\n    price integer?\n  }\n}\n",
  "001_prices.kmig": "migration prices from '1.0.0' to '1.1.0' {\n  describe 'prices are required'\n\n  table products {\n    price := price ?? 0\n    alter price set not null\n  }\n}\n",
};

/** A baseline PostgreSQL rejects: a GiST index on a text column (no operator class). */
const GIST = {
  "000_baseline.kmig": "baseline docs_v1 version '1.0.0' {\n  create table docs {\n    id    integer primary key\n    title text\n    index idx_docs_title using gist (title)\n  }\n}\n",
};

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly status: 1 | 2;
  /** What the message must say: the value, path or spec line at fault, the code. */
  readonly says: RegExp;
  readonly env?: Record<string, string>;
  /** Whether the JSON run is meaningful (not for help-like cases that print no JSON). */
  readonly json?: boolean;
}

/** Placeholders in a case's arguments for what exists only once beforeAll ran. */
const DB = "$DB";
const SILENT_PORT = "$SILENT_PORT";
const CLOSING_PORT = "$CLOSING_PORT";

const spec = tempSpecs(SHOP);
const gist = tempSpecs(GIST);
const scratch = tempSpecs({
  "binary/000.kmig": new Uint8Array([0x62, 0x61, 0xff, 0xfe, 0x00, 0x01]),
  "nested/deeper/000_baseline.kmig": SHOP["000_baseline.kmig"],
  "bad.yml": "source: [unclosed\n",
  "a-file": "not a folder\n",
  "pglite-junk/PG_VERSION": "not a PGlite folder\n",
  "pglite-junk/base": "",
  "run-mysql.yml": "source:\n  database_url: 'mysql://root@localhost/shop'\n",
});
mkdirSync(join(scratch, "empty-folder"));

let db: { url: string; name: string; drop: () => Promise<void> } | null = null;
const servers: Server[] = [];
const ports = { silent: 0, closing: 0 };

/** A local TCP server: one that accepts and never answers, or one that closes each connection at once. */
async function listen(onConnection: (s: Socket) => void): Promise<number> {
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  db = await createTestDatabase("kmig_hostile");
  ports.silent = await listen(() => undefined);
  ports.closing = await listen((s) => s.destroy());
}, 60_000);

afterAll(async () => {
  servers.forEach((s) => s.close());
  await db?.drop();
});

/** A case's arguments with the placeholders filled in. */
function argsOf(c: Case): string[] {
  return c.args.map((a) => a.replace(DB, db?.url ?? "").replace(SILENT_PORT, String(ports.silent)).replace(CLOSING_PORT, String(ports.closing)));
}

const pgUrl = (path: string) => `${PG_BASE}/${path}`;

/** A database nothing listens at. */
const noDb = "postgres://postgres@127.0.0.1:1/none";
/** `--db` for the commands that take one. */
const dbFlag = (command: string) => (command === "explain" ? [] : ["--db", noDb]);

/** The cases. */
function cases(): Case[] {
  const dbCommands = ["apply", "rollback", "plan", "status", "baseline"];
  return [
    // --db values kmig does not take, or servers that are not there: every database command.
    ...dbCommands.flatMap((c): Case[] => [
      { name: `${c}: bad port`, args: [c, spec, "--db", "postgres://postgres@127.0.0.1:99999/x"], status: 2, says: /K9020.*port `99999`/ },
      { name: `${c}: mysql://`, args: [c, spec, "--db", "mysql://root@127.0.0.1/shop"], status: 2, says: /K9020.*PostgreSQL only.*`mysql:`/ },
      { name: `${c}: refused`, args: [c, spec, "--db", noDb], status: 1, says: /K9021.*127\.0\.0\.1:1/ },
    ]),
    { name: "pull: a MySQL URL", args: ["pull", join(scratch, "pulled"), "--db", "mysql://root@localhost/shop"], status: 2, says: /K9020.*`mysql:`/ },
    { name: "pull: refused", args: ["pull", join(scratch, "pulled"), "--db", noDb], status: 1, says: /K9021.*127\.0\.0\.1:1/ },
    { name: "new: no such folder", args: ["new", join(scratch, "nope"), "add_x"], status: 2, says: /no such folder/ },
    { name: "new: no name", args: ["new", spec], status: 2, says: /kmig new takes a folder and a name/ },
    { name: "status: a path as --db", args: ["status", spec, "--db", "./data"], status: 2, says: /K9020.*pglite:\.\/data/ },
    { name: "status: host:port without a scheme", args: ["status", spec, "--db", "localhost:5432/shop"], status: 2, says: /K9020.*did you mean postgres:\/\/localhost:5432\/shop/ },
    { name: "status: empty --db", args: ["status", spec, "--db", ""], status: 2, says: /K9020.*empty/ },
    { name: "status: pglite: without a folder", args: ["status", spec, "--db", "pglite:"], status: 2, says: /K9020.*names no folder/ },
    { name: "status: DATABASE_URL with another scheme", args: ["status", spec], env: { DATABASE_URL: "sqlite:///tmp/x.db" }, status: 2, says: /K9020.*DATABASE_URL/ },
    { name: "status: unknown host", args: ["status", spec, "--db", "postgres://postgres@nohost.invalid/x"], status: 1, says: /K9022.*nohost\.invalid/ },
    { name: "status: a server that never answers", args: ["status", spec, "--db", `postgres://postgres@127.0.0.1:${SILENT_PORT}/x?connect_timeout=1`], status: 1, says: /K9023.*within 1 s/ },
    { name: "status: a server that closes the connection", args: ["status", spec, "--db", `postgres://postgres@127.0.0.1:${CLOSING_PORT}/x`], status: 1, says: /K9027.*closed the connection/ },
    { name: "status: no such role", args: ["status", spec, "--db", pgUrl("test").replace("postgres@", "no_such_role_kmig@")], status: 1, says: /K9024.*no_such_role_kmig/ },
    { name: "status: no such database", args: ["status", spec, "--db", pgUrl("no_such_db_kmig")], status: 1, says: /K9025.*no_such_db_kmig.*createdb no_such_db_kmig/s },
    { name: "status: a bare name on the default server", args: ["status", spec, "--db", "no_such_db_kmig"], env: { PGHOST: "127.0.0.1", PGUSER: "postgres" }, status: 1, says: /K9025.*no_such_db_kmig on 127\.0\.0\.1:5432/ },
    { name: "status: TLS the server does not have", args: ["status", spec, "--db", `${pgUrl("test")}?sslmode=require`], status: 1, says: /K9026.*SSL/ },
    { name: "status: TLS root certificate missing", args: ["status", spec, "--db", `${pgUrl("test")}?sslmode=verify-full&sslrootcert=/no/such/ca.pem`], status: 1, says: /K9026.*ca\.pem/ },
    { name: "status: pglite folder under a file", args: ["status", spec, "--db", `pglite:${join(scratch, "a-file", "db")}`], status: 1, says: /K9028.*a-file/ },
    { name: "status: pglite folder PGlite cannot open", args: ["status", spec, "--db", `pglite:${join(scratch, "pglite-junk")}`], status: 1, says: /K9028.*pglite-junk/ },
    { name: "apply: run file naming mysql", args: ["apply", spec, "--run", join(scratch, "run-mysql.yml")], status: 2, says: /K9020.*run file.*`mysql:`/ },
    { name: "apply: run file that is not YAML", args: ["apply", spec, "--run", join(scratch, "bad.yml")], status: 2, says: /bad\.yml is not valid YAML/ },
    { name: "apply: run file that is a folder", args: ["apply", spec, "--run", scratch], status: 2, says: /--run .* is not a file/ },
    { name: "apply: --config-from missing", args: ["apply", spec, "--db", noDb, "--config-from", join(scratch, "nope"), "--config-to", join(scratch, "out")], status: 2, says: /--config-from .*nope is not a folder/ },
    { name: "apply: --config-to a file", args: ["apply", spec, "--db", noDb, "--config-from", scratch, "--config-to", join(scratch, "a-file")], status: 2, says: /--config-to .*a-file is not a folder/ },
    // Paths: missing, a file, a device, a folder whose chains are in subfolders, an empty one, a binary spec.
    ...[...dbCommands, "explain", "test"].flatMap((c): Case[] => [
      { name: `${c}: missing folder`, args: [c, join(scratch, "nope"), ...dbFlag(c)], status: 2, says: /no such folder: .*nope/ },
      { name: `${c}: a .kmig file`, args: [c, join(spec, "001_prices.kmig"), ...dbFlag(c)], status: 2, says: /takes a spec folder, not a file.*001_prices\.kmig/s },
      { name: `${c}: chains only in subfolders`, args: [c, join(scratch, "nested"), ...dbFlag(c)], status: 2, says: /no \.kmig files directly in .*nested.*deeper/s },
      { name: `${c}: empty folder`, args: [c, join(scratch, "empty-folder"), ...dbFlag(c)], status: 2, says: /no \.kmig files in .*empty-folder/ },
      { name: `${c}: binary spec`, args: [c, join(scratch, "binary"), ...dbFlag(c)], status: 1, says: /K1006.*000\.kmig:1:3/s },
      { name: `${c}: two folders`, args: [c, spec, spec, ...dbFlag(c)], status: 2, says: /takes one spec folder, found 2/ },
      { name: `${c}: unknown option`, args: [c, spec, "--dry-run"], status: 2, says: /unknown option `--dry-run` for kmig/ },
    ]),
    { name: "status . at the repository's root", args: ["status", ".", "--db", noDb], status: 2, says: /no \.kmig files directly in \., only in its subfolders.*specs\/keiko/s },
    { name: "check: missing path", args: ["check", join(scratch, "nope")], status: 2, says: /no such file or folder: .*nope/ },
    { name: "check: a device", args: ["check", "/dev/zero"], status: 2, says: /not a file or folder: \/dev\/zero/ },
    { name: "check: empty folder", args: ["check", join(scratch, "empty-folder")], status: 2, says: /no \.kmig files in/ },
    { name: "check: binary file", args: ["check", join(scratch, "binary")], status: 1, says: /K1006/ },
    { name: "check: unknown --format", args: ["check", spec, "--format", "xml"], status: 2, says: /unknown --format `xml`/ },
    { name: "check: --json with --format text", args: ["check", spec, "--json", "--format", "text"], status: 2, says: /contradict/ },
    { name: "check: a misspelled option", args: ["check", spec, "--fromat", "json"], status: 2, says: /did you mean `--format`/ },
    { name: "fmt: missing path", args: ["fmt", join(scratch, "nope")], status: 2, says: /no such file or folder/ },
    { name: "fmt: binary file", args: ["fmt", "--check", join(scratch, "binary")], status: 1, says: /K1006/ },
    { name: "fmt: --check and --stdout", args: ["fmt", "--check", "--stdout", spec], status: 2, says: /--check or --stdout, not both/ },
    { name: "fmt: a value for a flag that takes none", args: ["fmt", "--check=yes", spec], status: 2, says: /`--check` takes no value/ },
    { name: "compile: no --out", args: ["compile", spec], status: 2, says: /needs --out/ },
    { name: "compile: --out under a file", args: ["compile", spec, "--out", join(scratch, "a-file", "plans")], status: 2, says: /cannot write .*a-file/ },
    { name: "compile: --out is a file", args: ["compile", spec, "--out", join(scratch, "a-file")], status: 2, says: /--out .*a-file is not a folder/ },
    { name: "compile: --out without a value", args: ["compile", spec, "--out"], status: 2, says: /`--out` needs a value/ },
    { name: "compile: a file, not a folder", args: ["compile", join(spec, "000_baseline.kmig"), "--out", join(scratch, "plans")], status: 2, says: /not a folder/ },
    // Flag values.
    { name: "apply: --batch-size -1", args: ["apply", spec, "--db", noDb, "--batch-size", "-1"], status: 2, says: /--batch-size takes a whole number .*found `-1`/ },
    { name: "apply: --batch-size 0", args: ["apply", spec, "--db", noDb, "--batch-size", "0"], status: 2, says: /--batch-size .* from 1/ },
    { name: "apply: --lock-timeout abc", args: ["apply", spec, "--db", noDb, "--lock-timeout", "abc"], status: 2, says: /--lock-timeout .*found `abc`/ },
    { name: "apply: --pause 1.5", args: ["apply", spec, "--db", noDb, "--pause", "1.5"], status: 2, says: /--pause .*found `1\.5`/ },
    { name: "apply: --lock-timeout too large", args: ["apply", spec, "--db", noDb, "--lock-timeout", "99999999999"], status: 2, says: /--lock-timeout .*2147483647/ },
    { name: "apply: --db given twice", args: ["apply", spec, "--db", noDb, "--db", noDb], status: 2, says: /`--db` is given twice/ },
    { name: "apply: --db swallowing an option", args: ["apply", spec, "--db", "--fixtures"], status: 2, says: /`--db` needs a value, found the option `--fixtures`/ },
    { name: "apply: --to garbage", args: ["apply", spec, "--db", DB, "--to", "garbage"], status: 2, says: /K9008.*garbage.*1\.0\.0, 1\.1\.0/s },
    { name: "plan: --to garbage", args: ["plan", spec, "--db", DB, "--to", "garbage"], status: 2, says: /K9008.*garbage/ },
    { name: "rollback: --to garbage", args: ["rollback", spec, "--db", DB, "--to", "9.9"], status: 2, says: /K9008.*9\.9/ },
    { name: "baseline: --version of another baseline", args: ["baseline", spec, "--db", DB, "--version", "7"], status: 2, says: /K9008.*--version 7.*1\.0\.0/s },
    { name: "rollback: nothing applied", args: ["rollback", spec, "--db", DB], status: 1, says: /K9007/ },
    { name: "baseline: a spec PostgreSQL rejects names its line", args: ["baseline", gist, "--db", DB], status: 1, says: /K9101.*gist.*000_baseline\.kmig:5:5/s },
    { name: "test: --runs 0", args: ["test", spec, "--runs", "0"], status: 2, says: /--runs .*found `0`/ },
    { name: "test: --seed abc", args: ["test", spec, "--seed", "abc"], status: 2, says: /--seed .*found `abc`/ },
    { name: "test: --path garbage", args: ["test", spec, "--seed", "1", "--path", "garbage"], status: 2, says: /--path .*found `garbage`/ },
    { name: "test: --reporter xml", args: ["test", spec, "--reporter", "xml"], status: 2, says: /unknown --reporter `xml`/ },
    { name: "test: bad --db", args: ["test", spec, "--db", "mysql://x/y"], status: 2, says: /K9020/ },
    { name: "test: refused --db", args: ["test", spec, "--db", noDb], status: 1, says: /K9021/ },
    // The language server speaks LSP, not JSON events: it has no --json.
    { name: "lsp: a path", args: ["lsp", spec], status: 2, says: /kmig lsp takes no paths/, json: false },
    { name: "lsp: unknown option", args: ["lsp", "--tcp"], status: 2, says: /unknown option `--tcp` for kmig lsp/, json: false },
    { name: "unknown command", args: ["aply", spec], status: 2, says: /unknown command `aply`.*did you mean `kmig apply`/s },
    { name: "an option before the command", args: ["--db", "x", "status", spec], status: 2, says: /unknown option `--db`.*after the command/s },
    { name: "help of an unknown command", args: ["help", "stauts"], status: 2, says: /did you mean `kmig status`/, json: false },
  ];
}

/** A located, helpful failure: exit 1 or 2 as expected, no crash, an `error` line and a help. */
function expectHelpful(c: Case, r: CliRun): void {
  const all = r.stdout + r.stderr;
  expect(looksLikeCrash(all), `${c.name}: crashed\n${all}`).toBe(false);
  expect(r.status, `${c.name}\n${all}`).toBe(c.status);
  expect(r.stderr, c.name).toMatch(/^error(\[K\d{4}\])?: /m);
  expect(r.stderr, `${c.name}: a help line`).toMatch(/= help: \S/);
  expect(r.stderr, c.name).toMatch(c.says);
}

/** With --json: stdout is JSON events only (each an object with a `type`), stderr is empty. */
function expectJsonOnly(c: Case, r: CliRun): void {
  expect(r.stderr, `${c.name} --json: stderr`).toBe("");
  expect(r.status, `${c.name} --json\n${r.stdout}`).toBe(c.status);
  expect(looksLikeCrash(r.stdout), c.name).toBe(false);
  const lines = r.stdout.split("\n");
  expect(lines.pop(), `${c.name}: stdout ends with a newline`).toBe("");
  expect(lines.length, `${c.name}: at least one event`).toBeGreaterThan(0);
  const lineEvents = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const e of lineEvents) expect(typeof e.type, `${c.name}: ${JSON.stringify(e)}`).toBe("string");
  // `kmig check --json` prints its report as one event that holds the diagnostics.
  const events = lineEvents.flatMap((e) => (e.type === "check" ? (e.diagnostics as Record<string, unknown>[]).map((d) => ({ type: "diagnostic", ...d })) : [e]));
  expect(events.some((e) => e.type === "error" || e.type === "diagnostic"), c.name).toBe(true);
  expect(events.map(eventText).join("\n"), c.name).toMatch(c.says);
}

/** An error or diagnostic event as the words its text form would show: code, message, place, help. */
function eventText(e: Record<string, unknown>): string {
  const origin = e.origin as { file: string; line: number; column: number } | null | undefined;
  const place = origin ? `${origin.file}:${origin.line}:${origin.column}` : e.file ? `${String(e.file)}:${String(e.line)}:${String(e.column)}` : "";
  return `${String(e.code)}: ${String(e.message)} ${place} ${String(e.help)}`;
}

describe("hostile input to every command", () => {
  it("covers every command of `kmig --help`", () => {
    const help = runCli(["--help"]).stdout;
    const commands = [...help.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]).filter((c) => c !== "help");
    const driven = new Set(cases().map((c) => c.args[0]));
    expect(commands.length).toBeGreaterThan(9);
    expect(commands.filter((c) => !driven.has(c))).toEqual([]);
  });

  it("a database kmig may not change, and a ledger changed by hand: coded errors, not K8001", async () => {
    const weak = await createTestDatabase("kmig_hostile");
    try {
      const admin = await connect(weak.url);
      await admin.query("ALTER DATABASE " + JSON.stringify(weak.name) + " SET default_transaction_read_only = on");
      await admin.end();
      const readOnly = await runCliAsync(["apply", spec, "--db", weak.url]);
      expect(readOnly.status).toBe(1);
      expect(readOnly.stderr).toMatch(/^error\[K9029\]: .* is read-only: .*\[SQLSTATE 25006\]/);
      const fix = await connect(weak.url);
      await fix.query("SET default_transaction_read_only = off");
      await fix.query("ALTER DATABASE " + JSON.stringify(weak.name) + " RESET default_transaction_read_only");
      await fix.end();
      expect((await runCliAsync(["apply", spec, "--db", weak.url])).status).toBe(0);
      const edit = await connect(weak.url);
      await edit.query('ALTER TABLE "kmig"."ledger" DROP COLUMN "checksum"');
      await edit.end();
      for (const command of ["status", "apply", "rollback", "plan"]) {
        const r = await runCliAsync([command, spec, "--db", weak.url]);
        expect(r.status, command).toBe(1);
        expect(r.stderr, command).toMatch(/^error\[K9031\]: kmig's ledger .* column "checksum" does not exist/);
        expect(looksLikeCrash(r.stderr), command).toBe(false);
      }
    } finally {
      await weak.drop();
    }
  }, 120_000);

  describe.concurrent("each case", () => {
    for (const c of cases()) {
      it(c.name, async () => {
        // A case that asks for JSON itself is only run as JSON.
        if (!c.args.includes("--json")) expectHelpful(c, await runCliAsync(argsOf(c), { env: c.env }));
        if (c.json !== false) expectJsonOnly(c, await runCliAsync(argsOf(c).includes("--json") ? argsOf(c) : [...argsOf(c), "--json"], { env: c.env }));
      }, 120_000);
    }
  });
});
