/**
 * The built-in types kmig models, every way PostgreSQL lets one be spelled, and the canonical form
 * each spelling maps to (so that specs, the formatter, messages and the drift check all speak of
 * one type one way). Data only; `type-ref.ts` reads a written type against it.
 */

/** What a built-in type accepts in parentheses: how many arguments, their bounds, and an example for help texts. */
export interface Arity {
  readonly max: number;
  readonly bounds: readonly (readonly [number, number])[];
  readonly example: string;
}

const NONE: Arity = { max: 0, bounds: [], example: "" };
const length = (example: string, max = 10485760): Arity => ({ max: 1, bounds: [[1, max]], example });
const precision = (name: string): Arity => ({ max: 1, bounds: [[0, 6]], example: `\`${name}(3)\` (digits of fractional seconds, 0 to 6)` });

/** Every canonical built-in type name, with the arguments it takes. */
export const CANONICAL_TYPES: Readonly<Record<string, Arity>> = {
  uuid: NONE,
  text: NONE,
  varchar: length("`varchar(255)` (the most characters it holds)"),
  char: length("`char(2)` (its fixed length)"),
  bpchar: NONE,
  smallint: NONE,
  integer: NONE,
  bigint: NONE,
  boolean: NONE,
  numeric: { max: 2, bounds: [[1, 1000], [-1000, 1000]], example: "`numeric(10, 2)` (digits in all, digits after the point)" },
  real: NONE,
  "double precision": NONE,
  money: NONE,
  date: NONE,
  time: precision("time"),
  timetz: precision("timetz"),
  timestamp: precision("timestamp"),
  timestamptz: precision("timestamptz"),
  interval: precision("interval"),
  json: NONE,
  jsonb: NONE,
  inet: NONE,
  cidr: NONE,
  macaddr: NONE,
  macaddr8: NONE,
  bytea: NONE,
  bit: length("`bit(8)` (its fixed number of bits)", 83886080),
  varbit: length("`varbit(64)` (the most bits it holds)", 83886080),
  tsvector: NONE,
  tsquery: NONE,
  xml: NONE,
  point: NONE,
  line: NONE,
  lseg: NONE,
  box: NONE,
  path: NONE,
  polygon: NONE,
  circle: NONE,
  oid: NONE,
  // Not types but a column's shorthand for an integer with a sequence it owns (compiler/ops/column-sequence.ts).
  smallserial: NONE,
  serial: NONE,
  bigserial: NONE,
};

/** A way to write a built-in type: its words (lowercase), the canonical type, and where its `(…)` goes. */
export interface Phrase {
  readonly words: readonly string[];
  readonly type: string;
  /** How many words come before the arguments (`time(3) with time zone`: 1); default: all of them. */
  readonly argsAfter?: number;
  /** Interval fields (`day to second`), for `interval …` phrases. */
  readonly fields?: string;
}

/** One-word spellings that are not canonical names themselves. */
const ALIASES: Readonly<Record<string, string>> = {
  character: "char",
  int2: "smallint",
  int: "integer",
  int4: "integer",
  int8: "bigint",
  bool: "boolean",
  decimal: "numeric",
  dec: "numeric",
  float4: "real",
  float8: "double precision",
  float: "double precision",
  double: "double precision",
  nchar: "char",
  serial2: "smallserial",
  serial4: "serial",
  serial8: "bigserial",
};

const INTERVAL_FIELDS: readonly string[] = [
  "year",
  "month",
  "day",
  "hour",
  "minute",
  "second",
  "year to month",
  "day to hour",
  "day to minute",
  "day to second",
  "hour to minute",
  "hour to second",
  "minute to second",
];

/** Every interval field list PostgreSQL accepts, in its canonical spelling. */
export const INTERVAL_FIELD_LISTS: ReadonlySet<string> = new Set(INTERVAL_FIELDS);

const zoned = (base: string, zone: string): Phrase[] => [
  { words: [base, "with", "time", "zone"], type: zone, argsAfter: 1 },
  { words: [base, "without", "time", "zone"], type: base, argsAfter: 1 },
];

/** Every spelling of every built-in type. */
export const PHRASES: readonly Phrase[] = [
  ...Object.keys(CANONICAL_TYPES)
    .filter((t) => !t.includes(" "))
    .map((t) => ({ words: [t], type: t })),
  ...Object.entries(ALIASES).map(([w, type]) => ({ words: w.split(" "), type })),
  { words: ["double", "precision"], type: "double precision" },
  { words: ["character", "varying"], type: "varchar" },
  { words: ["char", "varying"], type: "varchar" },
  { words: ["national", "character", "varying"], type: "varchar" },
  { words: ["national", "char", "varying"], type: "varchar" },
  { words: ["national", "character"], type: "char" },
  { words: ["national", "char"], type: "char" },
  { words: ["nchar", "varying"], type: "varchar" },
  { words: ["bit", "varying"], type: "varbit" },
  ...zoned("time", "timetz"),
  ...zoned("timestamp", "timestamptz"),
  ...INTERVAL_FIELDS.map((f) => ({ words: ["interval", ...f.split(" ")], type: "interval", fields: f })),
];

/**
 * Types PostgreSQL or a common extension has that kmig does not model: a column may have one as an
 * opaque type without qualifying its name. Any other type kmig does not know is written
 * schema-qualified (`public.mytype`), so that a misspelt built-in name stays an error.
 */
export const KNOWN_OPAQUE_TYPES: ReadonlySet<string> = new Set([
  // PostgreSQL's own
  "int4range",
  "int8range",
  "numrange",
  "tsrange",
  "tstzrange",
  "daterange",
  "int4multirange",
  "int8multirange",
  "nummultirange",
  "tsmultirange",
  "tstzmultirange",
  "datemultirange",
  "pg_lsn",
  "pg_snapshot",
  "txid_snapshot",
  "regclass",
  "regtype",
  "regproc",
  "regprocedure",
  "regoper",
  "regnamespace",
  "regrole",
  "regconfig",
  "regdictionary",
  "name",
  "xid",
  "xid8",
  "cid",
  "tid",
  // contrib and common extensions
  "citext",
  "ltree",
  "lquery",
  "ltxtquery",
  "hstore",
  "cube",
  "seg",
  "isbn",
  "isbn13",
  "issn",
  "issn13",
  "ean13",
  "upc",
  "ismn",
  "ismn13",
  "geometry",
  "geography",
  "box2d",
  "box3d",
  "raster",
  "vector",
  "halfvec",
  "sparsevec",
]);

/** How a canonical type is printed, with its arguments and interval fields. */
export function spellType(name: string, args: readonly number[], fields: string | undefined): string {
  const list = args.length > 0 ? `(${args.join(", ")})` : "";
  return fields ? `${name} ${fields}${list}` : `${name}${list}`;
}

/** Every type name a user may write as one or more words (canonical names and aliases), for completion and hover. */
export const KNOWN_TYPE_NAMES: readonly string[] = [...new Set(PHRASES.filter((p) => !p.fields).map((p) => p.words.join(" ")))];
