import { describe, expect, it } from "vitest";
import { plainReporter, ttyReporter } from "../../cli/reporter.js";
import type { RunEvent } from "../../runtime/events.js";

/**
 * A terminal of `columns` columns that keeps what is left on screen: `\r\x1b[2K` erases the
 * current line (only the last physical line, so a bar wider than the terminal would stay behind).
 */
function terminal(columns: number) {
  const lines: string[] = [""];
  let widestErased = 0;
  return {
    columns,
    lines,
    widestErased: () => widestErased,
    write(chunk: string) {
      for (const part of chunk.split(/(\r\x1b\[2K|\n)/)) {
        if (part === "\r\x1b[2K") {
          widestErased = Math.max(widestErased, [...lines[lines.length - 1]].length);
          lines[lines.length - 1] = "";
        } else if (part === "\n") lines.push("");
        else lines[lines.length - 1] += part;
      }
      return true;
    },
  };
}

const progress = (done: number, total = 1000): RunEvent => ({ type: "backfill-progress", migration: "m", step: "m:002:backfill", done, total, rowsPerSecond: 500, etaSeconds: (total - done) / 500 });

describe("the terminal reporter", () => {
  it("keeps the bar on one line within the terminal, erases it before every other line and at the end", () => {
    const term = terminal(40);
    let clock = 0;
    const r = ttyReporter(term as unknown as NodeJS.WritableStream, () => clock);
    r.emit({ type: "step-start", migration: "m", step: "m:002:backfill", summary: "backfill tasks: status", kind: "backfill" });
    r.emit(progress(100));
    r.emit({ type: "retry", step: "m:002:backfill", attempt: 1, waitMs: 200, reason: "lock_timeout" });
    r.emit(progress(500));
    r.emit({ type: "warning", message: "something to know" });
    clock += 1000;
    r.emit(progress(900));
    r.close();
    expect(term.lines).toEqual(["  backfill tasks: status", "  ! m:002:backfill: lock_timeout; retry 1 in 200 ms", "warning: something to know", ""]);
    expect(term.widestErased()).toBeGreaterThan(0);
    expect(term.widestErased()).toBeLessThan(40);
  });

  it("redraws at most every 100 ms, but always shows the finished bar", () => {
    const writes: string[] = [];
    let clock = 0;
    const r = ttyReporter({ columns: 120, write: (s: string) => writes.push(s) } as unknown as NodeJS.WritableStream, () => clock);
    for (let done = 1; done <= 50; done++) r.emit(progress(done, 1000));
    clock += 150;
    r.emit(progress(60, 1000));
    r.emit(progress(1000, 1000));
    const bars = writes.filter((w) => w.includes(" rows "));
    expect(bars.map((b) => b.match(/(\d+)\/1000/)?.[1])).toEqual(["1", "60", "1000"]);
    expect(bars[2]).toContain("██████████████████████████████");
  });

  it("says `rolling back` for a rollback", () => {
    const term = terminal(80);
    const r = ttyReporter(term as unknown as NodeJS.WritableStream);
    r.emit({ type: "migration-start", id: "keiko_v2", from: "2.0.0", to: "1.9.0", resumed: false, direction: "down" });
    expect(term.lines[0]).toBe("rolling back keiko_v2: 2.0.0 → 1.9.0");
  });
});

describe("the plain reporter", () => {
  it("prints progress at most every two seconds, and the last batch always", () => {
    const out: string[] = [];
    let clock = 10_000;
    const r = plainReporter({ write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream, () => clock);
    r.emit(progress(100));
    r.emit(progress(200));
    clock += 2500;
    r.emit(progress(300));
    r.emit(progress(1000));
    expect(out.map((l) => l.match(/(\d+)\/1000/)?.[1])).toEqual(["100", "300", "1000"]);
  });
});
