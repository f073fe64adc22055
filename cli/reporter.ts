import type { Reporter, RunEvent } from "../runtime/events.js";

/** One JSON object per line, for CI (`--json`). */
export function jsonReporter(out: NodeJS.WriteStream): Reporter {
  return { emit: (e) => out.write(JSON.stringify({ ...e, at: new Date().toISOString() }) + "\n"), close: () => undefined };
}

const fmtMs = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const fmtEta = (s: number | null) => (s === null ? "?" : s < 60 ? `${Math.ceil(s)}s` : `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`);

function line(e: RunEvent): string | null {
  switch (e.type) {
    case "run-start":
      return `kmig ${e.command} on ${e.database}`;
    case "migration-start":
      return `${e.resumed ? "resuming" : "migrating"} ${e.id}: ${e.from ?? "∅"} → ${e.to}`;
    case "step-done":
      return `  ✓ ${e.summary} (${fmtMs(e.ms)})`;
    case "backfill-progress":
      return `  … ${e.step}: ${e.done}/${e.total} rows, ${e.rowsPerSecond} rows/s, ETA ${fmtEta(e.etaSeconds)}`;
    case "retry":
      return `  ! ${e.step}: ${e.reason}; retry ${e.attempt} in ${e.waitMs} ms`;
    case "migration-done":
      return `${e.direction === "up" ? "applied" : "rolled back"} ${e.id} in ${fmtMs(e.ms)}`;
    case "warning":
      return `warning: ${e.message}`;
    case "info":
      return e.message;
    case "run-done":
      return e.ok ? `done in ${fmtMs(e.ms)}` : null;
    case "step-start":
      return null;
  }
}

/** Plain lines (no terminal): one per finished step, progress every few seconds. */
export function plainReporter(out: NodeJS.WriteStream): Reporter {
  let lastProgress = 0;
  return {
    emit(e) {
      if (e.type === "backfill-progress" && e.done < e.total && Date.now() - lastProgress < 2000) return;
      if (e.type === "backfill-progress") lastProgress = Date.now();
      const l = line(e);
      if (l) out.write(l + "\n");
    },
    close: () => undefined,
  };
}

/** A live progress bar per data step on a terminal; a line per schema step with its time. */
export function ttyReporter(out: NodeJS.WriteStream): Reporter {
  let barShown = false;
  const clear = () => {
    if (barShown) out.write("\r\x1b[2K");
    barShown = false;
  };
  return {
    emit(e) {
      if (e.type === "backfill-progress") {
        const width = 30;
        const frac = e.total > 0 ? Math.min(1, e.done / e.total) : 1;
        const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
        clear();
        out.write(`  ${bar} ${e.done}/${e.total} rows  ${e.rowsPerSecond} rows/s  ETA ${fmtEta(e.etaSeconds)}`);
        barShown = true;
        return;
      }
      if (e.type === "step-start") {
        if (e.kind === "backfill") out.write(`  ${e.summary}\n`);
        return;
      }
      const l = line(e);
      if (!l) return;
      clear();
      out.write(l + "\n");
    },
    close: clear,
  };
}

export function reporterFor(json: boolean): Reporter {
  if (json) return jsonReporter(process.stdout);
  return process.stdout.isTTY ? ttyReporter(process.stdout) : plainReporter(process.stdout);
}
