import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import type { Type } from "../../core/types.js";
import type { Deferrability, IndexKey, IndexOptionState, StorageParamState } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";

/**
 * The options PostgreSQL's index methods take, checked as PostgreSQL checks them when the index
 * is built (so a spec that `kmig check` accepts does not fail at apply for them): storage
 * parameters by name and range, and which methods can `include`, be unique, order their keys or
 * back an exclusion constraint.
 */

type ParamKind = { readonly kind: "int"; readonly min: number; readonly max: number } | { readonly kind: "bool" } | { readonly kind: "enum"; readonly values: readonly string[] };

const FILLFACTOR: ParamKind = { kind: "int", min: 10, max: 100 };
const BOOL: ParamKind = { kind: "bool" };

/** Each method's storage parameters (PostgreSQL 13–18 alike; `deduplicate_items` is 13+). */
const PARAMS: Record<string, Record<string, ParamKind>> = {
  btree: { fillfactor: FILLFACTOR, deduplicate_items: BOOL },
  hash: { fillfactor: FILLFACTOR },
  gist: { fillfactor: FILLFACTOR, buffering: { kind: "enum", values: ["on", "off", "auto"] } },
  gin: { fastupdate: BOOL, gin_pending_list_limit: { kind: "int", min: 64, max: 2147483647 } },
  brin: { pages_per_range: { kind: "int", min: 1, max: 131072 }, autosummarize: BOOL },
};

const BOOL_WORDS = ["true", "false", "on", "off", "yes", "no", "1", "0"];

/** What each method can do (PostgreSQL's amcanunique, amcaninclude, amcanorder, amgettuple). */
const CAN: Record<string, { readonly unique: boolean; readonly include: boolean; readonly order: boolean; readonly exclude: boolean }> = {
  btree: { unique: true, include: true, order: true, exclude: true },
  hash: { unique: false, include: false, order: false, exclude: true },
  gist: { unique: false, include: true, order: false, exclude: true },
  gin: { unique: false, include: false, order: false, exclude: false },
  brin: { unique: false, include: false, order: false, exclude: false },
};

/** `with (…)` checked against `method`'s parameters; null after reporting. */
export function checkStorageParams(cx: MigrationContext, method: string, params: readonly A.StorageParam[] | undefined): StorageParamState[] | null {
  const known = PARAMS[method] ?? {};
  const out: StorageParamState[] = [];
  let ok = true;
  for (const p of params ?? []) {
    const name = p.name.name;
    const kind = known[name];
    if (!kind) {
      const names = Object.keys(known);
      report(cx, "K3070", p.name.span, `a ${method} index has no storage parameter \`${name}\``, { help: didYouMean(name, names) ?? `its parameters: ${names.join(", ")}` });
      ok = false;
    } else if (out.some((q) => q.name === name)) {
      report(cx, "K3070", p.span, `\`${name}\` is set twice`, { help: "set each parameter once" });
      ok = false;
    } else if (!fits(kind, p.value)) {
      report(cx, "K3070", p.span, `\`${name} = ${p.value}\` is not a value PostgreSQL takes`, { help: expected(name, kind) });
      ok = false;
    } else out.push({ name, value: p.value });
  }
  return ok ? out : null;
}

function fits(kind: ParamKind, value: string): boolean {
  if (kind.kind === "bool") return BOOL_WORDS.includes(value);
  if (kind.kind === "enum") return kind.values.includes(value);
  if (!/^\d+$/.test(value)) return false;
  const n = Number(value);
  return n >= kind.min && n <= kind.max;
}

function expected(name: string, kind: ParamKind): string {
  if (kind.kind === "bool") return `\`${name}\` is on or off (true or false)`;
  if (kind.kind === "enum") return `\`${name}\` is one of ${kind.values.join(", ")}`;
  return `\`${name}\` is a whole number from ${kind.min} to ${kind.max}`;
}

/** What the index (or constraint) asks of its method that the method cannot do; true when nothing. */
export function checkMethodCan(cx: MigrationContext, method: string, at: A.Span, asks: { unique?: boolean; include?: boolean; ordered?: A.Span | null; exclude?: boolean }): boolean {
  const can = CAN[method];
  if (!can) return true;
  const refuse = (what: string, span: A.Span, help: string) => {
    report(cx, "K3071", span, `a ${method} index cannot ${what}`, { help });
    return false;
  };
  const able = Object.keys(CAN).filter((m) => m !== method);
  if (asks.unique && !can.unique) return refuse("be unique", at, "only btree indexes are unique: drop `using`, or drop `unique`");
  if (asks.include && !can.include) return refuse("`include` columns", at, "btree and gist indexes take `include (…)`");
  if (asks.ordered && !can.order) return refuse("order its keys (`asc`, `desc`, `nulls first`, `nulls last`)", asks.ordered, "only btree indexes keep an order");
  if (asks.exclude && !can.exclude) return refuse("back an exclusion constraint", at, `use ${able.filter((m) => CAN[m].exclude).join(", ")}`);
  return true;
}

/** The span of the first key column that asks for an order (`desc`, `nulls first`…), if any. */
export function orderedKey(columns: readonly A.IndexColumn[]): A.Span | null {
  return columns.find((c) => c.descending || c.nulls)?.span ?? null;
}

/** Key columns as the model keeps them (options absent when not written). */
export function keysOf(columns: readonly A.IndexColumn[]): IndexKey[] {
  return columns.map((c) => ({ name: c.name.name, descending: c.descending, ...(c.opclass && { opclass: c.opclass.name }), ...(c.nulls && { nulls: c.nulls }) }));
}

/** `include (…)` columns: each a column of the table; null after reporting. */
export function checkInclude(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, include: readonly A.Ident[] | undefined): string[] | null {
  let ok = true;
  for (const id of include ?? []) {
    if (!columns.has(id.name)) {
      report(cx, "K2002", id.span, `column \`${id.name}\` does not exist on table \`${table}\``, { help: didYouMean(id.name, columns.keys()) });
      ok = false;
    }
  }
  return ok ? (include ?? []).map((id) => id.name) : null;
}

/** The index options of a state: `include` and `with` only when written. */
export function indexOptions(include: readonly string[] | null, params: readonly StorageParamState[] | null): IndexOptionState {
  return { ...(include && include.length > 0 && { include }), ...(params && params.length > 0 && { with: params }) };
}

/** A deferral as the model keeps it. */
export function deferrabilityOf(d: A.Deferral | undefined): Deferrability {
  return d?.deferrable ? { deferrable: true, ...(d.initiallyDeferred && { initiallyDeferred: true }) } : {};
}
