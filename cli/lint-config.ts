import { UsageError } from "./files.js";
import { SUPPORTED_PG } from "../compiler/lint/index.js";
import { supportedHelp } from "../compiler/lint/config.js";

/** kmig.yaml's loader lives with the lints (the language server reads it too). */
export { LINT_CONFIG_FILE, lintConfigFor, parseLintConfig, type LintConfig } from "../compiler/lint/config.js";

/** `--pg-version N`: a supported major version, or a usage error with its code (K5031). */
export function pgVersionOption(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < SUPPORTED_PG.oldest || n > SUPPORTED_PG.newest) throw new UsageError(`kmig does not support PostgreSQL \`${value}\` (--pg-version)`, `${supportedHelp()}: e.g. --pg-version ${SUPPORTED_PG.newest}`, "K5031");
  return n;
}
