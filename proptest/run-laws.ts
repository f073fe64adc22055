import fc from "fast-check";
import { checkDeclaredSql } from "../runtime/declared-sql.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import type { Db } from "../runtime/db/connection.js";
import type { Origin, Plan } from "../core/plan.js";
import { checkConfigOnce, configDocArb } from "./config-laws.js";
import { hintsOf } from "./hints.js";
import { tablesArb } from "./constrained-rows.js";
import { LawFailure } from "./law-failure.js";
import { checkMigrationOnce, openLawSession } from "./table-laws.js";
import { loadLawModule } from "./law-module.js";
import { loadCheckFunctions } from "./check-functions.js";
import { tableLawPlan } from "./tables-under-test.js";

/** One property's outcome, as every reporter prints it. */
export interface PropertyResult {
  readonly migration: string;
  readonly property: string;
  readonly runs: number;
  readonly ok: boolean;
  readonly failure: { readonly law: string; readonly origin: Origin | null; readonly counterexample: unknown; readonly message: string; readonly seed: number; readonly path: string | null } | null;
  readonly ms: number;
  /** Rows (or config documents: `subject`) the runs tested; 0: the property tested nothing, and `untested` says why. */
  readonly tested: number;
  readonly subject: "rows" | "documents";
  readonly untested: string | null;
}

/** What one run tested: how many rows or documents, and why none when none. */
interface Tested {
  readonly count: number;
  readonly why: string | null;
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
  // Declared `sql` items are checked first, as apply checks them (a RunError stops the run).
  await checkDeclaredSql(db, units.map((u) => u.plan));
  for (const unit of units) {
    if (unit.plan.kind === "migration") {
      const hints = hintsOf(unit);
      // The functions kmig test checks are the emitted module's, as a compiled folder runs them.
      const code = await loadLawModule(unit);
      await loadCheckFunctions(unit.before);
      const law = tableLawPlan(unit);
      if (law) {
        const arb = tablesArb(unit.before, law.tables, hints, opts.rowsPerRun);
        const session = await openLawSession(db, prior, RUN_AT);
        try {
          // Rows each table under test got over all runs, and why PostgreSQL last refused one of it.
          const taken = new Map<string, number>();
          const refused = new Map<string, string>();
          const body = async (rows: Parameters<typeof checkMigrationOnce>[2]): Promise<Tested> => {
            const inserted = await checkMigrationOnce(db, unit, rows, code);
            for (const [t, n] of Object.entries(inserted.byTable)) taken.set(t, (taken.get(t) ?? 0) + n);
            if (inserted.rejected) refused.set(inserted.rejected.slice(0, inserted.rejected.indexOf(":")), inserted.rejected);
            return { count: inserted.rows, why: inserted.rejected ? `PostgreSQL refused every generated row (${inserted.rejected})` : noRowsWhy(unit, rows) };
          };
          const r = await check("rows", unit.plan.id, `${law.laws.join(", ")} (${law.tables.join(", ")})`, opts, arb, body);
          results.push(r.ok && r.untested === null ? withUntestedTables(r, law.tables, taken, refused) : r);
        } finally {
          await session.end();
        }
      }
      for (const c of unit.configs) {
        results.push(await check("documents", unit.plan.id, `config ${c.step.source}: total, expects hold, rollback restores the folder byte for byte`, opts, configDocArb(c, hints), async (doc) => {
          await checkConfigOnce(c, doc, code);
          return { count: 1, why: null };
        }));
      }
    }
    prior.push(unit.plan);
  }
  return results;
}

async function check<T>(subject: PropertyResult["subject"], migration: string, property: string, opts: LawOptions, arb: fc.Arbitrary<T>, body: (v: T) => Promise<Tested>): Promise<PropertyResult> {
  const started = Date.now();
  let tested = 0;
  let why: string | null = null;
  const property_ = fc.asyncProperty(arb, async (v) => {
    const t = await body(v);
    tested += t.count;
    if (t.count === 0) why = t.why;
  });
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
  const untested = tested === 0 ? (why ?? "no run tested anything") : null;
  if (!r.failed) return { migration, property, runs: r.numRuns, ok: true, failure: null, ms: Date.now() - started, tested, subject, untested };
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
    tested,
    subject,
    untested: null,
  };
}

/**
 * A property whose runs gave some table under test no row did not test that table's laws (rows of
 * the other tables do not make up for it): it tested nothing there, and says which and why.
 */
function withUntestedTables(r: PropertyResult, tables: readonly string[], taken: ReadonlyMap<string, number>, refused: ReadonlyMap<string, string>): PropertyResult {
  const missing = tables.filter((t) => !((taken.get(t) ?? 0) > 0));
  if (missing.length === 0) return r;
  const why = missing.map((t) => `\`${t}\` got no row${refused.has(t) ? ` (PostgreSQL refused them: ${refused.get(t)})` : ""}`).join("; ");
  return { ...r, untested: why };
}

/** Which tables got no row, and the checks that may have refused them all. */
function noRowsWhy(unit: CompiledUnit, rows: Readonly<Record<string, readonly unknown[]>>): string {
  const empty = Object.keys(rows).filter((t) => rows[t].length === 0);
  const checks = empty.flatMap((t) => unit.before.tables.get(t)?.constraints.filter((c) => c.kind === "check").map((c) => `\`${c.name}\``) ?? []);
  return `no generated row of ${empty.map((t) => `\`${t}\``).join(", ")} meets its constraints${checks.length > 0 ? ` (checks ${checks.join(", ")})` : ""}`;
}
