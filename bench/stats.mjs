// Small statistics and formatting helpers shared by the bench scripts.

/** The median of `xs` (the mean of the two middle values for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function min(xs) {
  return Math.min(...xs);
}

/**
 * Wall and CPU milliseconds spent in `fn`, and its result. CPU time (all threads of the process,
 * GC helpers included) hardly grows when other processes load the machine; wall time does.
 */
export function timed(fn) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000, result };
}

/** Megabytes (10^6 bytes) per second for `bytes` handled in `ms`. */
export function mbPerS(bytes, ms) {
  return bytes / 1e6 / (ms / 1000);
}

export const fmtMs = (ms) => `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
export const fmtRatio = (r) => `${r.toFixed(r < 10 ? 2 : 1)}×`;

/** Reads `--name value` from argv, or `fallback`. */
export function option(argv, name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
}

/** Prints rows of cells as a left/right-aligned table (first column left, the rest right). */
export function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const r of rows) {
    console.log(r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join("  "));
  }
}
