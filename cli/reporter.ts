import type { Reporter, RunEvent } from "../runtime/events.js";
import { dropWritesToClosedPipes } from "./closed-pipe.js";

/** One JSON object per line, for CI (`--json`). */
export function jsonReporter(out: NodeJS.WritableStream): Reporter {
  return { emit: (e) => out.write(JSON.stringify({ ...e, at: new Date().toISOString() }) + "\n"), close: () => undefined };
}

const fmtMs = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const fmtEta = (s: number | null) => (s === null ? "?" : s < 60 ? `${Math.ceil(s)}s` : `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`);

function line(e: RunEvent): string | null {
  switch (e.type) {
    case "run-start":
      return `kmig ${e.command} on ${e.database}`;
    case "migration-start":
      return `${e.direction === "down" ? "rolling back" : e.resumed ? "resuming" : "migrating"} ${e.id}: ${e.from ?? "∅"} → ${e.to}`;
    case "step-done":
      return `  ✓ ${e.summary} (${fmtMs(e.ms)})`;
    case "backfill-progress":
      return `  … ${e.step}: ${e.done}/${e.total} rows, ${e.rowsPerSecond} rows/s, ETA ${fmtEta(e.etaSeconds)}`;
    case "copy-progress":
      return `  … copy ${e.table}: ${e.rows}${e.estimatedRows > e.rows ? `/~${e.estimatedRows}` : ""} rows, ${e.mbPerSecond.toFixed(1)} MB/s, ETA ${fmtEta(e.etaSeconds)}`;
    case "copy-table-done":
      return `  ✓ copied ${e.table}: ${e.rows} rows, ${(e.bytes / 1e6).toFixed(1)} MB (${fmtMs(e.ms)}${e.ms > 0 ? `, ${(e.bytes / 1e3 / e.ms).toFixed(1)} MB/s` : ""})`;
    case "retry":
      return `  ! ${e.step}: ${e.reason}; retry ${e.attempt} in ${e.waitMs} ms`;
    case "migration-done":
      return `${e.direction === "up" ? "applied" : "rolled back"} ${e.id} in ${fmtMs(e.ms)}`;
    case "warning":
      return `warning${e.code ? `[${e.code}]` : ""}: ${e.message}`;
    case "info":
      return e.message;
    case "run-done":
      return e.ok ? `done in ${fmtMs(e.ms)}` : null;
    case "step-start":
      return null;
  }
}

/** Plain lines (no terminal): one per finished step, progress every few seconds. */
export function plainReporter(out: NodeJS.WritableStream, now: () => number = Date.now): Reporter {
  let lastProgress = 0;
  return {
    emit(e) {
      const progress = e.type === "backfill-progress" || e.type === "copy-progress";
      if (progress && !(e.type === "backfill-progress" && e.done >= e.total) && now() - lastProgress < 2000) return;
      if (progress) lastProgress = now();
      const l = line(e);
      if (l) out.write(l + "\n");
    },
    close: () => undefined,
  };
}

/** The terminal's width, as far as the stream knows it (80 when it does not say). */
type Terminal = NodeJS.WritableStream & { columns?: number };

/** Redraws of the bar at most this often: tiny batches must not flood the terminal. */
const REDRAW_MS = 100;

/**
 * A live progress bar per data step on a terminal; a line per schema step with its time. The bar
 * is one line, cut to the terminal's width (a wrapped bar cannot be erased with `\r`), erased
 * before any other line is written and when the run ends or fails.
 */
export function ttyReporter(out: Terminal, now: () => number = Date.now): Reporter {
  let barShown = false;
  let lastDraw = 0;
  const clear = () => {
    if (barShown) out.write("\r\x1b[2K");
    barShown = false;
  };
  const writeLine = (l: string) => {
    clear();
    out.write(l + "\n");
  };
  return {
    emit(e) {
      if (e.type === "backfill-progress") {
        const finished = e.done >= e.total;
        if (!finished && barShown && now() - lastDraw < REDRAW_MS) return;
        lastDraw = now();
        const width = 30;
        const frac = e.total > 0 ? Math.min(1, e.done / e.total) : 1;
        const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
        const text = `  ${bar} ${e.done}/${e.total} rows  ${e.rowsPerSecond} rows/s  ETA ${fmtEta(e.etaSeconds)}`;
        clear();
        out.write([...text].slice(0, Math.max(10, (out.columns ?? 80) - 1)).join(""));
        barShown = true;
        return;
      }
      if (e.type === "step-start") {
        if (e.kind === "backfill") writeLine(`  ${e.summary}`);
        return;
      }
      const l = line(e);
      if (l) writeLine(l);
    },
    close: clear,
  };
}

/** The reporter for this process's stdout (a closed pipe never stops the run: cli/closed-pipe.ts). */
export function reporterFor(json: boolean): Reporter {
  dropWritesToClosedPipes();
  if (json) return jsonReporter(process.stdout);
  return process.stdout.isTTY ? ttyReporter(process.stdout) : plainReporter(process.stdout);
}
