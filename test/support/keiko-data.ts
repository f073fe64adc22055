import fc from "fast-check";
import type pg from "pg";

/** Awkward JSON values the contract talks about: falsy-but-present, truthy strings, unicode, nesting. */
const flag = fc.constantFrom<unknown>(true, false, 0, 1, -1, 0.5, "", "0", "false", "yes", " ", [], [0], {}, { a: 1 }, null, "ünï😀");
const paramsArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ urgent: flag, background: flag, note: fc.string() }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [1, 2], "text", 42, { nested: { urgent: true } }) },
);
const configArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ supports_text_processing: flag, supports_image_generation: flag, supports_data_analysis: flag, description: fc.oneof(fc.string(), fc.constant(null)), tags: fc.array(fc.string(), { maxLength: 3 }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], "x", 3) },
);
const status = fc.constantFrom<string | null>("created", "queued", "running", "finished", "failed", "cancelled", "FINISHED", " running", "done", "", "pending", null, "ünï");
const ts = fc.integer({ min: 1_500_000_000, max: 1_800_000_000 }).map((s) => new Date(s * 1000).toISOString().replace("T", " ").replace(".000Z", ""));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const uuidAt = (prefix: string, i: number) => `00000000-0000-4000-8${prefix}-${i.toString(16).padStart(12, "0")}`;

/** Inserts generated v1 rows (users, agents, tasks) with SQL parameters: no value is spliced. */
export async function insertGeneratedV1(c: pg.Client, seed: number, counts = { users: 20, agents: 40, tasks: 300 }): Promise<void> {
  const rnd = (a: fc.Arbitrary<unknown>, i: number) => fc.sample(a, { seed: seed + i, numRuns: 1 })[0];
  for (let i = 0; i < counts.users; i++) {
    await c.query("INSERT INTO users (id, email, name, created_at) VALUES ($1, $2, $3, $4)", [uuidAt("001", i), `u${i}@example.org`, rnd(maybe(fc.string({ maxLength: 100 })), i), rnd(ts, i)]);
  }
  for (let i = 0; i < counts.agents; i++) {
    const cfg = rnd(configArb, 1000 + i);
    await c.query("INSERT INTO agents (id, name, agent_type, status, config, created_at, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)", [
      uuidAt("002", i),
      `agent ${i}`,
      rnd(maybe(fc.constantFrom("text_processor", "image_generator", "generic", "other", "")), 2000 + i),
      rnd(maybe(fc.constantFrom("active", "inactive", "", "weird")), 3000 + i),
      cfg === undefined ? null : JSON.stringify(cfg),
      rnd(ts, 4000 + i),
      rnd(maybe(ts), 5000 + i),
    ]);
  }
  for (let i = 0; i < counts.tasks; i++) {
    const params = rnd(paramsArb, 6000 + i);
    await c.query("INSERT INTO tasks (id, user_id, agent_id, type, params, status, created_at, started_at, completed_at, timeout, retries) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11)", [
      uuidAt("003", i),
      uuidAt("001", i % counts.users),
      uuidAt("002", i % counts.agents),
      rnd(maybe(fc.constantFrom("summarize", "render", "generic", "")), 7000 + i),
      (rnd(fc.boolean(), 8000 + i) as boolean) ? null : JSON.stringify(params),
      rnd(status, 9000 + i),
      rnd(ts, 10000 + i),
      rnd(maybe(ts), 11000 + i),
      rnd(maybe(ts), 12000 + i),
      rnd(maybe(fc.constantFrom(0, 1, 300, 3600, -5)), 13000 + i),
      rnd(maybe(fc.constantFrom(0, 1, 2, 10)), 14000 + i),
    ]);
  }
}
