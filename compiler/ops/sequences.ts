import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { addSqlStep, newStashName, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { getColumn, putSequence, relationNames, removeSequence, sequenceUsers } from "../model/schema.js";
import { alteredSequence, changedOptionsSql, isSequenceType, newSequence, sequenceProblem, type SequenceState, type SequenceType } from "../model/sequence.js";
import { ident, KMIG_SCHEMA, qualified } from "../sql/quote.js";
import { renameSequenceUses } from "./sequence-rename.js";
import { createSequenceSql, ownedBySql } from "./column-sequence.js";
import { readSequenceOptions } from "./sequence-options.js";
import { stashSequences } from "./sequence-stash.js";
import { sequenceChange } from "./change-data.js";

/**
 * Sequences as items of a migration: `create sequence`, `alter sequence`, `drop sequence` and
 * `rename sequence`, with PostgreSQL's options. Rollback is exact: a new sequence is dropped, an
 * altered one gets its options (and, after `restart`, its current value) back, a dropped one is
 * kept in kmig's schema and moved back.
 */
export function compileCreateSequence(cx: MigrationContext, item: A.CreateSequence): void {
  const name = item.name.name;
  if (relationNames(cx.schema).has(name)) {
    report(cx, "K2005", item.name.span, `a table, index or sequence named \`${name}\` already exists`, { help: "choose another name" });
    return;
  }
  const read = readSequenceOptions(cx, options(item.options), "`create sequence`", false);
  const type = sequenceType(cx, item.options) ?? "bigint";
  const owner = ownerOf(cx, item.options);
  const seq = newSequence(name, type, read.written, owner === undefined ? null : owner, false);
  if (!valid(cx, seq, item.span)) return;
  addSqlStep(cx, item.span, {
    change: { op: "create-sequence", ...sequenceChange(seq) },
    summary: `create sequence ${name} (${type}, from ${seq.start} by ${seq.increment})`,
    table: seq.owner?.table ?? null,
    up: [createSequenceSql(seq), ...(seq.owner ? [ownedBySql(seq)] : [])],
    down: [`DROP SEQUENCE ${ident(name)}`],
    reversibility: REVERSIBLE("a new sequence: rollback drops it"),
  });
  cx.schema = putSequence(cx.schema, seq);
}

export function compileAlterSequence(cx: MigrationContext, item: A.AlterSequence): void {
  const old = existing(cx, item.name);
  if (!old) return;
  const read = readSequenceOptions(cx, options(item.options), "`alter sequence`", true);
  const type = sequenceType(cx, item.options) ?? old.type;
  const owner = ownerOf(cx, item.options);
  if (old.identity && (owner !== undefined || type !== old.type)) {
    report(cx, "K3041", item.span, `\`${old.name}\` is the sequence of an identity column: its owner and type follow the column`, { help: "change the column instead: `table t { alter id type bigint }`" });
    return;
  }
  const next = { ...alteredSequence(old, type, read.written), owner: owner === undefined ? old.owner : owner };
  if (!valid(cx, next, item.span)) return;
  const restart = read.restart === undefined ? [] : [read.restart === null ? "RESTART" : `RESTART WITH ${read.restart}`];
  const stash = stashSequences(cx, old.name, "seq", restart.length > 0 ? [old] : [], true);
  const alter = (opts: string[]) => (opts.length > 0 ? [`ALTER SEQUENCE ${ident(old.name)} ${opts.join(" ")}`] : []);
  const owners = owner === undefined ? { up: [], down: [] } : { up: [ownedBySql(next)], down: [ownedBySql(old)] };
  addSqlStep(cx, item.span, {
    change: { op: "alter-sequence", name: old.name, from: sequenceChange(old), to: sequenceChange(next), restart: read.restart === undefined ? null : read.restart === null ? "" : String(read.restart) },
    summary: `alter sequence ${old.name}${restart.length > 0 ? ` (${restart[0].toLowerCase()})` : ""}`,
    table: null,
    up: [...stash.keep, ...alter([...changedOptionsSql(old, next), ...restart]), ...owners.up, ...stash.keepAfter],
    down: [...alter(changedOptionsSql(next, old)), ...owners.down, ...stash.restore, ...stash.cleanup],
    reversibility: restart.length > 0 ? { kind: "stash", why: `the current value of ${old.name} is kept and set back on rollback` } : REVERSIBLE("rollback sets the previous options back"),
    lossChecks: stash.lossChecks,
  });
  cx.schema = putSequence(cx.schema, next);
}

export function compileDropSequence(cx: MigrationContext, item: A.DropSequence): void {
  const seq = existing(cx, item.name);
  if (!seq) return;
  const users = sequenceUsers(cx.schema, seq.name).map((u) => `${u.table}.${u.column}`);
  if (users.length > 0 || seq.identity) {
    const who = seq.identity ? `the identity column ${seq.owner?.table}.${seq.owner?.column}` : `the default of ${users.join(", ")}`;
    report(cx, "K4040", item.name.span, `\`${seq.name}\` is still used by ${who}`, { help: seq.identity ? "drop the column (its sequence goes with it)" : "drop or change those defaults first: `alter c drop default`" });
    return;
  }
  const stash = newStashName(cx, seq.name, "sequence");
  const irreversible = item.inverse !== null;
  const unlink = seq.owner ? [`ALTER SEQUENCE ${ident(seq.name)} OWNED BY NONE`] : [];
  addSqlStep(cx, item.span, {
    change: { op: "drop-sequence", name: seq.name, stashedAs: irreversible ? null : stash },
    summary: `drop sequence ${seq.name}`,
    table: null,
    up: irreversible ? [`DROP SEQUENCE ${ident(seq.name)}`] : [`CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`, ...unlink, `ALTER SEQUENCE ${ident(seq.name)} SET SCHEMA ${ident(KMIG_SCHEMA)}`, `ALTER SEQUENCE ${qualified(KMIG_SCHEMA, seq.name)} RENAME TO ${ident(stash)}`],
    down: irreversible ? null : [`ALTER SEQUENCE ${qualified(KMIG_SCHEMA, stash)} RENAME TO ${ident(seq.name)}`, `ALTER SEQUENCE ${qualified(KMIG_SCHEMA, seq.name)} SET SCHEMA public`, ...(seq.owner ? [ownedBySql(seq)] : [])],
    reversibility: irreversible ? { kind: "irreversible", why: `declared irreversible: ${item.inverse?.reason.value}` } : { kind: "stash", why: `the sequence, with its current value, is kept as ${KMIG_SCHEMA}.${stash} and moved back on rollback` },
  });
  cx.schema = removeSequence(cx.schema, seq.name);
}

export function compileRenameSequence(cx: MigrationContext, item: A.RenameSequence): void {
  const seq = existing(cx, item.from);
  if (!seq) return;
  if (relationNames(cx.schema).has(item.to.name)) {
    report(cx, "K2005", item.to.span, `the name \`${item.to.name}\` is already used by a table, index or sequence`, { help: "choose another name" });
    return;
  }
  addSqlStep(cx, item.span, {
    change: { op: "rename-sequence", from: seq.name, to: item.to.name },
    summary: `rename sequence ${seq.name} to ${item.to.name}`,
    table: null,
    up: [`ALTER SEQUENCE ${ident(seq.name)} RENAME TO ${ident(item.to.name)}`],
    down: [`ALTER SEQUENCE ${ident(item.to.name)} RENAME TO ${ident(seq.name)}`],
    reversibility: REVERSIBLE("a rename is undone by renaming back"),
  });
  cx.schema = renameSequenceUses(putSequence(removeSequence(cx.schema, seq.name), { ...seq, name: item.to.name }), seq.name, item.to.name);
}

/** The sequence `name` refers to; reported (with a did-you-mean) when there is none. */
export function existing(cx: MigrationContext, name: A.Ident): SequenceState | undefined {
  const seq = cx.schema.sequences.get(name.name);
  if (!seq) report(cx, "K2040", name.span, `sequence \`${name.name}\` does not exist`, { help: didYouMean(name.name, cx.schema.sequences.keys()) ?? "create it first: `create sequence name`", label: "no such sequence" });
  return seq;
}

function options(items: readonly A.SequenceItem[]): A.SequenceOption[] {
  return items.filter((i): i is A.SequenceOption => i.kind === "SequenceOption");
}

/** The `as type` of a sequence (the last one written); reported when it is not an integer type. */
function sequenceType(cx: MigrationContext, items: readonly A.SequenceItem[]): SequenceType | undefined {
  const as = items.filter((i): i is A.SequenceAs => i.kind === "SequenceAs").pop();
  if (!as) return undefined;
  if (as.type.arrayDims === 0 && !as.type.nullable && isSequenceType(as.type.name)) return as.type.name;
  report(cx, "K3041", as.span, "a sequence's type is smallint, integer or bigint", { help: "write `as bigint`" });
  return undefined;
}

/** `owned by t.c` (the column must exist) or `owned by none` (null); undefined when not written. */
function ownerOf(cx: MigrationContext, items: readonly A.SequenceItem[]): SequenceState["owner"] | undefined {
  const o = items.filter((i): i is A.SequenceOwnedBy => i.kind === "SequenceOwnedBy").pop();
  if (!o) return undefined;
  if (!o.table || !o.column) return null;
  const t = cx.schema.tables.get(o.table.name);
  if (!t) report(cx, "K2001", o.table.span, `table \`${o.table.name}\` does not exist`, { help: didYouMean(o.table.name, cx.schema.tables.keys()) });
  else if (!getColumn(t, o.column.name)) report(cx, "K2002", o.column.span, `column \`${o.column.name}\` does not exist on table \`${t.name}\``, { help: didYouMean(o.column.name, t.columns.map((c) => c.name)) });
  else return { table: t.name, column: o.column.name };
  return undefined;
}

function valid(cx: MigrationContext, seq: SequenceState, span: A.Span): boolean {
  const problem = sequenceProblem(seq);
  if (problem) report(cx, "K3041", span, problem, { help: "PostgreSQL refuses such a sequence" });
  return problem === null;
}
