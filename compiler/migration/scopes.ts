import type { Type } from "../../core/types.js";
import { emptyScope, type Scope } from "../expr/scope.js";
import type { TableState } from "../model/schema.js";
import type { MigrationContext } from "./context.js";

/** A scope whose names are the columns of `table` (as the checks and index predicates see them). */
export function rowScope(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, extra: Partial<Scope> = {}): Scope {
  return {
    ...emptyScope(cx.file, cx.diags),
    mode: "row",
    table,
    oldColumns: columns,
    dropped: cx.dropped.get(table) ?? new Map(),
    maps: cx.maps,
    defs: cx.defs,
    types: cx.schema.types,
    ...extra,
  };
}

export function columnTypes(t: TableState): Map<string, Type> {
  return new Map(t.columns.map((c) => [c.name, c.type]));
}

/** Names that defaults may not read: a default is a constant, `now()` or `gen_random_uuid()`. */
export function defaultScope(cx: MigrationContext): Scope {
  return { ...emptyScope(cx.file, cx.diags), maps: new Map(), defs: new Map(), types: cx.schema.types };
}
