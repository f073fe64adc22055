import type * as A from "../../grammar/ast.js";
import { BUILTINS } from "../../stdlib/index.js";
import type { Collector, ExprScope } from "./collector.js";

/** A node of any kind: the walk goes through nodes it has no rule for by their fields. */
type AnyNode = { readonly kind: string; readonly span?: A.Span };

const isNode = (v: unknown): v is AnyNode => typeof v === "object" && v !== null && typeof (v as AnyNode).kind === "string";

/**
 * Calls `visit` on each child node of `node`: every field holding a node or an array of nodes.
 * Generic on purpose: a construct added to the language later is walked without a rule here.
 */
export function forEachChild(node: object, visit: (child: AnyNode) => void): void {
  // `for … in` and no closures: this runs for every node of every file at each change.
  const fields = node as Record<string, unknown>;
  for (const key in fields) {
    if (key === "span") continue;
    const value = fields[key];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (isNode(value[i])) visit(value[i]);
    } else if (isNode(value)) visit(value);
  }
}

/**
 * Records the names an expression (or any node holding expressions) uses: columns of the rows in
 * `scope`, a def's parameters, maps, defs and builtins called, types named.
 */
export function exprNames(c: Collector, node: AnyNode, scope: ExprScope): void {
  switch (node.kind) {
    case "NameExpr": {
      const name = (node as A.NameExpr).name;
      const param = scope.params?.get(name.name);
      if (param !== undefined) c.use({ id: param, naming: 0 }, name);
      else c.use((scope.newByDefault ? scope.new : scope.old)?.get(name.name), name);
      return;
    }
    case "MemberExpr": {
      const m = node as A.MemberExpr;
      // `old.x` and `$.x` read a column of the old row; other keys are JSON keys.
      if (m.object.kind === "OldExpr" || (m.object.kind === "RootExpr" && scope.old)) c.use(scope.old?.get(m.key.name), m.key);
      else exprNames(c, m.object, scope);
      return;
    }
    case "CallExpr": {
      const call = node as A.CallExpr;
      const name = call.callee.name;
      const target = c.maps.get(name) ?? c.defs.get(name);
      if (target !== undefined) c.use({ id: target, naming: 0 }, call.callee);
      else if (BUILTINS.has(name)) c.useNamed("builtin", name, call.callee.span);
      for (const a of call.args) exprNames(c, a, scope);
      return;
    }
    case "TypeRef":
      c.useType((node as A.TypeRef).name, (node as A.TypeRef).span);
      return;
    case "ObjectEntry": {
      const e = node as A.ObjectEntry;
      exprNames(c, e.value, scope);
      if (e.guard) exprNames(c, e.guard, scope);
      return;
    }
    case "Ident":
      return;
    default:
      walkChildren(c, node, scope);
  }
}

/** `exprNames` on each child (as `forEachChild`, without a closure per node). */
function walkChildren(c: Collector, node: AnyNode, scope: ExprScope): void {
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    if (key === "span") continue;
    const value = fields[key];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (isNode(value[i])) exprNames(c, value[i], scope);
    } else if (isNode(value)) exprNames(c, value, scope);
  }
}
