/** What follows a last line without a newline, as diff and git print it. */
const NO_NEWLINE = "\n\\ No newline at end of file";

/**
 * A unified diff of two texts (LCS over lines; config files are small), as `kmig plan` shows what
 * a config step would write. `before` null: the file is created; `after` null: it is removed.
 */
export function unifiedDiff(path: string, before: string | null, after: string | null, context = 3): string {
  const a = before === null ? [] : splitLines(before);
  const b = after === null ? [] : splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${before === null ? "/dev/null" : `a/${path}`}`, `+++ ${after === null ? "/dev/null" : `b/${path}`}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === " ") {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length) {
      if (ops[end].op !== " ") {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].op === " ") run++;
      if (run > context * 2 || end + run >= ops.length) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end += run;
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].a + 1;
    const bStart = hunk[0].b + 1;
    const aLen = hunk.filter((o) => o.op !== "+").length;
    const bLen = hunk.filter((o) => o.op !== "-").length;
    out.push(`@@ -${aLen === 0 ? aStart - 1 : aStart},${aLen} +${bLen === 0 ? bStart - 1 : bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.op}${o.text}`);
    i = end;
    start = end;
  }
  return out.length === 2 ? "" : out.join("\n") + "\n";
}

/** The lines of a text; a last line without a newline carries the marker, so that adding one shows. */
function splitLines(s: string): string[] {
  const lines = s.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

interface Op {
  readonly op: " " | "-" | "+";
  readonly text: string;
  /** Index into a (lines before) and b (lines after) where this op sits. */
  readonly a: number;
  readonly b: number;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: " ", text: a[i], a: i++, b: j++ });
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: "-", text: a[i], a: i++, b: j });
    else ops.push({ op: "+", text: b[j], a: i, b: j++ });
  }
  return ops;
}
