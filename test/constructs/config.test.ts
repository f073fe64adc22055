import { describe, expect, it } from "vitest";
import { bin, call, configItems, errorCodes, id, inMigration, item, keyPath, member, name, num, obj, old, root, str, type Node } from "./support.js";

/** docs/language.md §15 and §16: config-file migrations and expectations in them. */

const set = (path: Node, value: Node): Node => ({ kind: "SetKey", path, value });
const block = (path: Node, items: Node[]): Node => ({ kind: "KeyBlock", path, items });

describe("config headers", () => {
  it.each<[string, { source: string; target: string | null; patch: boolean }]>([
    ["config 'config.yml'", { source: "config.yml", target: null, patch: false }],
    ["config 'agents/*.yml'", { source: "agents/*.yml", target: null, patch: false }],
    ["config 'agents/*.yml' -> 'agents/*.yaml'", { source: "agents/*.yml", target: "agents/*.yaml", patch: false }],
    ["config 'database.yml' patch", { source: "database.yml", target: null, patch: true }],
    ["config 'a.yml' -> 'b.yml' patch", { source: "a.yml", target: "b.yml", patch: true }],
    ["config '''a.yml'''", { source: "a.yml", target: null, patch: false }],
  ])("%s", (header, h) => {
    expect(item(`${header} { x := 1 }`)).toEqual({
      kind: "ConfigMigration",
      source: str(h.source),
      target: h.target === null ? null : str(h.target),
      patch: h.patch,
      items: [set(keyPath("x"), num("1"))],
    });
  });
});

describe("config items", () => {
  it.each<[string, Node[]]>([
    ["version := '2.0.0'", [set(keyPath("version"), str("2.0.0"))]],
    ["environment := env ?? 'development'", [set(keyPath("environment"), bin("??", name("env"), str("development")))]],
    ["logging.level := log_level", [set(keyPath("logging", "level"), name("log_level"))]],
    ['"odd key" := 1', [{ kind: "SetKey", path: { kind: "KeyPath", keys: [id("odd key", true)] }, value: num("1") }]],
    ["server { host := host ?? '0.0.0.0' }", [block(keyPath("server"), [set(keyPath("host"), bin("??", name("host"), str("0.0.0.0")))])]],
    [
      "configuration { retry_policy { max_retries := 3 } }",
      [block(keyPath("configuration"), [block(keyPath("retry_policy"), [set(keyPath("max_retries"), num("3"))])])],
    ],
    ["a.b { c := 1 }", [block(keyPath("a", "b"), [set(keyPath("c"), num("1"))])]],
    ["default { url := database_url }", [block(keyPath("default"), [set(keyPath("url"), name("database_url"))])]],
    ["capabilities := capabilities($, type)", [set(keyPath("capabilities"), call("capabilities", root, name("type")))]],
    ["external_config := external ?? {}", [set(keyPath("external_config"), bin("??", name("external"), obj()))]],
    ["require name", [{ kind: "RequireKey", path: keyPath("name"), valueType: null }]],
    ["require limits.max_tasks: number", [{ kind: "RequireKey", path: keyPath("limits", "max_tasks"), valueType: "number" }]],
    ["remove legacy_driver", [{ kind: "RemoveKey", path: keyPath("legacy_driver") }]],
    ["remove a.b", [{ kind: "RemoveKey", path: keyPath("a", "b") }]],
    ["expect pool.size >= 1", [{ kind: "ExpectClause", expr: bin(">=", member(name("pool"), "size"), num("1")), when: null }]],
    ["expect version == '2.0.0' when old.version is not null", [
      { kind: "ExpectClause", expr: bin("==", name("version"), str("2.0.0")), when: { kind: "IsNullExpr", subject: member(old, "version"), negated: true } },
    ]],
    ["require := 1\nremove := 2\nexpect := 3", [set(keyPath("require"), num("1")), set(keyPath("remove"), num("2")), set(keyPath("expect"), num("3"))]],
    ["require { a := 1 }", [block(keyPath("require"), [set(keyPath("a"), num("1"))])]],
    ["expect.x := 1", [set(keyPath("expect", "x"), num("1"))]],
  ])("%s", (src, expected) => {
    expect(configItems(src)).toEqual(expected);
  });

  it.each(["string", "number", "boolean", "object", "array", "any"])("require with type %s", (t) => {
    expect(configItems(`require name: ${t}`)).toEqual([{ kind: "RequireKey", path: keyPath("name"), valueType: t }]);
  });

  it("an unknown value type is reported", () => {
    expect(errorCodes(inMigration("config 'a.yml' { require name: str }"))).toEqual(["K1204"]);
  });

  it("items keep the order written", () => {
    expect(configItems("require name: string\nname := name\ntype := type ?? 'generic'\nversion := '2.0.0'").map((i) => i.kind)).toEqual([
      "RequireKey",
      "SetKey",
      "SetKey",
      "SetKey",
    ]);
  });

  it("a reserved word as a key must be quoted", () => {
    expect(errorCodes(inMigration("config 'a.yml' { if := 1 }")).length).toBeGreaterThan(0);
    expect(configItems('"if" := 1')).toEqual([{ kind: "SetKey", path: { kind: "KeyPath", keys: [id("if", true)] }, value: num("1") }]);
  });
});
