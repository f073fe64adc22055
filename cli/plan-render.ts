import type { ConfigFileImpact, MapImpact, PlanImpact, StepImpact, Violation } from "../runtime/impact/types.js";
import type { RollbackPreview } from "../runtime/impact/rollback-preview.js";

const at = (o: { file: string; line: number }) => `${o.file}:${o.line}`;
const rowsText = (n: number) => `${n} row${n === 1 ? "" : "s"}`;
const indent = (text: string, by: string) => text.split("\n").map((l) => by + l).join("\n");
const value = (v: string | null) => (v === null ? "NULL" : `'${v}'`);

/** `kmig plan` for people: each pending step with its SQL and impact, then what fails, then warnings. */
export function renderPlan(p: PlanImpact): string {
  const out = [`kmig plan on ${p.database} (a dry run: nothing is changed)`, ""];
  if (p.migrations.length === 0) out.push("nothing to apply: the database is up to date", "");
  for (const m of p.migrations) {
    const head = m.state === "create" ? `empty database: apply creates baseline ${m.id} (version ${m.to})` : `${m.state === "half-done" ? "resume" : "migration"} ${m.id}: ${m.from ?? "∅"} → ${m.to}`;
    out.push(`${head}, ${m.steps.length} steps${m.description ? ` — ${m.description.split("\n")[0]}` : ""}`);
    for (const s of m.steps) out.push(...renderStep(s));
    if (p.config && m.files.length > 0) out.push(...renderFiles(m.files, p.config.to));
    out.push("");
  }
  out.push(...renderViolations(p.violations));
  if (p.warnings.length > 0) out.push("", "warnings:", ...p.warnings.map((w) => `  ! ${w}`));
  return out.join("\n") + "\n";
}

function renderStep(s: StepImpact): string[] {
  const out = [`  [${s.index}] ${s.summary}   ${at(s.origin)}${s.status === "done" ? "   (done by an earlier run)" : s.status === "resumes" ? "   (resumes where an earlier run stopped)" : ""}`];
  if (s.status === "done") return out;
  if (s.rows !== null) out.push(`      updates ${rowsText(s.rows)}${s.batches ? `, ${s.batches}` : ""}`);
  for (const m of s.maps) out.push(...renderMap(m));
  for (const n of s.notes) out.push(`      note: ${n}`);
  for (const v of s.violations) out.push(`      ✗ ${violationText(v)}`);
  out.push(...s.sql.map((q) => indent(q, "      | ")));
  return out;
}

const ACTION_TEXT: Record<ConfigFileImpact["action"], string> = { create: "create", overwrite: "overwrite", patch: "patch in place", unchanged: "unchanged" };

/**
 * The config files after the steps (apply writes them all together once the steps succeed), each
 * with its unified diff at the left margin, so that the diffs can be read (or piped) as they are.
 */
function renderFiles(files: readonly ConfigFileImpact[], dir: string): string[] {
  const out = [`  config files, written into ${dir} after the steps succeed:`];
  for (const f of files) {
    out.push(`    ${ACTION_TEXT[f.action]} ${f.path}${f.source === f.path ? "" : ` (from ${f.source})`}   ${at(f.origin)}`);
    if (f.diff) out.push(f.diff.replace(/\n$/, ""));
  }
  return out;
}

function renderMap(m: MapImpact): string[] {
  const out = [`      map ${m.map} → ${m.column} (line ${m.origin.line}):`];
  const width = Math.max(4, ...m.counts.map((c) => value(c.input).length));
  for (const c of m.counts) out.push(`        ${value(c.input).padEnd(width)}  ${rowsText(c.rows).padStart(10)} → ${value(c.output)}${c.fallback ? "   (else)" : ""}`);
  if (m.more) out.push("        … more values");
  const fallen = m.counts.filter((c) => c.fallback);
  if (fallen.length > 0) out.push(`        falls to else: ${fallen.map((c) => `${value(c.input)} (${rowsText(c.rows)})`).join(", ")}`);
  if (m.counts.length === 0) out.push("        no rows");
  return out;
}

function violationText(v: Violation): string {
  const count = v.rows > 0 ? `${rowsText(v.rows)} with ` : "";
  return `${count}${v.what}${v.examples.length > 0 ? ` — e.g. ${v.examples.join("; ")}` : ""}`;
}

function renderViolations(vs: readonly Violation[]): string[] {
  if (vs.length === 0) return ["no violations: every step can run on the data as it is now"];
  return [`${vs.length} violation${vs.length === 1 ? "" : "s"}: apply would stop at the first of them and undo the migration`, ...vs.map((v) => `  ✗ ${at(v.origin)} ${v.step}: ${violationText(v)}`)];
}

/** `kmig plan --rollback` for people. */
export function renderRollback(r: RollbackPreview): string {
  const out = [`kmig plan --rollback on ${r.database} (a dry run: nothing is changed)`, ""];
  if (r.migrations.length === 0) out.push("nothing to roll back: no migration is applied beyond the baseline", "");
  for (const w of r.warnings) out.push(`warning[K9001]: ${w}`, "");
  for (const m of r.migrations) {
    out.push(`roll back ${m.id}: ${m.to} → ${m.from ?? "∅"}, ${m.steps.length} steps`);
    for (const s of m.steps) out.push(`  undo ${s.summary}   ${at(s.origin)}`, ...(s.sql ? s.sql.map((q) => indent(q, "      | ")) : [`      ✗ irreversible: ${s.why}`]));
    if (m.configDir && m.files.length > 0) {
      out.push(`  config files put back in ${m.configDir} as they were before the migration:`);
      for (const f of m.files) out.push(`    ${f.action} ${f.path}`, ...(f.diff ? [f.diff.replace(/\n$/, "")] : []));
    }
    out.push("");
  }
  if (r.losses.length > 0) out.push("it would destroy data written after the migration (kmig rollback refuses unless --accept-data-loss):", ...r.losses.map((l) => `  ✗ ${l.migration}: ${rowsText(l.rows)}: ${l.what}`));
  if (r.error) out.push(`✗ rollback would fail: ${r.error}`);
  if (r.losses.length === 0 && !r.error && r.migrations.length > 0) out.push("no data written since would be lost: rollback restores the previous version exactly");
  return out.join("\n") + "\n";
}
