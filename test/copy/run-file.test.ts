import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRunFile } from "../../cli/run-file.js";
import { RunError } from "../../runtime/errors.js";
import { guideRunFile } from "./guide-run-file.js";

/** The run file read key by key: every key does what it says or is refused at its line and column. */
const dir = mkdtempSync(join(tmpdir(), "kmig-run-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string): string {
  const p = join(dir, `run-${n++}.yml`);
  writeFileSync(p, text);
  return p;
}

function refusal(text: string): RunError {
  try {
    readRunFile(file(text));
  } catch (e) {
    if (e instanceof RunError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const GUIDE = guideRunFile();

describe("the run file", () => {
  it("reads every key of the guide's migration-config.yml", () => {
    const r = readRunFile(file(GUIDE));
    expect(r.source.databaseUrl).toBe("postgresql://user:pass@localhost/keiko_v1");
    expect(r.target.databaseUrl).toBe("postgresql://user:pass@localhost/keiko_v2");
    expect(r.source.configPath).toBe("/opt/keiko-v1/config");
    expect(r.target.configPath).toBe("/opt/keiko-v2/config");
    expect(r.source.dataPath?.value).toBe("/opt/keiko-v1/data");
    expect(r.source.version?.value).toBe("1.9.0");
    expect(r.target.version).toMatchObject({ value: "2.0.0", at: { line: 8, column: 12 } });
    expect(r.migrateConfigs).toBe(true);
    expect(r.backup).toEqual({ path: "/backup/keiko-migration", verify: true });
    expect(r.createCheckpoint?.value).toBe(true);
  });

  it("resolves relative paths against the run file's folder", () => {
    const r = readRunFile(file("source:\n  config_path: ./v1\nbackup:\n  enabled: true\n  path: b\n"));
    expect(r.source.configPath).toBe(join(dir, "v1"));
    expect(r.backup?.path).toBe(join(dir, "b"));
  });

  it("migrate_configs: false skips the config steps", () => {
    expect(readRunFile(file("migration:\n  migrate_configs: false\n")).migrateConfigs).toBe(false);
  });

  it("refuses an unknown key with its place and a did-you-mean", () => {
    const e = refusal(GUIDE.replace("  database_url: \"postgresql://user:pass@localhost/keiko_v2\"", "  databse_url: x"));
    expect(e.code).toBe("K9510");
    expect(e.message).toBe("unknown key `target.databse_url` in the run file");
    expect(e.help).toMatch(/^did you mean `target\.database_url`\?/);
    expect(e.origin).toMatchObject({ line: 9, column: 3 });
    expect(refusal("sorce:\n  version: 1\n").help).toMatch(/did you mean `source`/);
  });

  it("refuses a value of the wrong kind", () => {
    const e = refusal("backup:\n  enabled: yes please\n");
    expect(e.code).toBe("K9511");
    expect(e.message).toBe("`backup.enabled` takes true or false");
    expect(e.origin).toMatchObject({ line: 2, column: 12 });
    expect(refusal("backup:\n  enabled: true\n").message).toMatch(/backup\.path` is missing/);
    expect(refusal("source: [1, 2]\n").code).toBe("K9511");
    expect(() => readRunFile(file("source:\n  version: [1\n"))).toThrow(/is not valid YAML/);
  });

  it("refuses what kmig cannot honour, saying why", () => {
    for (const [key, value] of [["preserve_data", "false"], ["migrate_tasks", "false"], ["strategy", "manual"]] as const) {
      const e = refusal(`migration:\n  ${key}: ${value}\n`);
      expect(e.code, key).toBe("K9512");
      expect(e.message).toBe(`\`migration.${key}: ${value}\` cannot be honoured`);
      expect(e.origin).toMatchObject({ line: 2 });
    }
    expect(refusal("rollback:\n  enabled: false\n").help).toMatch(/always keeps what a rollback needs/);
  });

  it("takes a numeric version as its text", () => {
    expect(readRunFile(file("source:\n  version: 2\n")).source.version?.value).toBe("2");
  });
});
