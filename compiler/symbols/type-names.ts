import type * as A from "../../grammar/ast.js";
import type { Collector } from "./collector.js";
import { exprNames } from "./expr-names.js";
import { NO_NAMES } from "./collector.js";

/**
 * Items that declare, change or drop a type of the chain: `create type t as enum (…)`, `alter
 * type t add value …` / `rename value … -> …`, `create domain d as …`, `drop type` / `drop
 * domain`. Read by their shape (name, labels, action), so that they are named wherever they
 * appear; returns false for an item that is none of them.
 */
export function namedTypeItem(c: Collector, item: { readonly kind: string; readonly span: A.Span }): boolean {
  const node = item as NamedTypeNode;
  switch (node.kind) {
    case "CreateEnum":
    case "CreateDomain": {
      if (!node.name) return true;
      const at = c.declare("type", node.name, "created");
      c.types.set(node.name.name, at);
      if (node.labels)
        c.labels.set(
          at.id,
          node.labels.map((l) => l.value),
        );
      if (node.type) exprNames(c, node.type, NO_NAMES);
      for (const e of [node.default, ...(node.checks ?? []).map((x) => x.expr)]) if (e) exprNames(c, e, NO_NAMES);
      return true;
    }
    case "AlterEnum": {
      const at = node.name ? c.types.get(node.name.name) : undefined;
      if (node.name) c.use(at, node.name);
      const labels = at ? c.labels.get(at.id) : undefined;
      if (labels && node.action) changeLabels(labels, node.action);
      return true;
    }
    case "DropNamedType": {
      const at = node.name ? c.types.get(node.name.name) : undefined;
      if (node.name) c.use(at, node.name);
      if (at && node.name) {
        c.types.delete(node.name.name);
        c.drop(at.id, node.span);
      }
      return true;
    }
    default:
      return false;
  }
}

/** The fields the type items have (see issue 13's AST). */
interface NamedTypeNode {
  readonly kind: string;
  readonly span: A.Span;
  readonly name?: A.Ident;
  readonly labels?: readonly A.StringLit[];
  readonly type?: A.TypeRef;
  readonly default?: A.Expr | null;
  readonly checks?: readonly { readonly expr: A.Expr }[];
  readonly action?: {
    readonly kind: string;
    readonly label?: A.StringLit;
    readonly position?: { readonly where: string; readonly label: A.StringLit } | null;
    readonly from?: A.StringLit;
    readonly to?: A.StringLit;
  };
}

/** `add value 'x' [before|after 'y']`, `rename value 'a' -> 'b'`: the labels as PostgreSQL orders them. */
function changeLabels(labels: string[], action: NonNullable<NamedTypeNode["action"]>): void {
  if (action.kind === "AddEnumValue" && action.label) {
    const anchor = action.position ? labels.indexOf(action.position.label.value) : -1;
    if (anchor < 0) labels.push(action.label.value);
    else labels.splice(action.position?.where === "before" ? anchor : anchor + 1, 0, action.label.value);
  } else if (action.kind === "RenameEnumValue" && action.from && action.to) {
    const i = labels.indexOf(action.from.value);
    if (i >= 0) labels[i] = action.to.value;
  }
}
