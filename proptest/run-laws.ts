import fc from "fast-check";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import type { Db } from "../runtime/db/connection.js";
import type { Origin, Plan } from "../core/plan.js";
import { checkConfigOnce, configDocArb } from "./config-laws.js";
import { hintsOf } from "./hints.js";
import { rowsArb } from "./row-arbitrary.js";
import { checkMigrationOnce, LawFailure, LAWS, openLawSession, setCurrentUnit } from "./table-laws.js";

/** One property's outcome, as every reporter prints it. */
export interface PropertyResult {
  readonly migration: string;
  readonly property: string;
  readonly runs: number;
  readonly ok: boolean;
  readonly failure: { readonly law: string; readonly origin: Origin | null; readonly counterexample: unknown; readonly message: string; readonly seed: number; readonly path: string | null } | null;
  readonly ms: number;
}

export interface LawOptions {
  readonly runs: number;
  readonly seed: number;
  readonly path: string | null;
  readonly rowsPerRun: number;
}

const RUN_AT = "2026-01-01 00:00:00+00";

/** Checks every migration of a chain against its laws; config blocks in JS, tables on the database. */
export async function runLaws(db: Db, units: readonly CompiledUnit[], opts: LawOptions): Promise<PropertyResult[]> {
  const results: PropertyResult[] = [];
  const prior: Plan[] = [];
  process.env.KMIG_RUN_AT = RUN_AT.replace(" ", "T").replace("+00", "Z");
  for (const unit of units) {
    if (unit.plan.kind === "migration") {
      const hints = hintsOf(unit);
      const tables = unit.mappings.filter((m) => m.assignments.length > 0 || m.expects.length > 0);
      if (tables.length > 0) {
        const arb = fc.record(Object.fromEntries(tables.map((m) => [m.table, rowsArb(m.before, hints, opts.rowsPerRun)])));
        setCurrentUnit(unit);
        const session = await openLawSession(db, prior, RUN_AT);
        try {
          results.push(await check(unit.plan.id, `${LAWS.join(", ")} (${tables.map((t) => t.table).join(", ")})`, opts, arb, (rows) => checkMigrationOnce(db, unit, new Map(Object.entries(rows)))));
        } finally {
          await session.end();
          setCurrentUnit(null);
        }
      }
      for (const c of unit.configs) {
        results.push(await check(unit.plan.id, `config ${c.step.source}: total, expects hold, rollback restores the folder byte for byte`, opts, configDocArb(c, hints), (doc) => checkConfigOnce(c, doc)));
      }
    }
    prior.push(unit.plan);
  }
  return results;
}

async function check<T>(migration: string, property: string, opts: LawOptions, arb: fc.Arbitrary<T>, body: (v: T) => Promise<void>): Promise<PropertyResult> {
  const started = Date.now();
  const property_ = fc.asyncProperty(arb, body);
  const base = { numRuns: opts.runs, seed: opts.seed, endOnFailure: false };
  // A replay path belongs to one property; for the others the seed alone replays the same runs.
  const replay = async () => {
    try {
      return await fc.check(property_, opts.path ? { ...base, path: opts.path } : base);
    } catch {
      return fc.check(property_, base);
    }
  };
  const r = await replay();
  if (!r.failed) return { migration, property, runs: r.numRuns, ok: true, failure: null, ms: Date.now() - started };
  const err = r.errorInstance;
  const law = err instanceof LawFailure ? err : null;
  return {
    migration,
    property,
    runs: r.numRuns,
    ok: false,
    failure: {
      law: law?.law ?? "property",
      origin: law?.origin ?? null,
      counterexample: law?.row ?? r.counterexample?.[0],
      message: err instanceof Error ? err.message : String(err),
      seed: r.seed,
      path: r.counterexamplePath,
    },
    ms: Date.now() - started,
  };
}
