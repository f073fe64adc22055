import type * as A from "../../grammar/ast.js";
import type { DeclaredObject, LossCheck, Reversibility, SqlStep } from "../../core/plan.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { findIndex } from "../model/schema.js";
import { addSqlStep, originOf, report, type MigrationContext } from "../migration/context.js";
import { newStepIndex } from "../migration/step-index.js";
import { compileAlterTable } from "./alter-table.js";
import { compileCreateTable } from "./create-table.js";
import { compileCreateDomain } from "./domains.js";
import { compileDropNamedType } from "./drop-named-type.js";
import { compileCreateEnum } from "./enum-types.js";
import { compileCreateSequence, compileDropSequence } from "./sequences.js";
import { compileDropTable } from "./table-ops.js";

/**
 * `sql '''…''' [declarations] [reverse '''…''' | irreversible 'why']`. Without declarations the SQL
 * is opaque to the schema model (K4011). With them (`creates table t { … }`, `alters table t { … }`,
 * `drops index i`, …) each declaration is checked and folded into the model as the item it stands
 * for would be, so later items see what the SQL made; kmig's own SQL for the same change goes into
 * the step (`declared`) for the scratch replay that checks the declaration (runtime/declared-sql.ts).
 * Rollback: the `reverse` written; else, when every declared change has an inverse that needs
 * nothing kept (creating, adding, renaming, dropping an index), those inverses; else irreversible.
 */
export function compileRawSql(cx: MigrationContext, item: A.RawSql): void {
  const declares = item.declares ?? [];
  if (declares.length === 0) {
    report(cx, "K4011", item.up.span, "kmig cannot see what this SQL changes; later steps are checked as if it changed no table", {
      help: "prefer kmig's own operations where one exists, or say what it does: `sql '''…''' creates table t { … }` (§8.2)",
    });
    addSqlStep(cx, item.span, { change: { op: "raw-sql" }, summary: summaryOf(item, []), table: null, up: [item.up.value], down: writtenDown(item), reversibility: writtenReversibility(item) });
    return;
  }
  const diagsBefore = cx.diags.length;
  const objects: DeclaredObject[] = [];
  const subSteps: SqlStep[] = [];
  for (const d of declares) {
    const o = declaredObject(cx, d);
    if (o) objects.push(o);
    subSteps.push(...foldDeclaration(cx, d));
  }
  const derived = item.inverse === null && subSteps.length > 0 && subSteps.every((s) => s.reversibility.kind === "reversible" && s.down !== null);
  const down = derived ? derivedDown(subSteps) : writtenDown(item);
  const reversibility: Reversibility = derived
    ? { kind: "reversible", why: `derived from what it declares: ${subSteps.map((s) => s.reversibility.why).join("; ")}` }
    : item.inverse === null
      ? { kind: "irreversible", why: `raw SQL without a reverse, declaring what kmig cannot undo from the declaration alone (${undoable(subSteps)})` }
      : writtenReversibility(item);
  const lossChecks: LossCheck[] = derived ? subSteps.flatMap((s) => s.lossChecks) : [];
  addSqlStep(cx, item.span, {
    change: { op: "raw-sql", declares: subSteps.flatMap((s) => (s.change ? [s.change] : [])) },
    summary: summaryOf(item, objects),
    table: null,
    up: [item.up.value],
    down,
    reversibility,
    lossChecks,
    declared: { sql: subSteps.flatMap((s) => s.up), objects },
  });
  // A declaration in error says nothing sure about rollback: its errors are what to fix first.
  if (cx.diags.slice(diagsBefore).some((d) => d.severity === "error") && cx.diags[cx.diags.length - 1]?.code === "K4010") cx.diags.pop();
}

/**
 * The inverses of the declared changes, last first. An index rebuilt or dropped CONCURRENTLY (on a
 * table with rows) waits for the rollback's commit only as a step's one statement (core/deferred-undo.ts);
 * among others it is rebuilt or dropped in the transaction, in order (so no IF EXISTS is needed).
 */
function derivedDown(steps: readonly SqlStep[]): string[] {
  const down = steps.flatMap((s) => s.down ?? []).reverse();
  return down.length === 1 ? down : down.map((sql) => sql.replace(/^CREATE (UNIQUE )?INDEX CONCURRENTLY /, "CREATE $1INDEX ").replace(/^DROP INDEX CONCURRENTLY IF EXISTS /, "DROP INDEX "));
}

function writtenDown(item: A.RawSql): string[] | null {
  return item.inverse?.kind === "RawSqlReverse" ? [item.inverse.sql.value] : null;
}

function writtenReversibility(item: A.RawSql): Reversibility {
  if (item.inverse?.kind === "RawSqlReverse") return { kind: "lossy", why: "raw SQL with a hand-written reverse (not checked to be exact)" };
  return { kind: "irreversible", why: item.inverse?.kind === "IrreversibleClause" ? `declared irreversible: ${item.inverse.reason.value}` : "raw SQL without a reverse" };
}

/** `raw SQL (CREATE EXTENSION …)`, or with declarations `raw SQL: creates table users, drops index x`. */
function summaryOf(item: A.RawSql, objects: readonly DeclaredObject[]): string {
  if (objects.length === 0) return `raw SQL (${item.up.value.trim().split(/\s+/).slice(0, 4).join(" ")}…)`;
  return `raw SQL: ${objects.map((o) => `${o.verb} ${o.kind} ${o.name}`).join(", ")}`;
}

/** The declared changes whose inverse would need what the SQL destroyed, for the irreversible reason. */
function undoable(steps: readonly SqlStep[]): string {
  const hard = steps.filter((s) => s.reversibility.kind !== "reversible" || s.down === null).map((s) => s.summary);
  return hard.length > 0 ? hard.join(", ") : "nothing declared";
}

function declaredObject(cx: MigrationContext, d: A.SqlDeclaration): DeclaredObject | null {
  const origin = originOf(cx, d.span);
  switch (d.kind) {
    case "CreateTable":
      return { verb: "creates", kind: "table", name: d.name.name, table: null, origin };
    case "AlterTable":
      return { verb: "alters", kind: "table", name: d.name.name, table: null, origin };
    case "DropTable":
      return { verb: "drops", kind: "table", name: d.name.name, table: null, origin };
    case "CreatesIndex":
      return d.index.name ? { verb: "creates", kind: "index", name: d.index.name.name, table: d.table.name, origin } : null;
    case "DropsIndex":
      return { verb: "drops", kind: "index", name: d.name.name, table: findIndex(cx.schema, d.name.name)?.table.name ?? null, origin };
    case "CreateEnum":
      return { verb: "creates", kind: "type", name: d.name.name, table: null, origin };
    case "CreateDomain":
      return { verb: "creates", kind: "domain", name: d.name.name, table: null, origin };
    case "DropNamedType":
      return { verb: "drops", kind: d.what, name: d.name.name, table: null, origin };
    case "CreateSequence":
      return { verb: "creates", kind: "sequence", name: d.name.name, table: null, origin };
    case "DropSequence":
      return { verb: "drops", kind: "sequence", name: d.name.name, table: null, origin };
  }
}

/**
 * Checks one declaration as the item it stands for and folds it into `cx.schema`; returns the
 * steps that item would have made (their SQL is the declared change's, their inverses are what a
 * derived rollback runs). The steps are not the migration's: the item's own SQL is.
 */
function foldDeclaration(cx: MigrationContext, d: A.SqlDeclaration): SqlStep[] {
  const item = declaredItem(cx, d);
  if (!item) return [];
  const child: MigrationContext = { ...cx, steps: [...cx.steps], stepSchemas: [...cx.stepSchemas], stepIndex: newStepIndex(), mappings: [], externals: [], diags: [] };
  switch (item.kind) {
    case "CreateTable":
      compileCreateTable(child, item);
      break;
    case "AlterTable":
      compileAlterTable(child, item);
      break;
    case "DropTable":
      compileDropTable(child, item);
      break;
    case "CreateEnum":
      compileCreateEnum(child, item);
      break;
    case "CreateDomain":
      compileCreateDomain(child, item);
      break;
    case "DropNamedType":
      compileDropNamedType(child, item);
      break;
    case "CreateSequence":
      compileCreateSequence(child, item);
      break;
    case "DropSequence":
      compileDropSequence(child, item);
      break;
  }
  // The notes that say how kmig's own step would roll back are not this item's to give.
  cx.diags.push(...child.diags.filter((x) => x.code !== "K4010" && x.code !== "K4011"));
  cx.schema = child.schema;
  return child.steps.slice(cx.steps.length).filter((s): s is SqlStep => s.kind === "sql");
}

type DeclaredItem = A.CreateTable | A.AlterTable | A.DropTable | A.CreateEnum | A.CreateDomain | A.DropNamedType | A.CreateSequence | A.DropSequence;

/**
 * The item a declaration stands for, without what a declaration cannot say (K2120: how data is
 * computed or checked, how a step rolls back, `concurrently`); an index declared on its own is an
 * index of a `table` block; `drops index` finds its table (K2008 when no table has it).
 */
function declaredItem(cx: MigrationContext, d: A.SqlDeclaration): DeclaredItem | null {
  switch (d.kind) {
    case "CreateTable":
      return { ...d, elements: d.elements.flatMap((el) => declarable(cx, el) ?? []) };
    case "AlterTable":
      return { ...d, actions: d.actions.flatMap((a) => declarable(cx, a) ?? []) };
    case "CreatesIndex":
      return { kind: "AlterTable", name: d.table, actions: [declarable(cx, d.index) ?? d.index], span: d.span };
    case "DropsIndex": {
      const found = findIndex(cx.schema, d.name.name);
      if (!found) {
        const names = [...cx.schema.tables.values()].flatMap((t) => t.indexes.map((i) => i.name));
        report(cx, "K2008", d.name.span, `no table has an index \`${d.name.name}\``, { help: didYouMean(d.name.name, names) ?? "an index behind a constraint is dropped with it: `alters table t { drop constraint c }`" });
        return null;
      }
      return { kind: "AlterTable", name: { ...d.name, name: found.table.name }, actions: [{ kind: "DropIndex", name: d.name, concurrently: false, span: d.span }], span: d.span };
    }
    default:
      return d;
  }
}

/** A part of a declared table as a declaration may have it: what only kmig's items say is reported (K2120) and left out. */
function declarable<P extends A.TableElement | A.TableAction>(cx: MigrationContext, part: P): P | null {
  const no = (span: A.Span, what: string, help: string): void => report(cx, "K2120", span, `${what} has no place in a \`sql\` item's declaration`, { help, label: "not a declaration" });
  const sqlIsData = "a declaration says what the SQL did to the schema; the rows are the SQL's business";
  const inTransaction = "SQL in a `sql` item runs in a transaction, where PostgreSQL cannot build or drop an index concurrently";
  switch (part.kind) {
    case "ExpectClause":
      no(part.span, "`expect`", sqlIsData);
      return null;
    case "AssignColumn":
      no(part.value.span, "a mapping (`:=`)", sqlIsData);
      return null;
    case "IndexDef":
    case "DropIndex":
      if (!part.concurrently) return part;
      no(part.span, "`concurrently`", inTransaction);
      return { ...part, concurrently: false };
    case "AddColumn":
    case "RenameColumn":
    case "DropColumn":
    case "AlterColumn": {
      let out: A.TableAction = part;
      if ("compute" in out && out.compute) {
        no(out.compute.span, "a mapping (`:=`)", sqlIsData);
        out = { ...out, compute: null };
      }
      if (out.kind === "AlterColumn" && out.change.kind === "SetType" && out.change.using) {
        no(out.change.using.span, "`using`", "the SQL converts the values; declare only the new type: `alter c type T`");
        out = { ...out, change: { ...out.change, using: null } };
      }
      if (out.inverse) {
        no(out.inverse.span, `\`${out.inverse.kind === "ReverseClause" ? "reverse" : "irreversible"}\` on a declared change`, "the `sql` item's own `reverse '''…'''` (or `irreversible '…'`) says how to undo it");
        out = { ...out, inverse: null };
      }
      return out as P;
    }
    default:
      return part;
  }
}
