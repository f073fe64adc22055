import { describe, expect, it } from "vitest";
import { expectFormatLaws } from "./support.js";

/** Formats a file and checks the laws (same AST, same comments in order, fixed point). */
const fmt = (text: string): string => expectFormatLaws(text);

describe("kmig fmt comments", () => {
  it("keeps comments before the file, between items, inside blocks and before `}`", () => {
    const text = [
      "// header",
      "",
      "migration m from '1' to '2' {",
      "    // about the table",
      "  table t {",
      "      // first",
      "    x := 1",
      "    /* second */",
      "    y := 2",
      "      // dangling at the end",
      "  }",
      "  // about the map",
      "  map s { a -> b",
      "  // before else",
      "  else -> c }",
      "}",
      "// trailer",
    ].join("\n");
    expect(fmt(text)).toBe(
      [
        "// header",
        "",
        "migration m from '1' to '2' {",
        "  // about the table",
        "  table t {",
        "    // first",
        "    x := 1",
        "    /* second */",
        "    y := 2",
        "    // dangling at the end",
        "  }",
        "",
        "  // about the map",
        "  map s {",
        "    a    -> b",
        "    // before else",
        "    else -> c",
        "  }",
        "}",
        "// trailer",
        "",
      ].join("\n"),
    );
  });

  it("keeps end-of-line comments at the end of their line, lined up in a section", () => {
    const text = "baseline b version '1' {\n  create table t {\n    id uuid primary key // the key\n    name text? // may be missing\n    created_at timestamp default now()\n    n int // a number\n  }\n}\n";
    expect(fmt(text)).toBe(
      [
        "baseline b version '1' {",
        "  create table t {",
        "    id         uuid      primary key // the key",
        "    name       text?                 // may be missing",
        "    created_at timestamp default now()",
        "    n          integer               // a number",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps comments between the entries of a literal it breaks, and before its `}`", () => {
    const text = "migration m from '1' to '2' {\n  table t {\n    meta := { // opening\n      // about a\n      a: 1, // after a\n      b: [1, /* in the array */ 2],\n      // at the end\n    }\n  }\n}\n";
    expect(fmt(text)).toBe(
      [
        "migration m from '1' to '2' {",
        "  table t {",
        "    meta := { // opening",
        "      // about a",
        "      a: 1, // after a",
        "      b: [",
        "        1, /* in the array */",
        "        2,",
        "      ],",
        "      // at the end",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("moves a comment inside an expression printed on one line to just before its statement", () => {
    const text = "migration m from '1' to '2' {\n  table t {\n    x := a + /* why */ b\n    y := f(\n      1 // one\n      + 2)\n  }\n}\n";
    expect(fmt(text)).toBe(
      ["migration m from '1' to '2' {", "  table t {", "    /* why */", "    x := a + b", "    // one", "    y := f(1 + 2)", "  }", "}", ""].join("\n"),
    );
  });

  it("keeps comments between the branches of a `when` chain, which then takes lines of its own", () => {
    const text = "migration m from '1' to '2' {\n  table t {\n    x := when a then 1 // for a\n      when b then 2\n      // otherwise\n      else 3\n  }\n}\n";
    expect(fmt(text)).toBe(
      [
        "migration m from '1' to '2' {",
        "  table t {",
        "    x :=",
        "      when a then 1 // for a",
        "      when b then 2",
        "      // otherwise",
        "      else 3",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps a comment after a block's `{` on that line", () => {
    expect(fmt("migration m from '1' to '2' { // the migration\n  table t { // the table\n    x := 1\n  }\n}\n")).toBe(
      ["migration m from '1' to '2' { // the migration", "  table t { // the table", "    x := 1", "  }", "}", ""].join("\n"),
    );
  });

  it("keeps a comment in an otherwise empty block inside it", () => {
    expect(fmt("migration m from '1' to '2' { table t { /* nothing yet */ } }")).toBe(
      ["migration m from '1' to '2' {", "  table t { /* nothing yet */", "  }", "}", ""].join("\n"),
    );
    expect(fmt("migration m from '1' to '2' { table t {\n// nothing yet\n} }")).toBe(
      ["migration m from '1' to '2' {", "  table t {", "    // nothing yet", "  }", "}", ""].join("\n"),
    );
  });

  it("keeps block comments over several lines as they are", () => {
    const text = "migration m from '1' to '2' {\n/* one\n     two */\n  describe 'x'\n}\n";
    expect(fmt(text)).toBe("migration m from '1' to '2' {\n  /* one\n     two */\n  describe 'x'\n}\n");
  });
});
