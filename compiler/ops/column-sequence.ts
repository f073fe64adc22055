import type * as A from "../../grammar/ast.js";
import { scalar, type Type } from "../../core/types.js";
import { report, type MigrationContext } from "../migration/context.js";
import { chooseName } from "../model/naming.js";
import type { ColumnDefault, ColumnIdentity, NameSet } from "../model/schema.js";
import { fullOptionsSql, isSequenceType, newSequence, nonDefaultOptionsSql, sequenceProblem, type SequenceState, type SequenceType } from "../model/sequence.js";
import { ident } from "../sql/quote.js";
import { sequenceDefault } from "./column-default.js";
import { readSequenceOptions } from "./sequence-options.js";

/**
 * Auto-incrementing columns, exactly as PostgreSQL makes them: `serial` (`smallserial`, `bigserial`)
 * is an integer column with a sequence it owns and `DEFAULT nextval(…)`; `generated … as identity`
 * is an identity column with its internal sequence. Either sequence is named `<table>_<column>_seq`,
 * numbered past the relation names in use, as PostgreSQL names it.
 */

/** The integer types the `serial` shorthands stand for. */
const SERIALS: Readonly<Record<string, SequenceType>> = { smallserial: "smallint", serial: "integer", bigserial: "bigint" };

/** The integer type a `serial` type name stands for; null for any other type. */
export function serialType(t: A.TypeRef): SequenceType | null {
  return t.arrayDims === 0 ? (SERIALS[t.name] ?? null) : null;
}

/** What a serial or identity column is: its type, default or identity, and the sequence it brings. */
export interface AutoIncrement {
  readonly type: Type;
  readonly default: ColumnDefault | null;
  readonly identity: ColumnIdentity | null;
  readonly sequence: SequenceState;
}

/** `name serial` / `name integer generated … as identity`: the column's parts; null (reported) when they conflict. */
export function autoIncrement(cx: MigrationContext, table: string, def: A.ColumnDef, taken: NameSet): AutoIncrement | null {
  const serial = serialType(def.type);
  const identity = def.identity;
  if (serial === null && !identity) return null;
  const where = serial !== null ? `\`${def.type.name}\`` : "an identity column";
  const conflict = def.type.nullable ? "`?`: it is NOT NULL" : def.default ? "a `default`: its values come from its sequence" : def.generated ? "`generated always as (…)`" : serial !== null && identity ? "`generated … as identity`: a serial has its own sequence" : null;
  if (conflict) {
    report(cx, "K3040", def.name.span, `${where} \`${def.name.name}\` cannot have ${conflict}`, { help: serial !== null ? "write `id serial`, or `id integer generated always as identity`" : "remove the conflicting part" });
    return null;
  }
  const type = serial ?? identityType(cx, def);
  if (type === null) return null;
  const name = chooseName(table, [def.name.name], "seq", (n) => taken.has(n));
  const options = identity ? readSequenceOptions(cx, identity.options, "an identity column", false).written : {};
  const sequence = newSequence(name, type, options, { table, column: def.name.name }, identity !== undefined);
  const problem = sequenceProblem(sequence);
  if (problem) report(cx, "K3041", identity?.span ?? def.type.span, problem, { help: "PostgreSQL refuses such a sequence" });
  return {
    type: scalar(type),
    default: identity ? null : sequenceDefault(name, def.type.span),
    identity: identity ? { always: identity.always, sequence: name } : null,
    sequence,
  };
}

function identityType(cx: MigrationContext, def: A.ColumnDef): SequenceType | null {
  const t = def.type;
  if (t.arrayDims === 0 && isSequenceType(t.name)) return t.name;
  report(cx, "K3040", t.span, `an identity column is smallint, integer or bigint, not ${t.name}${"[]".repeat(t.arrayDims)}`, { help: `write \`${def.name.name} bigint generated always as identity\`` });
  return null;
}

/** The column's identity clause in CREATE TABLE / ADD COLUMN: `GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME … …)`. */
export function identitySql(identity: ColumnIdentity, seq: SequenceState): string {
  const options = [`SEQUENCE NAME ${ident(seq.name)}`, ...nonDefaultOptionsSql(seq)].join(" ");
  return ` GENERATED ${identity.always ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY (${options})`;
}

/** `CREATE SEQUENCE "s" AS integer …`: a serial's sequence, before its table or column. */
export function createSequenceSql(seq: SequenceState, full = false): string {
  const options = full ? fullOptionsSql(seq) : [`AS ${seq.type}`, ...nonDefaultOptionsSql(seq)].join(" ");
  return `CREATE SEQUENCE ${ident(seq.name)} ${options}`;
}

/** `ALTER SEQUENCE "s" OWNED BY "t"."c"`: the sequence goes with its column. */
export function ownedBySql(seq: SequenceState): string {
  return `ALTER SEQUENCE ${ident(seq.name)} OWNED BY ${seq.owner ? `${ident(seq.owner.table)}.${ident(seq.owner.column)}` : "NONE"}`;
}
