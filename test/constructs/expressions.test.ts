import { describe, expect, it } from "vitest";
import {
  action,
  arr,
  at,
  bin,
  bool,
  call,
  el,
  entry,
  errorCodes,
  expr,
  id,
  inMigration,
  isIn,
  isNull,
  member,
  name,
  nul,
  num,
  obj,
  old,
  root,
  spread,
  str,
  un,
  when,
  type Node,
} from "./support.js";

/** docs/language.md §10: every kind of expression, precedence and associativity. */

const a = name("a");
const b = name("b");
const c = name("c");

describe("primary expressions", () => {
  it.each<[string, Node]>([
    ["status", name("status")],
    ['"odd name"', name("odd name", true)],
    ["'text'", str("text")],
    ["12.50", num("12.50")],
    ["true", bool(true)],
    ["false", bool(false)],
    ["null", nul],
    ["(a)", a],
    ["((a))", a],
    ["now()", call("now")],
    ["lower(a)", call("lower", a)],
    ["concat(a, ' ', b)", call("concat", a, str(" "), b)],
    ["default(a, 0)", call("default", a, num("0"))],
    ["task_status(status)", call("task_status", name("status"))],
  ])("%s", (src, expected) => {
    expect(expr(src)).toEqual(expected);
  });
});

describe("JSON access", () => {
  it.each<[string, Node]>([
    ["params.urgent", member(name("params"), "urgent")],
    ["a.b.c", member(member(a, "b"), "c")],
    ['params."odd key"', member(name("params"), "odd key", true)],
    ["params.if", member(name("params"), "if")],
    ["params.type", member(name("params"), "type")],
    ["tags[0]", at(name("tags"), num("0"))],
    ["tags[-1]", at(name("tags"), un("-", num("1")))],
    ["params['odd key']", at(name("params"), str("odd key"))],
    ["a[b.c]", at(a, member(b, "c"))],
    ["a.b[0].c", member(at(member(a, "b"), num("0")), "c")],
    ["f(x).y", member(call("f", name("x")), "y")],
    ["(a).b", member(a, "b")],
    ["$", root],
    ["$.name", member(root, "name")],
    ["$[0]", at(root, num("0"))],
    ["old.params.urgent", member(member(old, "params"), "urgent")],
  ])("%s", (src, expected) => {
    expect(expr(src)).toEqual(expected);
  });
});

describe("operators", () => {
  it.each<[string, Node]>([
    ["a or b", bin("or", a, b)],
    ["a and b", bin("and", a, b)],
    ["not a", un("not", a)],
    ["a == b", bin("==", a, b)],
    ["a != b", bin("!=", a, b)],
    ["a < b", bin("<", a, b)],
    ["a <= b", bin("<=", a, b)],
    ["a > b", bin(">", a, b)],
    ["a >= b", bin(">=", a, b)],
    ["a ?? b", bin("??", a, b)],
    ["a || b", bin("||", a, b)],
    ["a + b", bin("+", a, b)],
    ["a - b", bin("-", a, b)],
    ["a * b", bin("*", a, b)],
    ["a / b", bin("/", a, b)],
    ["a % b", bin("%", a, b)],
    ["-a", un("-", a)],
    ["a in [1, 'x', b.c]", isIn(a, [num("1"), str("x"), member(b, "c")])],
    ["a in [b,]", isIn(a, [b])],
    ["a in []", isIn(a, [])],
    ["a not in [b]", isIn(a, [b], true)],
    ["a is null", isNull(a)],
    ["a is not null", isNull(a, true)],
  ])("%s", (src, expected) => {
    expect(expr(src)).toEqual(expected);
  });

  it.each(["a in [...b]", "a in [b if c]", "a in b"])("`%s`: an in-list is written out", (src) => {
    expect(errorCodes(inMigration(`table t { x := ${src} }`)).length).toBeGreaterThan(0);
  });

  it.each(["a == b == c", "a < b < c", "a is null is null"])("`%s`: comparisons do not chain", (src) => {
    expect(errorCodes(inMigration(`table t { x := ${src} }`)).length).toBeGreaterThan(0);
  });
});

describe("precedence and associativity (§10.5)", () => {
  // Each row: the source, the same expression fully parenthesised, and the grouping it must NOT have.
  it.each([
    ["a or b and c", "a or (b and c)", "(a or b) and c"],
    ["a and b or c", "(a and b) or c", "a and (b or c)"],
    ["a or b or c", "(a or b) or c", "a or (b or c)"],
    ["a and b and c", "(a and b) and c", "a and (b and c)"],
    ["not a and b", "(not a) and b", "not (a and b)"],
    ["not a or b", "(not a) or b", "not (a or b)"],
    ["not a == b", "not (a == b)", "(not a) == b"],
    ["not a is null", "not (a is null)", "(not a) is null"],
    ["not a in [b]", "not (a in [b])", "(not a) in [b]"],
    ["a == b and c", "(a == b) and c", "a == (b and c)"],
    ["a ?? b == c", "(a ?? b) == c", "a ?? (b == c)"],
    ["a ?? b ?? c", "a ?? (b ?? c)", "(a ?? b) ?? c"],
    ["a ?? b is null", "(a ?? b) is null", "a ?? (b is null)"],
    ["a ?? b in [c]", "(a ?? b) in [c]", "a ?? (b in [c])"],
    ["a || b ?? c", "(a || b) ?? c", "a || (b ?? c)"],
    ["a ?? b || c", "a ?? (b || c)", "(a ?? b) || c"],
    ["a || b || c", "(a || b) || c", "a || (b || c)"],
    ["a + b || c", "(a + b) || c", "a + (b || c)"],
    ["a || b + c", "a || (b + c)", "(a || b) + c"],
    ["a + b * c", "a + (b * c)", "(a + b) * c"],
    ["a * b + c", "(a * b) + c", "a * (b + c)"],
    ["a - b - c", "(a - b) - c", "a - (b - c)"],
    ["a / b / c", "(a / b) / c", "a / (b / c)"],
    ["a % b * c", "(a % b) * c", "a % (b * c)"],
    ["a + b == c", "(a + b) == c", "a + (b == c)"],
    ["-a * b", "(-a) * b", "-(a * b)"],
    ["-a.b", "-(a.b)", "(-a).b"],
    ["- -a", "-(-a)", "a"],
    ["not not a", "not (not a)", "a"],
    ["a.b ?? c.d", "(a.b) ?? (c.d)", "a.b"],
    ["1 + when a then 2 else 3 + 4", "1 + (when a then 2 else (3 + 4))", "(1 + (when a then 2 else 3)) + 4"],
    ["when a then b else c or a", "when a then b else (c or a)", "(when a then b else c) or a"],
  ])("%s  ≡  %s", (src, same, other) => {
    expect(expr(src)).toEqual(expr(same));
    expect(expr(src)).not.toEqual(expr(other));
  });
});

describe("when", () => {
  it("branches in order and the else", () => {
    expect(expr("when params.urgent then 'high' when params.background then 'low' else 'normal'")).toEqual(
      when(
        [
          [member(name("params"), "urgent"), str("high")],
          [member(name("params"), "background"), str("low")],
        ],
        str("normal"),
      ),
    );
  });

  it("nests in a result and in the else", () => {
    expect(expr("when a then when b then 1 else 2 else 3")).toEqual(when([[a, when([[b, num("1")]], num("2"))]], num("3")));
    expect(expr("when a then 1 else when b then 2 else 3")).toEqual(when([[a, num("1")]], when([[b, num("2")]], num("3"))));
  });

  it("spans lines in a mapping", () => {
    expect(action("add p text :=\n  when u then 'high'\n  else 'normal'")).toMatchObject({ compute: when([[name("u"), str("high")]], str("normal")) });
  });

  it("needs an else", () => {
    expect(errorCodes(inMigration("table t { x := when a then 1 }")).length).toBeGreaterThan(0);
  });
});

describe("object literals", () => {
  it.each<[string, Node]>([
    ["{}", obj()],
    ["{ a: 1 }", obj(entry("a", num("1")))],
    ["{ a: 1, }", obj(entry("a", num("1")))],
    ["{ a?: b.c }", obj(entry("a", member(b, "c"), { optional: true }))],
    ["{ a: 1 if c }", obj(entry("a", num("1"), { guard: c }))],
    ["{ a?: b if c }", obj(entry("a", b, { optional: true, guard: c }))],
    ["{ a: x or y if c and b }", obj(entry("a", bin("or", name("x"), name("y")), { guard: bin("and", c, b) }))],
    ["{ ...b }", obj(spread(b))],
    ["{ ...b, a: 1, ...c.d }", obj(spread(b), entry("a", num("1")), spread(member(c, "d")))],
    ['{ "odd key": 1 }', obj(entry("odd key", num("1"), { quoted: true }))],
    ["{ 'odd key': 1 }", obj(entry("odd key", num("1"), { quoted: true }))],
    ["{ if: 1, not: 2, type: 3 }", obj(entry("if", num("1")), entry("not", num("2")), entry("type", num("3")))],
    ["{ a: { b: [] } }", obj(entry("a", obj(entry("b", arr()))))],
  ])("%s", (src, expected) => {
    expect(expr(src)).toEqual(expected);
  });

  it("spans lines, as in a mapping", () => {
    expect(action("add m jsonb := {\n  migrated_from: 'v1.x',\n  description?: config.description,\n}")).toMatchObject({
      compute: obj(entry("migrated_from", str("v1.x")), entry("description", member(name("config"), "description"), { optional: true })),
    });
  });
});

describe("array literals", () => {
  it.each<[string, Node]>([
    ["[]", arr()],
    ["[1, 'a']", arr(el(num("1")), el(str("a")))],
    ["[1,]", arr(el(num("1")))],
    ["['x' if a.b]", arr(el(str("x"), member(a, "b")))],
    ["[...a, b]", arr(spread(a), el(b))],
    ["[when a then 1 else 2 if c]", arr(el(when([[a, num("1")]], num("2")), c))],
    ["[...when a then [b] else []]", arr(spread(when([[a, arr(el(b))]], arr())))],
  ])("%s", (src, expected) => {
    expect(expr(src)).toEqual(expected);
  });
});
