import { diag, type Diagnostic, type Severity } from "../../core/diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../../core/diagnostics/catalog.js";
import { NEWEST_PG, OLDEST_PG } from "./lock-claims.js";
import type { ChainResult } from "../pipeline.js";
import type { CompiledUnit } from "../migration/compile-unit.js";
import type { ServerAssumptions } from "./binary-coercible.js";
import { constraintRules } from "./constraints.js";
import { columnRules } from "./columns.js";
import { clientRules } from "./clients.js";
import { indexRules } from "./indexes.js";
import { spanOfStep, type Finding, type LintContext, type Rule } from "./finding.js";
import { lintOps } from "./operations.js";
import { acknowledgementsOf, checkAllow, type Acknowledgement } from "./acknowledgements.js";
import { transactionRules } from "./transactions.js";
import { typeChoiceRules } from "./type-choices.js";
import { DEFAULT_SIZE_THRESHOLDS, sizedLevel, type SizeThresholds, type TableSize } from "./live-size.js";

/** The rule families, in the order their findings are listed. */
const RULES: readonly Rule[] = [indexRules, constraintRules, columnRules, transactionRules, clientRules, typeChoiceRules];

/** The PostgreSQL versions kmig supports; lints assume the oldest unless told (`--pg-version`, kmig.yaml `pg-version`). */
export const SUPPORTED_PG = { oldest: OLDEST_PG, newest: NEWEST_PG } as const;

export { LINT_CODES } from "./codes.js";

/** A rule's level from kmig.yaml: off, or the severity it is reported with. */
export type RuleLevel = "off" | "warning" | "error";

export interface LintOptions {
  readonly server: ServerAssumptions;
  /** Per code, the level kmig.yaml gives it (absent: warning). */
  readonly levels: ReadonlyMap<string, RuleLevel>;
  /** kmig.yaml's size thresholds (absent: the defaults), used where `sizes` are known. */
  readonly sizeThresholds?: SizeThresholds;
  /** The live tables' sizes (`kmig plan`, `kmig apply`): a size-bound lint on a small table is a note, or dropped. */
  readonly sizes?: ReadonlyMap<string, TableSize>;
}

export const DEFAULT_LINT_OPTIONS: LintOptions = { server: { pgVersion: SUPPORTED_PG.oldest, utc: true }, levels: new Map() };

/** The safety lints (K5001–K5025) of every migration of a checked chain; baselines are not linted. */
export function lintChain(chain: ChainResult, options: LintOptions = DEFAULT_LINT_OPTIONS): Diagnostic[] {
  return chain.units.flatMap((u) => lintUnit(u, options));
}

/**
 * One migration's lints, as diagnostics at their forward lines, less those an `allow` above their
 * statement acknowledges; an `allow` that acknowledges nothing is K5028.
 */
export function lintUnit(unit: CompiledUnit, options: LintOptions = DEFAULT_LINT_OPTIONS): Diagnostic[] {
  const cx: LintContext = { server: options.server };
  const acks = acknowledgementsOf(unit.unit).filter((a) => checkAllow(unit.file, a.allow, []));
  const used = new Set<Acknowledgement>();
  const ops = lintOps(unit);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const f of ops.length === 0 ? [] : RULES.flatMap((rule) => rule(ops, cx))) {
    const level = options.levels.get(f.code) ?? "warning";
    if (level === "off") continue;
    const bySize = options.sizes ? sizedLevel(f.code, f.op.table, options.sizes, options.sizeThresholds ?? DEFAULT_SIZE_THRESHOLDS) : null;
    const key = `${f.code}\u0000${f.op.stepIndex}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d = toDiagnostic(f, bySize === "note" && level === "warning" ? "note" : level);
    const ack = acks.find((a) => a.allow.code.name === f.code && a.target !== null && a.target.start <= d.primary.span.start && d.primary.span.start < a.target.end);
    if (ack) used.add(ack);
    else if (bySize !== "off") out.push(d);
  }
  for (const a of acks) {
    if (used.has(a)) continue;
    const why = unit.plan.kind === "baseline" ? "baselines are not linted" : a.target === null ? "no statement follows it in its block" : options.levels.get(a.allow.code.name) === "off" ? `kmig.yaml turns ${a.allow.code.name} off` : `${a.allow.code.name} does not fire on the statement below it`;
    out.push(diag("K5028", unit.file, a.allow.span, `\`allow ${a.allow.code.name}\` acknowledges nothing: ${why}`, { help: "remove it; an `allow` covers the one statement right below it (an item with all its lines, or one line of a table block)" }));
  }
  return out;
}

function toDiagnostic(f: Finding, severity: Severity): Diagnostic {
  return diag(f.code as DiagnosticCode, f.op.file, spanOfStep(f.op.file, f.op), f.message, { help: f.help, notes: f.notes, severity });
}
