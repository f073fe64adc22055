import { describe, expect, it } from "vitest";
import { expectFormatLaws } from "./support.js";

/** Formats `body` as the items of a migration and returns the items' lines, unindented once. */
function items(body: string): string {
  const out = expectFormatLaws(`migration m from '1' to '2' {\n${body}\n}\n`);
  const lines = out.split("\n");
  expect(lines[0]).toBe("migration m from '1' to '2' {");
  return lines
    .slice(1, -2)
    .map((l) => l.replace(/^ {2}/, ""))
    .join("\n");
}

describe("kmig fmt layout", () => {
  it("puts one statement per line, two spaces per level, one blank line between items", () => {
    expect(items("describe 'x' table t { drop a drop b } rename table t -> u")).toBe(
      ["describe 'x'", "", "table t {", "  drop a", "  drop b", "}", "", "rename table t -> u"].join("\n"),
    );
  });

  it("keeps at most one blank line where the author left blank lines in a block, none after `{`", () => {
    expect(items("table t {\n\n\n  x := 1\n\n\n\n  y := 2\n  z := 3\n\n}")).toBe(["table t {", "  x := 1", "", "  y := 2", "  z := 3", "}"].join("\n"));
  });

  it("lines up the names and types of consecutive column definitions", () => {
    const text = "create table t {\nid uuid primary key default gen_random_uuid()\nemail varchar(255) unique\nnickname text?\nn integer default 0\n}";
    expect(items(text)).toBe(
      [
        "create table t {",
        "  id       uuid         primary key default gen_random_uuid()",
        "  email    varchar(255) unique",
        "  nickname text?",
        "  n        integer      default 0",
        "}",
      ].join("\n"),
    );
  });

  it("prints constraint marks before `default`, whatever order they were written in", () => {
    expect(items("create table t { id uuid default gen_random_uuid() primary key }")).toBe(
      ["create table t {", "  id uuid primary key default gen_random_uuid()", "}"].join("\n"),
    );
  });

  it("starts a new alignment run after a blank line and after a statement over several lines", () => {
    const text = "table t {\nadd a int\nadd long_name text?\n\nadd b int default 1\nadd cc jsonb := { k: 'a very long value that does not fit', other: 'another long value that does not fit either' }\nadd d int\n}";
    expect(items(text)).toBe(
      [
        "table t {",
        "  add a         integer",
        "  add long_name text?",
        "",
        "  add b  integer default 1",
        "  add cc jsonb   := {",
        "    k: 'a very long value that does not fit',",
        "    other: 'another long value that does not fit either',",
        "  }",
        "  add d integer",
        "}",
      ].join("\n"),
    );
  });

  it("lines up `->` in renames and `:=` in assignments", () => {
    const text = "table t {\nrename a -> alpha := a ?? 0\nrename bb -> b default 1 := bb\nx := 1\nlonger := 2\n}";
    expect(items(text)).toBe(
      ["table t {", "  rename a  -> alpha           := a ?? 0", "  rename bb -> b     default 1 := bb", "  x      := 1", "  longer := 2", "}"].join("\n"),
    );
  });

  it("lines up the `->` of map entries, `else` and `reverse`", () => {
    const text = "map m { a, b -> x\n'two words' -> y\nelse -> z\nreverse x -> a\nkeep original in meta.status }";
    expect(items(text)).toBe(
      ["map m {", "  a, b        -> x", "  'two words' -> y", "  else        -> z", "  reverse x   -> a", "  keep original in meta.status", "}"].join("\n"),
    );
  });

  it("writes map values bare when they are plain words, quoted otherwise", () => {
    expect(items("map m { 'ok', 'not ok', 'true', 'else' -> 'x' }")).toBe(["map m {", "  ok, 'not ok', 'true', 'else' -> x", "}"].join("\n"));
  });

  it("lines up `:=` in config blocks, block by block", () => {
    const text = "config 'a.yml' { require name: string\nname := name\nversion := '2'\nserver { host := h\nport := 80 } }";
    expect(items(text)).toBe(
      ["config 'a.yml' {", "  require name: string", "  name    := name", "  version := '2'", "  server {", "    host := h", "    port := 80", "  }", "}"].join("\n"),
    );
  });

  it("breaks a long object literal one entry per line with trailing commas", () => {
    const text = "table t { meta := { migrated_from: 'v1.x', migration_date: now(), original_type: agent_type, description?: config.description } }";
    expect(items(text)).toBe(
      [
        "table t {",
        "  meta := {",
        "    migrated_from: 'v1.x',",
        "    migration_date: now(),",
        "    original_type: agent_type,",
        "    description?: config.description,",
        "  }",
        "}",
      ].join("\n"),
    );
  });

  it("keeps a short object literal on one line", () => {
    expect(items("table t { meta := {a:1,b:[1,2]} }")).toBe(["table t {", "  meta := { a: 1, b: [1, 2] }", "}"].join("\n"));
  });

  it("hugs the last argument of a call, and lines up the `if` of guarded array elements", () => {
    const text =
      "def caps(f, kind) := sort(distinct(['text_processing' if f.text, 'image_generation' if f.image, 'data' if f.data, ...when kind == 'text_processor' then ['text_processing', 'summarization'] when kind == 'image' then ['image_generation'] else []]))";
    expect(items(text)).toBe(
      [
        "def caps(f, kind) := sort(distinct([",
        "  'text_processing'  if f.text,",
        "  'image_generation' if f.image,",
        "  'data'             if f.data,",
        "  ...when kind == 'text_processor' then ['text_processing', 'summarization']",
        "     when kind == 'image'          then ['image_generation']",
        "     else [],",
        "]))",
      ].join("\n"),
    );
  });

  it("wraps call arguments one per line when the last one cannot take the break", () => {
    const text = "table t { x := coalesce(first_argument_is_quite_long, second_argument_is_long_as_well, third_one_is_long_too, 42) }";
    expect(items(text)).toBe(
      ["table t {", "  x := coalesce(", "    first_argument_is_quite_long,", "    second_argument_is_long_as_well,", "    third_one_is_long_too,", "    42", "  )", "}"].join("\n"),
    );
  });

  it("keeps a call's only argument after its `(`, and puts a long `expect`'s condition on the next line", () => {
    const text =
      "table t { x := some_function(a_rather_long_argument_name + another_rather_long_argument_name + a_third_one)\nexpect priority == 'normal' when not truthy(old.params.urgent) and not truthy(old.params.background) }";
    expect(items(text)).toBe(
      [
        "table t {",
        "  x := some_function(a_rather_long_argument_name + another_rather_long_argument_name + a_third_one)",
        "  expect priority == 'normal'",
        "    when not truthy(old.params.urgent) and not truthy(old.params.background)",
        "}",
      ].join("\n"),
    );
  });

  it("moves a long `when` chain after `:=` to lines of its own, one branch per line, `then` lined up", () => {
    const text = "table tasks { add priority varchar(20)? default 'normal' := when params.urgent then 'high' when params.background then 'low' else 'normal' }";
    expect(items(text)).toBe(
      [
        "table tasks {",
        "  add priority varchar(20)? default 'normal' :=",
        "    when params.urgent     then 'high'",
        "    when params.background then 'low'",
        "    else 'normal'",
        "}",
      ].join("\n"),
    );
  });

  it("prints expressions with the fewest parentheses that keep their meaning (and two kinds that help the reader)", () => {
    const cases: [string, string][] = [
      ["(a + b) * c", "(a + b) * c"],
      ["a + (b * c)", "a + b * c"],
      ["a - (b - c)", "a - (b - c)"],
      ["(a - b) - c", "a - b - c"],
      ["a ?? (b ?? c)", "a ?? b ?? c"],
      ["(a ?? b) ?? c", "(a ?? b) ?? c"],
      ["(a == b) == c", "(a == b) == c"],
      ["a = b", "a == b"],
      ["a <> b", "a != b"],
      ["not (a and b)", "not (a and b)"],
      ["(not a) and b", "not a and b"],
      ["a == (not b)", "a == (not b)"],
      ["not not a", "not not a"],
      ["-(-a)", "- -a"],
      ["(a || b).c", "(a || b).c"],
      ["(1).x", "(1).x"],
      ["(when a then b else c) + 1", "(when a then b else c) + 1"],
      ["1 + (when a then b else c)", "1 + when a then b else c"],
      ["(a in [1]) == true", "(a in [1]) == true"],
      ["(a or b) is null", "(a or b) is null"],
      // Kept for the reader although precedence does not need them: `??` under a comparison, a comparison under `not`.
      ["a == (b ?? c)", "a == (b ?? c)"],
      ["(a ?? b) in [1]", "(a ?? b) in [1]"],
      ["not (a == b)", "not (a == b)"],
      ["not (a in [1])", "not (a in [1])"],
      ["not a is null", "not (a is null)"],
    ];
    for (const [input, printed] of cases) expect(items(`table t { x := ${input} }`), input).toBe(`table t {\n  x := ${printed}\n}`);
  });

  it("quotes names only as written, and strings canonically", () => {
    expect(items(`table "Odd ""Name""" { "when" := 'it\\'s' || '\\u{1F600}\\t' || x.if || {"a b": 1, 'line\\nbreak': 2}.c }`)).toBe(
      [`table "Odd ""Name""" {`, `  "when" := 'it\\'s' || '😀\\t' || x.if || { "a b": 1, 'line\\nbreak': 2 }.c`, "}"].join("\n"),
    );
  });

  it("writes text over several lines as a raw string, and versions always in one line", () => {
    const out = expectFormatLaws("migration m from 'a\\nb' to '2' { sql 'create table x ();\\ndrop table y;' reverse 'select 1' }\n");
    expect(out).toBe("migration m from 'a\\nb' to '2' {\n  sql '''create table x ();\ndrop table y;''' reverse 'select 1'\n}\n");
  });

  it("ends lines with LF, and keeps a raw string from a CRLF file raw", () => {
    const out = expectFormatLaws("migration m from '1' to '2' {\r\n  sql '''select 1;\r\nselect 2;'''\r\n}\r\n");
    expect(out).toBe("migration m from '1' to '2' {\n  sql '''select 1;\r\nselect 2;'''\n}\n");
  });

  it("prints an `expect` claim that starts with `{` in parentheses, so that it is no key block", () => {
    expect(items("config 'a.yml' { expect ({a: 1}).a == 1 }")).toBe(["config 'a.yml' {", "  expect ({ a: 1 }.a == 1)", "}"].join("\n"));
  });
});
