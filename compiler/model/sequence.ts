/**
 * Sequences as the schema model keeps them: every option resolved as PostgreSQL resolves it (so
 * that a rollback can recreate one exactly, and a change knows what it changes back to), and the
 * column that owns it — a serial's or identity's sequence goes when its column goes.
 */

export type SequenceType = "smallint" | "integer" | "bigint";

export interface SequenceState {
  readonly name: string;
  readonly type: SequenceType;
  readonly start: bigint;
  readonly increment: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly cache: bigint;
  readonly cycle: boolean;
  /** The column it belongs to (`serial`, identity, `owned by`); PostgreSQL drops it with that column. */
  readonly owner: { readonly table: string; readonly column: string } | null;
  /** An identity column's sequence: PostgreSQL manages it through the column. */
  readonly identity: boolean;
}

/** The values each sequence type holds. */
export const TYPE_RANGE: Readonly<Record<SequenceType, { readonly min: bigint; readonly max: bigint }>> = {
  smallint: { min: -32768n, max: 32767n },
  integer: { min: -2147483648n, max: 2147483647n },
  bigint: { min: -9223372036854775808n, max: 9223372036854775807n },
};

export const isSequenceType = (name: string): name is SequenceType => name === "smallint" || name === "integer" || name === "bigint";

/** The options as written (absent: PostgreSQL's default). */
export interface WrittenOptions {
  readonly start?: bigint;
  readonly increment?: bigint;
  /** null: `no minvalue` (the default). */
  readonly min?: bigint | null;
  readonly max?: bigint | null;
  readonly cache?: bigint;
  readonly cycle?: boolean;
}

/**
 * A new sequence's state, as CREATE SEQUENCE resolves it: an ascending one runs from 1 to the type's
 * maximum, a descending one from -1 down to the type's minimum, and starts at its first value.
 */
export function newSequence(name: string, type: SequenceType, o: WrittenOptions, owner: SequenceState["owner"], identity: boolean): SequenceState {
  const increment = o.increment ?? 1n;
  const range = TYPE_RANGE[type];
  const min = o.min ?? (increment > 0n ? 1n : range.min);
  const max = o.max ?? (increment > 0n ? range.max : -1n);
  return { name, type, start: o.start ?? (increment > 0n ? min : max), increment, min, max, cache: o.cache ?? 1n, cycle: o.cycle ?? false, owner, identity };
}

/**
 * The state after ALTER SEQUENCE: written options replace the old ones; `no minvalue` / `no maxvalue`
 * and a new type bring back the defaults (a bound that was the old type's limit follows the new type).
 */
export function alteredSequence(s: SequenceState, type: SequenceType, o: WrittenOptions): SequenceState {
  const increment = o.increment ?? s.increment;
  const oldRange = TYPE_RANGE[s.type];
  const range = TYPE_RANGE[type];
  const followMin = s.min === oldRange.min ? range.min : s.min;
  const followMax = s.max === oldRange.max ? range.max : s.max;
  const min = o.min === null ? (increment > 0n ? 1n : range.min) : (o.min ?? followMin);
  const max = o.max === null ? (increment > 0n ? range.max : -1n) : (o.max ?? followMax);
  return { ...s, type, increment, min, max, start: o.start ?? s.start, cache: o.cache ?? s.cache, cycle: o.cycle ?? s.cycle };
}

/** What is wrong with a sequence's options, in PostgreSQL's terms; null when nothing is. */
export function sequenceProblem(s: SequenceState): string | null {
  const range = TYPE_RANGE[s.type];
  if (s.increment === 0n) return "`increment by` cannot be 0";
  if (s.min < range.min || s.min > range.max) return `\`minvalue ${s.min}\` is out of range for a ${s.type} sequence`;
  if (s.max < range.min || s.max > range.max) return `\`maxvalue ${s.max}\` is out of range for a ${s.type} sequence`;
  if (s.min >= s.max) return `\`minvalue\` (${s.min}) must be less than \`maxvalue\` (${s.max})`;
  if (s.start < s.min) return `\`start with ${s.start}\` is below \`minvalue\` (${s.min})`;
  if (s.start > s.max) return `\`start with ${s.start}\` is above \`maxvalue\` (${s.max})`;
  if (s.cache < 1n) return `\`cache ${s.cache}\` must be at least 1`;
  return null;
}

/** Every option of `s` in SQL (`AS integer START WITH 1 …`): what recreates it exactly. */
export function fullOptionsSql(s: SequenceState): string {
  return `AS ${s.type} START WITH ${s.start} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} CACHE ${s.cache} ${s.cycle ? "CYCLE" : "NO CYCLE"}`;
}

/** The options of `s` that differ from what a new sequence of its type gets (the way PostgreSQL prints an identity's). */
export function nonDefaultOptionsSql(s: SequenceState): string[] {
  const d = newSequence(s.name, s.type, { increment: s.increment }, null, false);
  const out: string[] = [];
  if (s.start !== d.start) out.push(`START WITH ${s.start}`);
  if (s.increment !== 1n) out.push(`INCREMENT BY ${s.increment}`);
  if (s.min !== d.min) out.push(`MINVALUE ${s.min}`);
  if (s.max !== d.max) out.push(`MAXVALUE ${s.max}`);
  if (s.cache !== 1n) out.push(`CACHE ${s.cache}`);
  if (s.cycle) out.push("CYCLE");
  return out;
}

/** The ALTER SEQUENCE options that take `from` to `to` (empty when nothing changes). */
export function changedOptionsSql(from: SequenceState, to: SequenceState): string[] {
  const out: string[] = [];
  if (from.type !== to.type) out.push(`AS ${to.type}`);
  if (from.increment !== to.increment) out.push(`INCREMENT BY ${to.increment}`);
  if (from.min !== to.min || from.type !== to.type) out.push(`MINVALUE ${to.min}`);
  if (from.max !== to.max || from.type !== to.type) out.push(`MAXVALUE ${to.max}`);
  if (from.start !== to.start) out.push(`START WITH ${to.start}`);
  if (from.cache !== to.cache) out.push(`CACHE ${to.cache}`);
  if (from.cycle !== to.cycle) out.push(to.cycle ? "CYCLE" : "NO CYCLE");
  return out;
}
