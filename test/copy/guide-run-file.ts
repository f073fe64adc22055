/** The guide's migration-config.yml, every key of it, with the databases and folders a test gives. */
export interface RunFileValues {
  readonly sourceUrl: string;
  readonly targetUrl: string;
  readonly sourceConfig: string;
  readonly targetConfig: string;
  readonly sourceData: string;
  readonly targetData: string;
  readonly backupPath: string;
}

/** As the guide writes it (its own URLs and /opt paths). */
export const GUIDE_VALUES: RunFileValues = {
  sourceUrl: "postgresql://user:pass@localhost/keiko_v1",
  targetUrl: "postgresql://user:pass@localhost/keiko_v2",
  sourceConfig: "/opt/keiko-v1/config",
  targetConfig: "/opt/keiko-v2/config",
  sourceData: "/opt/keiko-v1/data",
  targetData: "/opt/keiko-v2/data",
  backupPath: "/backup/keiko-migration",
};

export function guideRunFile(v: RunFileValues = GUIDE_VALUES): string {
  return `source:
  version: "1.9.0"
  database_url: "${v.sourceUrl}"
  config_path: "${v.sourceConfig}"
  data_path: "${v.sourceData}"

target:
  version: "2.0.0"
  database_url: "${v.targetUrl}"
  config_path: "${v.targetConfig}"
  data_path: "${v.targetData}"

migration:
  strategy: "automatic"
  preserve_data: true
  migrate_configs: true
  migrate_users: true
  migrate_agents: true
  migrate_tasks: true

backup:
  enabled: true
  path: "${v.backupPath}"
  verify: true

rollback:
  enabled: true
  create_checkpoint: true
`;
}
