import { beforeAll, describe, expect, it } from "vitest";
import { loadChunkFormatter } from "../../compiler/emit/format-chunk.js";
import { emitPlanModules, type EmittedModule } from "../../compiler/emit/index.js";
import { compileChain } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";
import { rt } from "../../runtime/js-runtime.js";
import { compileConfigStep } from "../../runtime/config/config-transform.js";
import { bindModule } from "../../runtime/load/bind-module.js";
import { parse as parseYaml } from "yaml";
import { importModule, STRICTEST, typeErrors, writeModules } from "./support.js";

/**
 * What Keiko does not exercise: a declared `reverse`, exact-number columns (bigint and numeric are
 * strings), a block with only expects, a table renamed after its block, a `patch` config block
 * with `remove`, nested paths and a key named `__proto__`.
 */

const BASE = `baseline edge_v1 version '1' {
  create table accounts {
    id       bigint        primary key
    kind     varchar(10)?
    balance  numeric(12,2)?
    tags     text[]?
  }
  create table notes {
    id    uuid primary key
    body  text?
  }
}
`;

const NEXT = `migration edge_v2 from '1' to '2' {
  describe 'edge cases for the emitter'

  map account_kind: text -> text {
    personal -> P
    business -> B
    else     -> X
  }

  table accounts {
    kind := account_kind(kind) reverse when kind == 'P' then 'personal' when kind == 'B' then 'business' else null
    balance := balance ?? 0
    add score bigint? := id * 2
    expect score == old.id * 2
  }

  table notes {
    expect body is null or length(body) >= 0
  }

  rename table notes -> memos

  config 'settings.yml' patch {
    remove legacy.driver
    pool.size := pool.size ?? 20
    server {
      port := port ?? 8080
    }
    __proto__.polluted := true
    expect to_number(pool.size) >= 1
  }

  config 'order.yml' {
    a := 1
    a.b := 2
    c.d := 3
    c := 4
    e := missing_key
  }
}
`;

type Fn = (row: unknown, rt: unknown) => Record<string, unknown>;
interface EdgeModule {
  readonly mapAccounts: Fn;
  readonly inverseAccounts: Fn;
  readonly expectAccounts: readonly { holds(row: unknown, next: unknown, rt: unknown): boolean | undefined }[];
  readonly expectNotes: readonly { holds(row: unknown, next: unknown, rt: unknown): boolean | undefined }[];
  readonly configSettingsYml: readonly { readonly path: readonly string[] }[];
  readonly expectSettingsYml: readonly { holds(row: unknown, next: unknown, rt: unknown): boolean | undefined }[];
  readonly tableMappings: readonly { step: string | null; table: string }[];
}

let modules: EmittedModule[];
let m: EdgeModule;
/** The config step of the module's plan (as the runtime loads it) that reads `source`. */
const configStep = (source: string) => compileConfigStep(bindModule(m as unknown as Record<string, unknown>).config.find((c) => c.source === source)!);

beforeAll(async () => {
  const result = compileChain([makeSourceFile("edge/000_base.kmig", BASE), makeSourceFile("edge/001_next.kmig", NEXT)]);
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  modules = await emitPlanModules(result.units);
  m = await importModule<EdgeModule>(modules[1]);
});

describe("emitted edge cases", () => {
  it("type-check alone under the strictest flags", () => {
    expect(typeErrors(writeModules(modules), STRICTEST)).toEqual([]);
  });

  it("are laid out as prettier formats them", async () => {
    const format = await loadChunkFormatter();
    for (const module of modules) expect(await format(module.text)).toBe(module.text);
  });

  it("declare exact numbers as strings, and the row types of a renamed table under both names", () => {
    const text = modules[1].text;
    expect(text).toContain("export interface AccountsBefore {\n  readonly id: string;");
    expect(text).toContain("readonly balance: string | undefined;");
    expect(text).toContain("readonly tags: readonly string[] | undefined;");
    expect(text).toContain("export interface NotesBefore {");
    expect(text).toContain("export interface MemosAfter {");
  });

  it("map accounts and roll them back through the declared reverse, which reads the new row", () => {
    const row = { id: "21", kind: "business", balance: undefined, tags: ["a"] };
    const mapped = m.mapAccounts(row, rt);
    expect(mapped).toEqual({ kind: "B", balance: "0", score: "42" });
    expect(m.inverseAccounts({ ...row, ...mapped }, rt)).toEqual({ kind: "business", balance: "0" });
    expect(m.inverseAccounts({ ...row, ...mapped, kind: "X" }, rt)).toEqual({ kind: undefined, balance: "0" });
    expect(m.expectAccounts[0].holds(row, { ...row, ...mapped }, rt)).toBe(true);
    expect(m.expectAccounts[0].holds(row, { ...row, ...mapped, score: "41" }, rt)).toBe(false);
  });

  it("keep a block with only expects, with no step and no map", () => {
    expect(m.tableMappings.map((t) => [t.table, t.step === null])).toEqual([
      ["accounts", false],
      ["notes", true],
    ]);
    expect(m.expectNotes[0].holds({ id: "n", body: undefined }, { id: "n", body: undefined }, rt)).toBe(true);
  });

  it("patch a config document with the module's key functions: removes applied, keys set in place or appended", () => {
    expect(m.configSettingsYml.map((k) => k.path)).toEqual([["pool", "size"], ["server", "port"], ["__proto__", "polluted"]]);
    const old = { pool: { size: 5, timeout: 3 }, legacy: { driver: "x", keep: true }, port: 9000, extra: [1] };
    const text = configStep("settings.yml").transform("settings.yml", "pool:\n  size: 5\n  timeout: 3\nlegacy:\n  driver: x\n  keep: true\nport: 9000\nextra: [1]\n");
    // A new nested key is written as an ordered map (`!!omap`, which parses to a Map).
    const next = JSON.parse(JSON.stringify(parseYaml(text), (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v))) as Record<string, unknown>;
    expect(JSON.stringify(next)).toBe(JSON.stringify({ pool: { size: 5, timeout: 3 }, legacy: { keep: true }, port: 9000, extra: [1], server: { port: 9000 }, ["__proto__"]: { polluted: true } }));
    expect(Object.prototype.hasOwnProperty.call(next, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(m.expectSettingsYml[0].holds(old, next, rt)).toBe(true);
    expect(configStep("settings.yml").transform("settings.yml", "{}\n")).toMatch(/pool: .*size: 20.*server: .*port: 8080/);
  });

  it("build a config document as if its keys were set one by one, in spec order", () => {
    expect(JSON.stringify(configStep("order.yml").build({}))).toBe('{"a":{"b":2},"c":4,"e":null}');
  });
});
