import type { DiagnosticCode } from "../core/diagnostics/catalog.js";

/** What a run reports as it goes: rendered as a progress bar, plain lines, or JSON lines. */
export type RunEvent =
  | { readonly type: "run-start"; readonly command: string; readonly database: string }
  | { readonly type: "migration-start"; readonly id: string; readonly from: string | null; readonly to: string; readonly resumed: boolean; readonly direction?: "up" | "down" }
  | { readonly type: "step-start"; readonly migration: string; readonly step: string; readonly summary: string; readonly kind: "sql" | "backfill" }
  | { readonly type: "step-done"; readonly migration: string; readonly step: string; readonly summary: string; readonly ms: number }
  | { readonly type: "backfill-progress"; readonly migration: string; readonly step: string; readonly done: number; readonly total: number; readonly rowsPerSecond: number; readonly etaSeconds: number | null }
  | { readonly type: "retry"; readonly step: string; readonly attempt: number; readonly waitMs: number; readonly reason: string }
  | { readonly type: "migration-done"; readonly id: string; readonly ms: number; readonly direction: "up" | "down" }
  | { readonly type: "copy-progress"; readonly table: string; readonly rows: number; readonly estimatedRows: number; readonly mbPerSecond: number; readonly etaSeconds: number | null }
  | { readonly type: "copy-table-done"; readonly table: string; readonly rows: number; readonly bytes: number; readonly ms: number }
  /** `code`: the catalog's code when the warning is one of its diagnostics (K9001 on rollback). */
  | { readonly type: "warning"; readonly message: string; readonly code?: DiagnosticCode }
  | { readonly type: "info"; readonly message: string }
  | { readonly type: "run-done"; readonly ok: boolean; readonly ms: number };

export interface Reporter {
  emit(e: RunEvent): void;
  /** Called once at the end (a terminal renderer clears its bar). */
  close(): void;
}

/** A reporter that drops everything (library use, tests). */
export const SILENT: Reporter = { emit: () => undefined, close: () => undefined };
