// Module hooks (see record-loads.mjs): each resolved ES module's URL, appended to the log.
import { appendFileSync } from "node:fs";

let out = null;

export function initialize(data) {
  out = data.out;
}

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (out) appendFileSync(out, `${r.url}\n`);
  return r;
}
