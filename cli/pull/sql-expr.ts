/**
 * PostgreSQL's deparsed expressions (defaults, checks, index predicates, as `pg_get_expr` prints
 * them) read back into kmig expressions. Only what kmig's expressions can say is translated — a
 * cast of a literal, comparisons, `and`/`or`/`not`, arithmetic, `||`, `x = ANY (ARRAY[…])` (an
 * `in` list), `IS [NOT] NULL`, and the functions kmig knows; anything else is `null` (the writer
 * then says what it could not say).
 */

type Tok = { t: "num" | "str" | "id" | "qid" | "op" | "punct"; v: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|('(?:[^']|'')*')|("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_$]*)|(::|<>|<=|>=|!=|\|\||[=<>+\-*/%])|([(),[\].]))/y;

function tokenize(sql: string): Tok[] | null {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < sql.length) {
    if (/^\s*$/.test(sql.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(sql);
    if (!m) return null;
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: "num", v: m[1] });
    else if (m[2] !== undefined) out.push({ t: "str", v: m[2].slice(1, -1).replace(/''/g, "'") });
    else if (m[3] !== undefined) out.push({ t: "qid", v: m[3].slice(1, -1).replace(/""/g, '"') });
    else if (m[4] !== undefined) out.push({ t: "id", v: m[4] });
    else if (m[5] !== undefined) out.push({ t: "op", v: m[5] });
    else out.push({ t: "punct", v: m[6] });
  }
  return out;
}

/** A translated expression: its kmig text and how tightly it binds (kmig's precedence, 10 = atom). */
interface Out {
  readonly text: string;
  readonly prec: number;
  /** A string literal's value (a cast may turn it into a typed literal). */
  readonly str?: string;
}

/** Each operator: its precedence (PostgreSQL's and kmig's order agree) and its kmig spelling. */
const BINARY: Record<string, { prec: number; kmig: string }> = {
  OR: { prec: 1, kmig: "or" },
  AND: { prec: 2, kmig: "and" },
  "=": { prec: 4, kmig: "==" },
  "<>": { prec: 4, kmig: "!=" },
  "!=": { prec: 4, kmig: "!=" },
  "<": { prec: 4, kmig: "<" },
  "<=": { prec: 4, kmig: "<=" },
  ">": { prec: 4, kmig: ">" },
  ">=": { prec: 4, kmig: ">=" },
  "||": { prec: 6, kmig: "||" },
  "+": { prec: 7, kmig: "+" },
  "-": { prec: 7, kmig: "-" },
  "*": { prec: 8, kmig: "*" },
  "/": { prec: 8, kmig: "/" },
  "%": { prec: 8, kmig: "%" },
};

const FUNCTIONS = new Set(["now", "lower", "upper", "trim", "length", "gen_random_uuid", "random", "concat"]);
const KEYWORD_VALUES: Record<string, string> = { CURRENT_DATE: "current_date", CURRENT_TIMESTAMP: "current_timestamp", LOCALTIMESTAMP: "localtimestamp", true: "true", false: "false", NULL: "null" };
const RESERVED = new Set(["true", "false", "null", "not", "and", "or", "in", "is", "when", "then", "else", "if", "old"]);

/** A name as kmig writes it: bare when it is an identifier and not reserved, else quoted. */
export function kmigName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A kmig string literal. */
export function kmigString(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}'`;
}

class Reader {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly domain: boolean,
  ) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }
  private peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }
  private isWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.t === "id" && t.v.toUpperCase() === w;
  }
  private take(v: string): boolean {
    const t = this.peek();
    if (t && (t.t === "punct" || t.t === "op") && t.v === v) return (this.i++, true);
    if (t && t.t === "id" && t.v.toUpperCase() === v) return (this.i++, true);
    return false;
  }

  /** expr := binary chain with SQL's precedences; returns null for what kmig cannot say. */
  expr(minPrec = 0): Out | null {
    let left = this.unary();
    if (!left) return null;
    for (;;) {
      const t = this.peek();
      if (!t) return left;
      if (this.isWord("IS")) {
        if (4 < minPrec) return left;
        this.i++;
        const not = this.take("NOT");
        if (!this.take("NULL")) return null;
        left = { text: `${wrap(left, 5)} is ${not ? "not " : ""}null`, prec: 4 };
        continue;
      }
      const key = t.t === "id" ? t.v.toUpperCase() : t.v;
      const op = (t.t === "op" || t.t === "id") && Object.hasOwn(BINARY, key) ? BINARY[key] : undefined;
      if (!op || op.prec < minPrec) return left;
      this.i++;
      if (key === "=" && this.isWord("ANY")) return this.anyList(left);
      const right = this.expr(op.prec + 1);
      if (!right) return null;
      const lp = op.prec === 4 ? 5 : op.prec;
      left = { text: `${wrap(left, lp)} ${op.kmig} ${wrap(right, op.prec === 4 ? 5 : op.prec + 1)}`, prec: op.prec };
    }
  }

  /** `x = ANY (ARRAY['a'::text, 'b'::text])` → `x in ['a', 'b']`. */
  private anyList(left: Out): Out | null {
    this.i++;
    if (!this.take("(")) return null;
    const list = this.arrayLiteral();
    if (!list || !this.take(")")) return null;
    return { text: `${wrap(left, 5)} in [${list.join(", ")}]`, prec: 4 };
  }

  private arrayLiteral(): string[] | null {
    const paren = this.take("(");
    if (!this.take("ARRAY") || !this.take("[")) return null;
    const items: string[] = [];
    while (!this.take("]")) {
      const e = this.expr();
      if (!e) return null;
      items.push(e.text);
      this.take(",");
    }
    if (paren && !this.take(")")) return null;
    if (this.peek()?.v === "::") {
      this.i++;
      this.typeName();
    }
    return items;
  }

  private unary(): Out | null {
    if (this.take("NOT")) {
      const e = this.expr(3);
      return e ? { text: `not ${wrap(e, 3)}`, prec: 3 } : null;
    }
    if (this.take("-")) {
      const e = this.expr(9);
      return e ? { text: `-${wrap(e, 9)}`, prec: 9 } : null;
    }
    const e = this.primary();
    return e ? this.casts(e) : null;
  }

  /** `::type` after a value: kept off literals (PostgreSQL adds them), refused on anything else. */
  private casts(e: Out): Out | null {
    let out = e;
    while (this.peek()?.v === "::") {
      this.i++;
      const type = this.typeName();
      if (type === null) return null;
      const cast = castLiteral(out, type);
      if (cast === null) return null;
      out = cast;
    }
    return out;
  }

  /** A type name after `::`: words, `(n, m)`, `[]`. */
  private typeName(): string | null {
    const words: string[] = [];
    while (this.peek()?.t === "id" || this.peek()?.t === "qid") {
      words.push((this.peek() as Tok).v);
      this.i++;
      if (this.take(".")) continue;
    }
    if (this.take("(")) {
      while (!this.take(")")) if (this.done() || !this.peek()) return null;
      else this.i++;
    }
    let dims = "";
    while (this.peek()?.v === "[" && this.peek(1)?.v === "]") {
      this.i += 2;
      dims += "[]";
    }
    return words.length > 0 ? words.join(" ").toLowerCase() + dims : null;
  }

  private primary(): Out | null {
    const t = this.peek();
    if (!t) return null;
    this.i++;
    switch (t.t) {
      case "num":
        return { text: t.v, prec: 10 };
      case "str":
        return { text: kmigString(t.v), prec: 10, str: t.v };
      case "qid":
        return { text: kmigName(t.v), prec: 10 };
      case "punct":
        if (t.v === "(") {
          const e = this.expr();
          return e && this.take(")") ? e : null;
        }
        if (t.v === "[") return null;
        return null;
      case "id": {
        const upper = t.v.toUpperCase();
        if (upper === "VALUE" && this.domain) return { text: "value", prec: 10 };
        if (upper === "ARRAY") {
          this.i--;
          const items = this.arrayLiteral();
          return items ? { text: `[${items.join(", ")}]`, prec: 10 } : null;
        }
        if (Object.hasOwn(KEYWORD_VALUES, upper) || Object.hasOwn(KEYWORD_VALUES, t.v)) return { text: KEYWORD_VALUES[upper] ?? KEYWORD_VALUES[t.v], prec: 10 };
        if (this.peek()?.v === "(") return this.call(t.v);
        return { text: kmigName(t.v), prec: 10 };
      }
      default:
        return null;
    }
  }

  private call(name: string): Out | null {
    this.i++;
    const args: Out[] = [];
    while (!this.take(")")) {
      const e = this.expr();
      if (!e) return null;
      args.push(e);
      this.take(",");
      if (this.done()) return null;
    }
    if (name === "nextval" && args.length === 1 && args[0].str !== undefined) return { text: `nextval(${kmigString(args[0].str)})`, prec: 10 };
    if (!FUNCTIONS.has(name)) return null;
    if (name === "trim" || name === "length" || name === "lower" || name === "upper") if (args.length !== 1) return null;
    return { text: `${name}(${args.map((a) => a.text).join(", ")})`, prec: 10 };
  }
}

/** PostgreSQL writes a literal's type after it (`'x'::text`, `'30 days'::interval`): as kmig writes it. */
function castLiteral(e: Out, type: string): Out | null {
  if (e.str === undefined) {
    // A number cast to a number type (`0::numeric`, `(-1)::integer`) stays the number.
    if (/^-?\d/.test(e.text) && /^(smallint|integer|bigint|numeric|real|double precision)$/.test(type)) return e;
    return type === "regclass" ? e : null;
  }
  const s = e.str;
  if (/^(text|character varying|character|bpchar|name|regclass)$/.test(type)) return e;
  if (/^(smallint|integer|bigint|numeric|real|double precision)$/.test(type) && /^-?\d+(\.\d+)?$/.test(s)) return { text: s.startsWith("-") ? `-${s.slice(1)}` : s, prec: s.startsWith("-") ? 9 : 10 };
  if (type === "boolean" && /^(true|false)$/.test(s)) return { text: s, prec: 10 };
  if (type === "jsonb" || type === "json") return jsonLiteral(s);
  if (type.endsWith("[]") && s === "{}") return { text: "[]", prec: 10 };
  if (/^(interval|date|timestamp|timestamp without time zone|timestamp with time zone|time|time without time zone)$/.test(type)) {
    const kw = type === "timestamp without time zone" ? "timestamp" : type === "timestamp with time zone" ? "timestamptz" : type === "time without time zone" ? "time" : type;
    return { text: `${kw} ${kmigString(s)}`, prec: 10 };
  }
  // An enum label or a domain's value: the column's type gives it its type.
  if (!/[\s()[\]]/.test(type) || type.includes(".")) return e;
  return null;
}

/** A JSON document as a kmig object or array literal. */
function jsonLiteral(s: string): Out | null {
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return null;
  }
  const lit = (x: unknown): string => {
    if (x === null) return "null";
    if (typeof x === "string") return kmigString(x);
    if (typeof x === "number" || typeof x === "boolean") return String(x);
    if (Array.isArray(x)) return `[${x.map(lit).join(", ")}]`;
    const entries = Object.entries(x as Record<string, unknown>).map(([k, val]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : kmigString(k)}: ${lit(val)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  };
  return { text: lit(v), prec: 10 };
}

function wrap(e: Out, prec: number): string {
  return e.prec < prec ? `(${e.text})` : e.text;
}

/** The kmig expression of a deparsed SQL expression, or null when kmig cannot say it. `domain`: `VALUE` is the domain's value. */
export function sqlToKmig(sql: string, domain = false): string | null {
  const toks = tokenize(sql);
  if (!toks) return null;
  const r = new Reader(toks, domain);
  const e = r.expr();
  return e && r.done() ? e.text : null;
}

/** The condition of `CHECK (…)` as `pg_get_constraintdef` prints it (`NOT VALID` and `NO INHERIT` refused). */
export function checkBody(def: string): string | null {
  const m = /^CHECK \((.*)\)$/s.exec(def);
  return m ? m[1] : null;
}
