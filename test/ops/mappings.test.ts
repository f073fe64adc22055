import fc from "fast-check";
import { expect } from "vitest";
import { jsonText } from "./support/values.js";
import type { OpCase } from "./support/round-trip.js";
import { opSuite } from "./support/suite.js";

const AGENTS = `
  create table agents {
    id          uuid          primary key
    name        varchar(100)
    agent_type  varchar(50)?
    status      varchar(20)?
    timeout     integer?
    config      jsonb?
    raw         json?
    created_at  timestamp
    updated_at  timestamp?
  }`;

/** Objects with the keys the mappings read, holding falsy-but-present values half of the time. */
const flag = fc.constantFrom<unknown>(true, false, 0, 1, "", "0", "false", "yes", [], [0], {}, { a: 1 }, null);
const config = fc.option(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ urgent: flag, background: flag, description: fc.oneof(fc.string(), fc.constant(null)), tags: fc.array(fc.string(), { maxLength: 2 }), extra: fc.oneof(fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })) }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [1, 2], "text", 42) },
  ).map((v) => JSON.stringify(v)).filter((s) => !s.includes("\\u0000")),
  { nil: null },
);
const VALUES = { "agents.config": config, "agents.raw": fc.option(jsonText, { nil: null }), "agents.timeout": fc.option(fc.constantFrom(0, 300, -1, 3600), { nil: null }) };

/** Python's truthiness of a JSON value (kmig's conditions). */
const truthy = (v: unknown) => !(v === undefined || v === null || v === false || v === 0 || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0));
const key = (o: unknown, k: string) => (typeof o === "object" && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined);

const CASES: OpCase[] = [
  {
    name: "?? mappings: NULL becomes the default, and rollback gives the NULLs back",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  agent_type := agent_type ?? 'generic'\n  timeout := timeout ?? 300\n  updated_at := updated_at ?? created_at\n  rename config -> configuration := config ?? {}\n}"],
    steps: ["rename-column:reversible", "backfill:stash"],
    after: ({ before, after }) => {
      expect(after.agents.map((a) => [a.agent_type, a.timeout, a.updated_at, a.configuration])).toEqual(
        before.agents.map((a) => [a.agent_type ?? "generic", a.timeout ?? 300, a.updated_at ?? a.created_at, a.config === null || a.config === undefined ? {} : a.config]),
      );
    },
  },
  {
    name: "?? on a JSON key with a JSON default",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  add tags jsonb? := config.tags ?? []\n}"],
    steps: ["add-column:reversible", "backfill:reversible"],
    after: ({ before, after }) => {
      expect(after.agents.map((a) => a.tags)).toEqual(before.agents.map((a) => key(a.config, "tags") ?? []));
    },
  },
  {
    name: "when mappings read JSON flags by truthiness",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  add priority varchar(20)? default 'normal' :=\n    when config.urgent then 'high'\n    when config.background then 'low'\n    else 'normal'\n  status := when status is null then 'inactive' else status\n}"],
    steps: ["add-column:reversible", "backfill:stash"],
    after: ({ before, after }) => {
      expect(after.agents.map((a) => a.priority)).toEqual(before.agents.map((a) => (truthy(key(a.config, "urgent")) ? "high" : truthy(key(a.config, "background")) ? "low" : "normal")));
      expect(after.agents.map((a) => a.status)).toEqual(before.agents.map((a) => a.status ?? "inactive"));
    },
  },
  {
    name: "object building: plain, optional (key?:), guarded (if) and spread entries",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  add metadata jsonb? default {} := {\n    migrated_from: 'v1.x',\n    original_type: agent_type,\n    description?: config.description,\n    urgent: true if config.urgent,\n    ...config.extra,\n  }\n}"],
    steps: ["add-column:reversible", "backfill:reversible"],
    after: ({ before, after }) => {
      const expected = before.agents.map((a) => {
        const o: Record<string, unknown> = { migrated_from: "v1.x", original_type: a.agent_type };
        const d = key(a.config, "description");
        if (d !== undefined) o.description = d;
        if (truthy(key(a.config, "urgent"))) o.urgent = true;
        const extra = key(a.config, "extra");
        if (typeof extra === "object" && extra !== null && !Array.isArray(extra)) Object.assign(o, extra);
        return o;
      });
      expect(after.agents.map((a) => a.metadata)).toEqual(expected);
    },
  },
  {
    name: "array building: items, guarded items and spreads",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  add capabilities jsonb := [\n    'base',\n    'urgent' if config.urgent,\n    ...config.tags,\n    agent_type,\n  ]\n}"],
    steps: ["add-column:reversible", "backfill:reversible", "add-constraint:reversible", "validate-constraint:reversible", "set-not-null:reversible"],
    after: ({ before, after }) => {
      const expected = before.agents.map((a) => {
        const tags = key(a.config, "tags");
        return ["base", ...(truthy(key(a.config, "urgent")) ? ["urgent"] : []), ...(Array.isArray(tags) ? tags : []), a.agent_type];
      });
      expect(after.agents.map((a) => a.capabilities)).toEqual(expected);
    },
  },
  {
    name: "a json (not jsonb) column recomputed and restored as written",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  raw := raw ?? []\n}"],
    steps: ["backfill:stash"],
  },
  {
    name: "two mappings that swap two columns read the old row",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  agent_type := status\n  status := agent_type\n}"],
    steps: ["backfill:stash"],
    after: ({ before, after }) => {
      expect(after.agents.map((a) => [a.agent_type, a.status])).toEqual(before.agents.map((a) => [a.status, a.agent_type]));
    },
  },
  {
    name: "a declared reverse replaces the stash",
    baseline: AGENTS,
    values: { ...VALUES, "agents.timeout": fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }) },
    migrations: ["table agents {\n  rename timeout -> timeout_ms := timeout * 1000 reverse timeout_ms / 1000\n}"],
    steps: ["rename-column:reversible", "backfill:lossy"],
  },
  {
    name: "two blocks of one migration overwrite columns of one table: each keeps its own originals",
    baseline: AGENTS,
    values: VALUES,
    migrations: ["table agents {\n  agent_type := agent_type ?? 'generic'\n}\ntable agents {\n  status := status ?? 'inactive'\n}\ntable agents {\n  agent_type := upper(agent_type)\n}"],
    steps: ["backfill:stash", "backfill:stash", "backfill:stash"],
  },
];

opSuite("field mappings on PostgreSQL", CASES);
