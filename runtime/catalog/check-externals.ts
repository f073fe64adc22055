import type { ExternalDecl, ExternalKind, Plan } from "../../core/plan.js";
import type { SchemaObjects } from "./objects.js";

/** The relkinds each relation kind of `external` accepts. */
const RELKINDS: Partial<Record<ExternalKind, string>> = { view: "v", "materialized view": "m", table: "rp", "foreign table": "f", sequence: "S" };
const PROKINDS: Partial<Record<ExternalKind, string>> = { function: "fw", procedure: "p", aggregate: "a" };

/** Argument lists compared as PostgreSQL prints them: `integer, text`, spaces normalised. */
export function normalArgs(args: string): string {
  return args.replace(/\s+/g, " ").replace(/\s*,\s*/g, ", ").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")").trim().toLowerCase();
}

/** The external declarations of the plans, in chain order. */
export function externalsOf(plans: readonly Plan[]): ExternalDecl[] {
  return plans.flatMap((p) => p.externals ?? []);
}

/** Why `d` is not in the database, or null when it is. */
export function externalProblem(objs: SchemaObjects, d: ExternalDecl): string | null {
  const where = `${d.origin.file}:${d.origin.line}`;
  const rel = RELKINDS[d.kind];
  if (rel !== undefined) {
    const r = objs.relations.find((x) => x.name === d.name);
    if (!r) return `${d.kind} ${d.name} (declared external at ${where}) is missing from the database`;
    if (!rel.includes(r.relkind)) return `${d.kind} ${d.name} (declared external at ${where}) is a ${relkindName(r.relkind)} in the database`;
    if (d.partitionOf !== null && r.partitionOf !== d.partitionOf) return `table ${d.name} (declared external at ${where}) is not a partition of ${d.partitionOf} in the database${r.partitionOf ? ` (it is one of ${r.partitionOf})` : ""}`;
    return null;
  }
  const pro = PROKINDS[d.kind];
  if (pro !== undefined) {
    const same = objs.functions.filter((f) => f.name === d.name && pro.includes(f.prokind));
    if (same.length === 0) return `${d.kind} ${d.name} (declared external at ${where}) is missing from the database`;
    if (d.args !== null && !same.some((f) => normalArgs(f.args) === normalArgs(d.args as string))) {
      return `${d.kind} ${d.name}(${d.args}) (declared external at ${where}) is missing from the database; it has ${same.map((f) => `${d.name}(${f.args})`).join(", ")}`;
    }
    return null;
  }
  switch (d.kind) {
    case "trigger":
    case "policy": {
      const list = d.kind === "trigger" ? objs.triggers : objs.policies;
      return list.some((x) => x.name === d.name && x.table === d.on) ? null : `${d.kind} ${d.name} on ${d.on} (declared external at ${where}) is missing from the database`;
    }
    case "extension":
      return objs.extensions.includes(d.name) ? null : `extension ${d.name} (declared external at ${where}) is not installed in the database`;
    case "type":
    case "domain": {
      const t = objs.types.find((x) => x.name === d.name);
      if (!t) return `${d.kind} ${d.name} (declared external at ${where}) is missing from the database`;
      return d.kind === "domain" && t.typtype !== "d" ? `domain ${d.name} (declared external at ${where}) is a type, not a domain, in the database` : null;
    }
    default:
      return null;
  }
}

function relkindName(k: string): string {
  return ({ r: "table", p: "partitioned table", v: "view", m: "materialized view", f: "foreign table", S: "sequence" } as Record<string, string>)[k] ?? `relation of kind ${k}`;
}

/** The relations declared external: the drift check leaves their columns, constraints and indexes alone. */
export function externalRelations(decls: readonly ExternalDecl[]): Set<string> {
  return new Set(decls.filter((d) => RELKINDS[d.kind] !== undefined).map((d) => d.name));
}
