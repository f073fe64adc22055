import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { indexBacked, ownedSequences, putTable, type TableState, referencesTo, referencingTables, relationNames, removeSequence, removeTable } from "../model/schema.js";
import { followTableRename } from "./follow-rename.js";
import { externalDependents, externalsFollowTable } from "./external.js";
import { ident, KMIG_SCHEMA, qualified } from "../sql/quote.js";
import { addSqlStep, newStashName, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";

/**
 * `drop table t`: the table is moved, with its rows and indexes, into kmig's schema, and
 * rollback moves it back — nothing is lost until kmig's stash is cleaned up.
 */
export function compileDropTable(cx: MigrationContext, item: A.DropTable): void {
  const table = item.name.name;
  const t = cx.schema.tables.get(table);
  if (!t) {
    report(cx, "K2001", item.name.span, `table \`${table}\` does not exist`, { help: didYouMean(table, cx.schema.tables.keys()) });
    return;
  }
  const refs = referencesTo(cx.schema, table);
  if (refs.length > 0) {
    report(cx, "K4008", item.name.span, `\`${table}\` is still referenced by ${refs.map((r) => `${r.table} (${r.constraint.name})`).join(", ")}`, { help: "drop those foreign keys first: `table other { drop constraint name }`" });
    return;
  }
  if (externalDependents(cx, item.name.span, table, null, "dropped")) return;
  const irreversible = item.inverse !== null;
  const stash = newStashName(cx, table, "table");
  const companions = irreversible ? [] : companionRenames(cx, t);
  addSqlStep(cx, item.span, {
    change: { op: "drop-table", table, stashedAs: irreversible ? null : stash },
    summary: `drop table ${table}`,
    table,
    up: irreversible
      ? [`DROP TABLE ${ident(table)}`]
      : [
          `CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`,
          `ALTER TABLE ${ident(table)} SET SCHEMA ${ident(KMIG_SCHEMA)}`,
          `ALTER TABLE ${qualified(KMIG_SCHEMA, table)} RENAME TO ${ident(stash)}`,
          ...companions.map((c) => `ALTER ${c.kind} ${qualified(KMIG_SCHEMA, c.name)} RENAME TO ${ident(c.stash)}`),
        ],
    down: irreversible
      ? null
      : [
          ...companions.map((c) => `ALTER ${c.kind} ${qualified(KMIG_SCHEMA, c.stash)} RENAME TO ${ident(c.name)}`),
          `ALTER TABLE ${qualified(KMIG_SCHEMA, stash)} RENAME TO ${ident(table)}`,
          `ALTER TABLE ${qualified(KMIG_SCHEMA, table)} SET SCHEMA public`,
        ],
    reversibility: irreversible
      ? { kind: "irreversible", why: `declared irreversible: ${item.inverse?.reason.value}` }
      : { kind: "stash", why: `the table with its rows and indexes is kept as ${KMIG_SCHEMA}.${stash} and moved back on rollback` },
  });
  // The sequences its columns own move with it (ALTER TABLE … SET SCHEMA moves them too).
  let next = removeTable(cx.schema, table);
  for (const q of ownedSequences(cx.schema, table)) next = removeSequence(next, q.name);
  cx.schema = next;
}

/**
 * The indexes (a primary key's, a unique or exclusion constraint's too) and owned sequences that
 * move into kmig's schema with a dropped table, each with a stash name of its own: under their own
 * names, a second drop of a table of the same name (made again later in the chain) would collide
 * with the first drop's `t_pkey` there. Renaming a constraint's index renames the constraint.
 */
function companionRenames(cx: MigrationContext, t: TableState): { kind: "INDEX" | "SEQUENCE"; name: string; stash: string }[] {
  const indexes = [...t.constraints.filter(indexBacked).map((c) => c.name), ...t.indexes.map((i) => i.name)];
  return [
    ...indexes.map((name) => ({ kind: "INDEX" as const, name, stash: newStashName(cx, t.name, `index__${name}`) })),
    ...ownedSequences(cx.schema, t.name).map((q) => ({ kind: "SEQUENCE" as const, name: q.name, stash: newStashName(cx, t.name, `sequence__${q.name}`) })),
  ];
}

/** `rename table a -> b`. */
export function compileRenameTable(cx: MigrationContext, item: A.RenameTable): void {
  const t = cx.schema.tables.get(item.from.name);
  if (!t) {
    report(cx, "K2001", item.from.span, `table \`${item.from.name}\` does not exist`, { help: didYouMean(item.from.name, cx.schema.tables.keys()) });
    return;
  }
  if (relationNames(cx.schema).has(item.to.name)) {
    report(cx, "K2005", item.to.span, `the name \`${item.to.name}\` is already used by a table or index`);
    return;
  }
  addSqlStep(cx, item.span, {
    change: { op: "rename-table", from: item.from.name, to: item.to.name },
    summary: `rename table ${item.from.name} to ${item.to.name}`,
    table: item.to.name,
    up: [`ALTER TABLE ${ident(item.from.name)} RENAME TO ${ident(item.to.name)}`],
    down: [`ALTER TABLE ${ident(item.to.name)} RENAME TO ${ident(item.from.name)}`],
    reversibility: REVERSIBLE("a rename is undone by renaming back"),
  });
  let s = removeTable(cx.schema, item.from.name);
  s = putTable(s, { ...t, name: item.to.name });
  // Foreign keys elsewhere follow the table, as in PostgreSQL.
  for (const other of referencingTables(s, item.from.name)) {
    s = putTable(s, { ...other, constraints: other.constraints.map((c) => (c.kind === "foreignKey" && c.refTable === item.from.name ? { ...c, refTable: item.to.name } : c)) });
  }
  cx.schema = externalsFollowTable(followTableRename(s, item.from.name, item.to.name), item.from.name, item.to.name);
}
