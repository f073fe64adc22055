import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { KNOWN_TYPE_NAMES } from "../../grammar/type-names.js";
import type { Type } from "../../core/types.js";
import { resolveTypeRef } from "../model/type-ref.js";
import { report, type MigrationContext } from "../migration/context.js";

/**
 * The type a written type denotes at this point of the chain: a built-in type, or an enum type or
 * domain declared before it. A name that is neither is K1201 (the parser's code for an unknown
 * type: it cannot know the chain's types), with the nearest built-in or declared name.
 */
export function typeOf(cx: MigrationContext, t: A.TypeRef): Type {
  return resolveTypeRef(t, cx.schema.types, ({ ref, known }) => {
    const help = didYouMean(ref.name, [...known, ...KNOWN_TYPE_NAMES]) ?? (known.length > 0 ? `the types this chain declares: ${known.join(", ")}` : "declare it first: `create type name as enum ('a', 'b')` or `create domain name as integer check (…)`");
    report(cx, "K1201", { start: ref.span.start, end: ref.span.start + ref.name.length }, `unknown type \`${ref.name}\``, { help, label: "not a type kmig knows" });
  });
}
