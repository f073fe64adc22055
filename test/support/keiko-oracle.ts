/**
 * The Keiko contract (specs/keiko/reference/contract.md) written directly, independently of kmig: what each
 * v1 row must look like in v2. Rows are `to_jsonb(row)` values.
 */
type Row = Record<string, unknown>;
type Json = unknown;

const isObj = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Python truthiness of a JSON value (missing = undefined is falsy). */
export function truthy(v: Json): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (v === true) return true;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

const get = (o: Json, k: string): Json => (isObj(o) && k in o ? o[k] : undefined);
const orDefault = (v: Json, d: Json): Json => (v === undefined || v === null ? d : v);

const STATUS: Record<string, string> = { created: "pending", queued: "pending", running: "running", finished: "completed", failed: "failed", cancelled: "cancelled" };

export function taskV2(t: Row): Row {
  const params = orDefault(t.params, {});
  return {
    id: t.id,
    user_id: t.user_id,
    agent_id: t.agent_id,
    task_type: orDefault(t.type, "generic"),
    parameters: params,
    status: typeof t.status === "string" && t.status in STATUS ? STATUS[t.status] : "pending",
    created_at: t.created_at,
    started_at: t.started_at,
    completed_at: t.completed_at,
    timeout_seconds: orDefault(t.timeout, 300),
    retry_count: orDefault(t.retries, 0),
    priority: truthy(get(t.params, "urgent")) ? "high" : truthy(get(t.params, "background")) ? "low" : "normal",
    metadata: { migrated_from: "v1.x", original_status: t.status ?? null },
  };
}

export function capabilities(config: Json, kind: Json): string[] {
  const caps: string[] = [];
  if (truthy(get(config, "supports_text_processing"))) caps.push("text_processing");
  if (truthy(get(config, "supports_image_generation"))) caps.push("image_generation");
  if (truthy(get(config, "supports_data_analysis"))) caps.push("data_analysis");
  if (kind === "text_processor") caps.push("text_processing", "summarization");
  else if (kind === "image_generator") caps.push("image_generation", "image_editing");
  return [...new Set(caps)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function agentV2(a: Row, migrationDate: string): Row {
  const metadata: Record<string, Json> = { migrated_from: "v1.x", migration_date: migrationDate, original_type: a.agent_type ?? null };
  if (isObj(a.config) && "description" in a.config) metadata.description = a.config.description;
  if (isObj(a.config) && "tags" in a.config) metadata.tags = a.config.tags;
  return {
    id: a.id,
    name: a.name,
    type: orDefault(a.agent_type, "generic"),
    status: orDefault(a.status, "inactive"),
    configuration: a.config ?? null,
    created_at: a.created_at,
    updated_at: orDefault(a.updated_at, a.created_at),
    capabilities: capabilities(a.config, orDefault(a.agent_type, "generic")),
    metadata,
    version: "2.0.0",
  };
}

export function userV2(u: Row): Row {
  return { ...u, role: "user", last_login: null, preferences: {} };
}
