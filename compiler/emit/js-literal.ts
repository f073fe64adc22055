import { objectKey } from "./names.js";

/**
 * Plain data (the plan, stash layouts) as a JavaScript literal: keys in the data's own order,
 * bare where they can be, strings as JSON writes them. Prettier lays the result out.
 */
export function jsLiteral(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${objectKey(k)}: ${jsLiteral(v)}`).join(", ")} }`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  return JSON.stringify(value);
}
