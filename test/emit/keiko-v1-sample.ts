/**
 * specs/keiko/fixtures/v1-sample.sql as rows of the JavaScript value model (stdlib/builtin.ts): NULL is
 * `undefined`, timestamps are PostgreSQL's text, jsonb is parsed JSON, integers are numbers.
 */

export const V1_AGENTS = [
  { id: "00000000-0000-4000-8000-00000000a001", name: "writer", agent_type: "text_processor", status: "active", config: { supports_text_processing: true, description: "Writes things", tags: ["text", "nlp"] }, created_at: "2024-01-05 09:00:00", updated_at: "2024-03-01 12:00:00" },
  { id: "00000000-0000-4000-8000-00000000a002", name: "painter", agent_type: "image_generator", status: undefined, config: { supports_image_generation: "yes", supports_data_analysis: 0 }, created_at: "2024-01-06 09:00:00", updated_at: undefined },
  { id: "00000000-0000-4000-8000-00000000a003", name: "legacy", agent_type: undefined, status: "inactive", config: undefined, created_at: "2023-12-31 23:59:59", updated_at: undefined },
  { id: "00000000-0000-4000-8000-00000000a004", name: "analyst", agent_type: "generic", status: "active", config: { supports_data_analysis: "false", supports_text_processing: [], tags: [] }, created_at: "2024-04-01 08:00:00", updated_at: "2024-04-02 08:00:00" },
];

const U1 = "00000000-0000-4000-8000-000000000001";
const U2 = "00000000-0000-4000-8000-000000000002";
const A = (n: number) => `00000000-0000-4000-8000-00000000a00${n}`;
const task = (n: number, user_id: string, agent_id: string, type: string | undefined, params: unknown, status: string | undefined, created_at: string, started_at: string | undefined, completed_at: string | undefined, timeout: number | undefined, retries: number | undefined) => ({
  id: `00000000-0000-4000-8000-0000000b000${n}`,
  user_id,
  agent_id,
  type,
  params,
  status,
  created_at,
  started_at,
  completed_at,
  timeout,
  retries,
});

export const V1_TASKS = [
  task(1, U1, A(1), "summarize", { urgent: true }, "finished", "2024-05-01 10:00:00", "2024-05-01 10:00:01", "2024-05-01 10:00:09", 60, 1),
  task(2, U1, A(2), undefined, undefined, "queued", "2024-05-02 10:00:00", undefined, undefined, undefined, undefined),
  task(3, U2, A(1), "translate", { background: 1, urgent: 0 }, "created", "2024-05-03 10:00:00", undefined, undefined, 300, 0),
  task(4, U2, A(3), "render", { urgent: "false" }, "FINISHED", "2024-05-04 10:00:00", undefined, undefined, 120, undefined),
  task(5, U1, A(4), "analyze", {}, undefined, "2024-05-05 10:00:00", undefined, undefined, undefined, 3),
  task(6, U1, A(4), "analyze", { background: true, note: "O'Brien été" }, "cancelled", "2024-05-06 10:00:00", "2024-05-06 10:01:00", undefined, 300, 0),
  task(7, U2, A(1), "summarize", { urgent: null, background: "" }, "running", "2024-05-07 10:00:00", "2024-05-07 10:00:05", undefined, 30, 2),
  task(8, U2, A(2), "render", { urgent: [1] }, "failed", "2024-05-08 10:00:00", "2024-05-08 10:00:02", "2024-05-08 10:00:03", 300, 5),
];

/** specs/keiko/fixtures/config-v1/agents/painter.yml as the v2 config migration writes it (contract.md's agent file rules). */
export const PAINTER_V2_CONFIG = {
  name: "painter",
  type: "image_generator",
  version: "2.0.0",
  capabilities: ["image_editing", "image_generation"],
  configuration: { timeout_seconds: 300, max_concurrent_tasks: 1, retry_policy: { max_retries: 5, retry_delay: 2.5 } },
  external_config: {},
};
