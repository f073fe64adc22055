import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Every file below `dir` as relative path (with `/`) → its bytes (latin1: byte for byte); with
 * `dirs`, folders too (as `<dir>`) and a missing `dir` as `<missing>`, so that a folder a run
 * created and left behind shows.
 */
export function fileTree(dir: string, opts: { dirs?: boolean } = {}, rel = ""): Record<string, string> {
  if (opts.dirs && rel === "" && !existsSync(dir)) return { "<missing>": "" };
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, opts.dirs ? { [p]: "<dir>" } : {}, fileTree(dir, opts, p));
    else out[p] = readFileSync(join(dir, p), "latin1");
  }
  return out;
}
