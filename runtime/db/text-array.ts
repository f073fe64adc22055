/**
 * A one-dimensional array as PostgreSQL prints it (`{a,"b c",NULL}`): the runtime reads every
 * value as text, so array columns arrive in this form (PGlite may hand over a JS array already).
 */
export function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v as string[];
  if (typeof v !== "string" || v.length < 2) return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,{}]+)/g;
  for (let m = re.exec(v); m; m = re.exec(v)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]);
  return out;
}
