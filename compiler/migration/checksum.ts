import { createHash } from "node:crypto";
import type { Unit } from "../../grammar/ast.js";

/** sha256 of a unit's meaning: the AST without spans and comments, so formatting never changes it. */
export function meaningChecksum(unit: Unit): string {
  const canonical = JSON.stringify(unit, (k, v) => (k === "span" ? undefined : v));
  return createHash("sha256").update(canonical).digest("hex");
}
