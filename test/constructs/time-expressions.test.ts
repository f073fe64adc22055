import { describe, expect, it } from "vitest";
import { compileChain } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";
import { parseClean, inMigration } from "./support.js";

/**
 * Date/time literals and arithmetic (docs/language.md, "Dates, times and intervals"): how they parse,
 * the types the checker gives them (PostgreSQL's), and the errors it reports (K3100, K3101).
 */
const BASELINE = `baseline b version '1' {
  create table orders {
    id         integer primary key
    created_at timestamptz
    placed_at  timestamp
    ordered_on date
    opens      time
    span       interval
    note       text
  }
}
`;

/** The diagnostics (code and message) of `add c <type> := <expr>` on orders. */
function check(type: string, expr: string): string[] {
  const migration = `migration m from '1' to '2' {\n  describe 'm'\n  table orders {\n    add c ${type} := ${expr}\n  }\n}\n`;
  const r = compileChain([makeSourceFile("000_b.kmig", BASELINE), makeSourceFile("001_m.kmig", migration)]);
  return r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);
}

describe("typed literals", () => {
  it("parse as one node, with PostgreSQL's spellings of the type", () => {
    const ast = JSON.stringify(parseClean(inMigration("table t {\n  add a interval := interval '3 days'\n  add b timestamptz := timestamp with time zone '2022-08-01 10:00'\n}")));
    expect(ast).toContain('"kind":"TypedLit","keyword":"interval","value":{"kind":"StringLit","value":"3 days"}');
    expect(ast).toContain('"keyword":"timestamp with time zone"');
  });

  it("leave a column called date a name", () => {
    const ast = JSON.stringify(parseClean(inMigration("table t {\n  add a date := date\n  add b text := time || 'x'\n}")));
    expect(ast).not.toContain("TypedLit");
  });

  it.each([
    ["date", "date '2022-08-01'"],
    ["date", "date '0044-03-15 BC'"],
    ["time", "time '10:30'"],
    ["timestamp", "timestamp '2022-08-01 10:00'"],
    ["timestamp", "timestamp without time zone '2022-08-01T10:00:00.5'"],
    ["timestamptz", "timestamptz '2022-08-01 10:00+02'"],
    ["timestamptz", "timestamptz 'infinity'"],
    ["interval", "interval '1 year 2 months -3 days 04:05:06.5'"],
    ["interval", "interval '1.5 hours'"],
    ["interval", "interval '2 weeks ago'"],
  ])("%s: %s checks clean", (type, expr) => {
    expect(check(type, expr)).toEqual([]);
  });

  it.each([
    ["date", "date '2022-13-01'", "K3100 invalid date literal: month 13 does not exist"],
    ["date", "date 'today'", "K3100 invalid date literal: `today` is a moving value, read when PostgreSQL parses the SQL"],
    ["time", "time '25:00'", "K3100 invalid time literal: 25:00 is not a time of day"],
    ["timestamp", "timestamp '2022-08-01 10:00+02'", "K3100 invalid timestamp literal: a timestamp without time zone ignores an offset (PostgreSQL drops it silently)"],
    ["interval", "interval '3 dayz'", "K3100 invalid interval literal: `dayz` is not a unit"],
    ["interval", "interval '1.5 months'", "K3100 invalid interval literal: a fraction of a month or year"],
    ["interval", "interval '10'", "K3100 invalid interval literal: `10` has no unit"],
  ])("%s: %s is an error", (type, expr, error) => {
    expect(check(type, expr)).toEqual([error]);
  });
});

describe("date/time arithmetic has PostgreSQL's result types", () => {
  it.each([
    ["timestamptz", "created_at + interval '30 days'"],
    ["timestamptz", "interval '30 days' + created_at"],
    ["timestamptz", "now() - interval '30 days'"],
    ["timestamp", "placed_at - interval '1 mon'"],
    ["date", "ordered_on + 3"],
    ["date", "3 + ordered_on"],
    ["date", "ordered_on - 3"],
    ["integer", "ordered_on - date '2022-01-01'"],
    ["integer", "current_date - ordered_on"],
    ["timestamp", "ordered_on + interval '1 day'"],
    ["timestamp", "current_date - interval '30 days'"],
    ["timestamp", "ordered_on + opens"],
    ["interval", "now() - created_at"],
    ["interval", "placed_at - placed_at"],
    ["interval", "created_at - ordered_on"],
    ["interval", "span + span - interval '1 day'"],
    ["interval", "span * 3"],
    ["interval", "-span"],
    ["time", "opens + interval '90 minutes'"],
    ["interval", "opens - time '08:00'"],
    ["boolean", "created_at < now() - interval '30 days'"],
    ["boolean", "ordered_on >= placed_at and span > interval '1 mon'"],
    ["boolean", "ordered_on between date '2022-01-01' and date '2022-12-31'"],
  ])("%s: %s", (type, expr) => {
    expect(check(type, expr)).toEqual([]);
  });

  it.each([
    ["ordered_on + ordered_on", "K3101 `+` is not defined for date and date"],
    ["created_at + 30", "K3101 `+` is not defined for timestamptz and integer"],
    ["placed_at - 1", "K3101 `-` is not defined for timestamp and integer"],
    ["ordered_on + 1.5", "K3101 `+` is not defined for date and numeric"],
    ["span * 1.5", "K3101 `*` is not defined for interval and numeric"],
    ["span / 2", "K3101 `/` is not defined for interval and integer"],
    ["3 - ordered_on", "K3101 `-` is not defined for integer and date"],
    ["-ordered_on", "K3101 `-` is not defined for date"],
  ])("%s is an error", (expr, error) => {
    expect(check("interval", expr)).toEqual([error]);
  });

  it("suggests a typed literal for a date compared with text", () => {
    const migration = `migration m from '1' to '2' {\n  describe 'm'\n  table orders {\n    add c boolean := created_at < '2022-01-01'\n  }\n}\n`;
    const r = compileChain([makeSourceFile("000_b.kmig", BASELINE), makeSourceFile("001_m.kmig", migration)]);
    expect(r.diagnostics.map((d) => [d.code, d.help])).toEqual([["K3002", "write a timestamptz literal: timestamptz '2022-01-01'"]]);
  });
});
