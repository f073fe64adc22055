-- The Keiko v1.9 -> v2.0 migration written by hand, the yardstick for kmig's runtime
-- (bench/keiko-1m.mjs runs it with `psql -1`: one transaction). The same DDL as the spec,
-- one UPDATE per table with the contract's mapping (specs/keiko/reference/contract.md), the guide's indexes
-- after the data. Unlike kmig it keeps no stash of overwritten originals: it cannot be rolled back.

-- Step 1: users (new columns only).
ALTER TABLE users ADD COLUMN role varchar(50) DEFAULT 'user', ADD COLUMN last_login timestamp, ADD COLUMN preferences jsonb DEFAULT '{}';
CREATE INDEX idx_users_role ON users (role);
CREATE INDEX idx_users_last_login ON users (last_login);

-- Step 2: agents. On the right of SET, columns hold the v1 values (`type` is still agent_type).
ALTER TABLE agents RENAME COLUMN agent_type TO type;
ALTER TABLE agents RENAME COLUMN config TO configuration;
ALTER TABLE agents ADD COLUMN capabilities jsonb DEFAULT '[]', ADD COLUMN metadata jsonb DEFAULT '{}', ADD COLUMN version varchar(20) DEFAULT '2.0.0';
UPDATE agents SET
  type = COALESCE(type, 'generic'),
  status = COALESCE(status, 'inactive'),
  updated_at = COALESCE(updated_at, created_at),
  -- Python truthiness of a JSON value: everything but false, 0, "", [], {}, null and a missing key.
  capabilities = (
    SELECT COALESCE(jsonb_agg(c ORDER BY c COLLATE "C"), '[]')
    FROM (SELECT DISTINCT c FROM unnest(ARRAY[
      CASE WHEN COALESCE(configuration -> 'supports_text_processing' NOT IN ('false', '0', '""', '[]', '{}', 'null'), false) THEN 'text_processing' END,
      CASE WHEN COALESCE(configuration -> 'supports_image_generation' NOT IN ('false', '0', '""', '[]', '{}', 'null'), false) THEN 'image_generation' END,
      CASE WHEN COALESCE(configuration -> 'supports_data_analysis' NOT IN ('false', '0', '""', '[]', '{}', 'null'), false) THEN 'data_analysis' END,
      CASE type WHEN 'text_processor' THEN 'text_processing' WHEN 'image_generator' THEN 'image_generation' END,
      CASE type WHEN 'text_processor' THEN 'summarization' WHEN 'image_generator' THEN 'image_editing' END
    ]) AS c WHERE c IS NOT NULL) AS caps),
  metadata = jsonb_build_object('migrated_from', 'v1.x', 'migration_date', now(), 'original_type', type)
    || CASE WHEN configuration -> 'description' IS NOT NULL THEN jsonb_build_object('description', configuration -> 'description') ELSE '{}' END
    || CASE WHEN configuration -> 'tags' IS NOT NULL THEN jsonb_build_object('tags', configuration -> 'tags') ELSE '{}' END;
CREATE INDEX idx_agents_capabilities ON agents USING gin (capabilities);
CREATE INDEX idx_agents_version ON agents (version);

-- Step 3: tasks.
ALTER TABLE tasks RENAME COLUMN type TO task_type;
ALTER TABLE tasks RENAME COLUMN params TO parameters;
ALTER TABLE tasks RENAME COLUMN timeout TO timeout_seconds;
ALTER TABLE tasks ALTER COLUMN timeout_seconds SET DEFAULT 300;
ALTER TABLE tasks RENAME COLUMN retries TO retry_count;
ALTER TABLE tasks ALTER COLUMN retry_count SET DEFAULT 0;
ALTER TABLE tasks ADD COLUMN priority varchar(20) DEFAULT 'normal', ADD COLUMN metadata jsonb DEFAULT '{}';
UPDATE tasks SET
  task_type = COALESCE(task_type, 'generic'),
  parameters = COALESCE(NULLIF(parameters, 'null'), '{}'),
  timeout_seconds = COALESCE(timeout_seconds, 300),
  retry_count = COALESCE(retry_count, 0),
  status = CASE status
    WHEN 'created' THEN 'pending' WHEN 'queued' THEN 'pending' WHEN 'running' THEN 'running'
    WHEN 'finished' THEN 'completed' WHEN 'failed' THEN 'failed' WHEN 'cancelled' THEN 'cancelled'
    ELSE 'pending' END,
  priority = CASE
    WHEN COALESCE(parameters -> 'urgent' NOT IN ('false', '0', '""', '[]', '{}', 'null'), false) THEN 'high'
    WHEN COALESCE(parameters -> 'background' NOT IN ('false', '0', '""', '[]', '{}', 'null'), false) THEN 'low'
    ELSE 'normal' END,
  metadata = jsonb_build_object('migrated_from', 'v1.x', 'original_status', status);
CREATE INDEX idx_tasks_priority ON tasks (priority);
CREATE INDEX idx_tasks_timeout ON tasks (timeout_seconds);

-- Step 4: new tables, as the guide's step 4.
CREATE TABLE mcp_servers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name varchar(100) NOT NULL UNIQUE,
  base_url varchar(500) NOT NULL,
  auth_config jsonb DEFAULT '{}',
  status varchar(20) DEFAULT 'inactive',
  created_at timestamp DEFAULT now(),
  updated_at timestamp DEFAULT now()
);
CREATE TABLE audit_logs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users (id),
  action varchar(100) NOT NULL,
  resource_type varchar(50) NOT NULL,
  resource_id varchar(100),
  details jsonb DEFAULT '{}',
  ip_address inet,
  user_agent text,
  created_at timestamp DEFAULT now()
);
CREATE INDEX idx_audit_logs_user_action ON audit_logs (user_id, action);
CREATE INDEX idx_audit_logs_resource ON audit_logs (resource_type, resource_id);
CREATE INDEX idx_audit_logs_created_at ON audit_logs (created_at);
