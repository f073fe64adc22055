// Where the time of a timed run went: kmig's `--json` step events, psql's `\timing` lines.

/** `[summary, seconds]` of each finished step in kmig's JSON event lines. */
export function kmigSteps(stdout) {
  const out = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const e = JSON.parse(line);
    if (e.type === "step-done") out.push([e.summary, e.ms / 1000]);
  }
  return out;
}

/** `[statement, seconds]` from `psql -e` output with `\timing on`: each echoed statement, then its time. */
export function psqlSteps(stdout) {
  const out = [];
  let current = null;
  for (const line of stdout.split("\n")) {
    const time = /^Time: ([\d.]+) ms/.exec(line);
    if (time && current) {
      out.push([current, Number(time[1]) / 1000]);
      current = null;
    } else if (!time && current === null && /^[A-Z]/.test(line)) current = line.slice(0, 60);
  }
  return out;
}

/** The steps that took at least `share` of `total`, biggest first, as printable lines. */
export function topSteps(steps, total, share = 0.02) {
  return steps
    .filter(([, s]) => s >= total * share)
    .sort((a, b) => b[1] - a[1])
    .map(([what, s]) => `      ${s.toFixed(2).padStart(7)} s  ${what}`);
}
