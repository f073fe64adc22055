import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { BIGINT, INTEGERS, sqlType, TEXT, type Type } from "../../core/types.js";
import { withoutSubqueries } from "../../stdlib/support/sql.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { lowerSql } from "../expr/lower-sql.js";
import { isVolatile } from "../expr/volatility.js";
import { children, type IrExpr } from "../ir/expr.js";
import type { ColumnDefault } from "../model/schema.js";
import { ident, literal } from "../sql/quote.js";
import { report, type MigrationContext } from "../migration/context.js";
import { defaultScope } from "../migration/scopes.js";

/**
 * Column defaults: any expression PostgreSQL accepts as a default whose type the checker derives —
 * a constant, `now()`, `current_date`, `random()`, `gen_random_uuid()`, `lower('…')`, arithmetic on
 * those — or `nextval('sequence')`. A default reads no column. Constants keep the exact spelling
 * PostgreSQL records for them (`'user'::character varying`), so that a baseline matches a live database.
 */
export function checkDefault(cx: MigrationContext, e: A.Expr, what: string, type: Type): ColumnDefault | null {
  if (e.kind === "CallExpr" && e.callee.name === "nextval" && !cx.defs.has("nextval")) return nextvalDefault(cx, e, what, type);
  const ir = checkFits(checkExpr(e, defaultScope(cx)), { what, type, types: cx.schema.types }, cx.file, cx.diags, e.span);
  if (ir.type.kind === "error") return null;
  const constant = constantSql(ir, type);
  if (constant !== null) return { sql: constant, ir, volatile: false, sequence: null };
  const bad = firstSubqueryCall(ir);
  if (bad) {
    report(cx, "K3042", bad.span, `${what} cannot use \`${bad.kind === "call" ? bad.fn : "this"}()\`: its SQL is a subquery, which PostgreSQL does not allow in a default`, { help: "compute such values with a mapping: `add col type := expression`" });
    return null;
  }
  const sql = withoutSubqueries(() => lowerSql(ir, { column: () => "NULL", maps: new Map(), sqlRules: true, inDefault: true }));
  return { sql, ir, volatile: isVolatile(ir), sequence: null };
}

/** The built-ins whose SQL is a subquery (docs: stdlib/README.md): PostgreSQL refuses them in defaults. */
const SUBQUERY_FUNCTIONS = new Set(["sort", "distinct"]);

function firstSubqueryCall(e: IrExpr): IrExpr | null {
  if (e.kind === "call" && SUBQUERY_FUNCTIONS.has(e.fn)) return e;
  for (const c of children(e)) {
    const bad = firstSubqueryCall(c);
    if (bad) return bad;
  }
  return null;
}

/** `nextval('name')`: the next value of a sequence of the schema; PostgreSQL's spelling of the name (lower case unless quoted). */
function nextvalDefault(cx: MigrationContext, e: A.CallExpr, what: string, type: Type): ColumnDefault | null {
  const arg = e.args[0];
  if (e.args.length !== 1 || arg.kind !== "StringLit") {
    report(cx, "K2015", e.span, "`nextval` takes the name of a sequence, as a string", { help: "write nextval('orders_id_seq')" });
    return null;
  }
  const name = regclassName(arg.value);
  if (!cx.schema.sequences.has(name)) {
    report(cx, "K2040", arg.span, `sequence \`${name}\` does not exist`, { help: didYouMean(name, cx.schema.sequences.keys()) ?? "create it first: `create sequence name`", label: "no such sequence" });
    return null;
  }
  if (type.kind !== "scalar" || !(INTEGERS.has(type.name) || type.name === "numeric")) {
    report(cx, "K3001", e.span, `${what} is ${sqlType(type)}, but \`nextval\` gives bigint values`, { help: "a sequence feeds an integer column: smallint, integer or bigint" });
    return null;
  }
  return sequenceDefault(name, e.span);
}

/** The default `nextval('name')` (a serial's too): volatile, and following the sequence through renames. */
export function sequenceDefault(sequence: string, span: A.Span): ColumnDefault {
  const ir: IrExpr = { kind: "call", fn: "nextval", args: [{ kind: "literal", value: sequence, text: null, type: TEXT, span }], type: BIGINT, span };
  return { sql: nextvalSql(sequence), ir, volatile: true, sequence };
}

/** `nextval('"name"'::regclass)`: the form PostgreSQL stores (it keeps the sequence itself, not its name). */
export function nextvalSql(sequence: string): string {
  return `nextval(${literal(ident(sequence))}::regclass)`;
}

/**
 * The relation a regclass text names, as PostgreSQL reads it: a bare name in lower case, a
 * `"quoted"` one as written; a schema in front (`public.seq`) is left out (kmig models one schema).
 */
export function regclassName(text: string): string {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."]+))\s*(?:\.|$)/gy;
  for (let m = re.exec(text); m && m[0] !== ""; m = re.exec(text)) parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].trim().toLowerCase());
  return parts[parts.length - 1] ?? text;
}

/** SQL of a constant default as PostgreSQL records it; null when the expression is not a constant. */
function constantSql(ir: IrExpr, type: Type): string | null {
  const value = constantJson(ir);
  if (value === undefined) return null;
  if (type.kind === "json") return `${literal(JSON.stringify(value))}::${type.storage}`;
  if (value === null) return "NULL";
  if (typeof value === "string") return `${literal(value)}::${defaultCastType(type)}`;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return ir.kind === "literal" && ir.text ? ir.text : String(value);
  return null;
}

/**
 * The type a text default is cast to: the column's type without its modifier, as PostgreSQL records
 * `DEFAULT 'user'` on a varchar(50) column (`'user'::character varying`); the column applies the
 * modifier on insert. (`char` alone would mean char(1), hence `bpchar`.)
 */
function defaultCastType(type: Type): string {
  // PostgreSQL writes a type of the chain's own by its name, quoted only where it must be.
  if (type.kind === "enum") return /^[a-z_][a-z0-9_]*$/.test(type.name) ? type.name : sqlType(type);
  if (type.kind === "opaque") {
    const unqualified = type.name.replace(/^public\./, "");
    return /^[a-z_][a-z0-9_.]*$/.test(unqualified) ? unqualified : sqlType({ ...type, modifiers: [] });
  }
  if (type.kind === "scalar" && type.domain) return /^[a-z_][a-z0-9_]*$/.test(type.domain) ? type.domain : sqlType(type);
  if (type.kind !== "scalar") return sqlType(type);
  return type.name === "char" ? "bpchar" : type.name === "varchar" ? "character varying" : type.name;
}

/** The value of a constant expression as JSON (literals, `-n`, object/array literals), else undefined. */
export function constantJson(ir: IrExpr): unknown {
  switch (ir.kind) {
    case "literal":
      return ir.value;
    case "negate": {
      const v = constantJson(ir.arg);
      return typeof v === "number" ? -v : undefined;
    }
    case "toJson":
      return constantJson(ir.arg);
    case "object":
      return constantObject(ir.parts);
    case "array":
      return constantArray(ir.parts);
    default:
      return undefined;
  }
}

function constantObject(parts: Extract<IrExpr, { kind: "object" }>["parts"]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const p of parts) {
    if (p.kind !== "entry" || p.optional || p.guard) return undefined;
    const v = constantJson(p.value);
    if (v === undefined) return undefined;
    out[p.key] = v;
  }
  return out;
}

function constantArray(parts: Extract<IrExpr, { kind: "array" }>["parts"]): unknown[] | undefined {
  const out: unknown[] = [];
  for (const p of parts) {
    if (p.kind !== "item" || p.guard) return undefined;
    const v = constantJson(p.value);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
