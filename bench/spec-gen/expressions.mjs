// Typed random expressions over the columns in scope, for the generated benchmark spec.
// Each expression has the kind it is asked for, so that the spec type-checks as well as parses.

/** Column kinds, the PostgreSQL type written for each, and words to name such columns. */
export const KINDS = {
  text: { type: "text", words: ["title", "label", "email", "region", "country", "city", "channel", "source", "notes", "summary", "state", "status", "type", "key", "version", "action", "owner_name"] },
  int: { type: "integer", words: ["quantity", "attempts", "retries", "position", "level", "rank", "score"] },
  big: { type: "bigint", words: ["duration_ms", "bytes_sent", "batch_no", "shard_key"] },
  num: { type: "numeric(12, 2)", words: ["amount", "price", "discount", "balance", "tax"] },
  dbl: { type: "double precision", words: ["weight", "rating", "latitude", "longitude"] },
  bool: { type: "boolean", words: ["active", "archived", "verified", "urgent", "billable", "visible"] },
  json: { type: "jsonb", words: ["payload", "settings", "metadata", "attributes", "flags", "extra"] },
  ts: { type: "timestamp", words: ["created_at", "updated_at", "started_at", "finished_at", "expires_at", "seen_at"] },
};
export const KIND_NAMES = Object.keys(KINDS);
export const SCALAR_KINDS = ["text", "int", "big", "num", "dbl", "bool"];
const NUMERIC = new Set(["int", "big", "num", "dbl"]);
export const STATES = ["created", "queued", "pending", "running", "paid", "settled", "failed", "cancelled", "archived", "on_hold", "shipped", "returned"];
const WORDS = ["migrated", "legacy", "imported", "unknown", "manual", "batch", "sync", "retry"];
const JSON_KEYS = ["enabled", "beta", "priority", "source", "region", "tier", "limits", "owner"];

/** Operands in parentheses when they start with `when`, whose `else` would swallow the operator. */
const operand = (e) => (e.startsWith("when ") ? `(${e})` : e);

/**
 * Expressions over `scope`: `{ cols: [{ name, kind, nullable }], ref(name), maps: [name], defs: [{ name, params, kind }] }`.
 * `ref` writes a column reference, so one expression can be printed for the new row and for `old`.
 */
export class ExprGen {
  constructor(r, scope) {
    this.r = r;
    this.scope = scope;
  }

  column(kind) {
    const cols = this.scope.cols.filter((c) => c.kind === kind);
    return cols.length > 0 ? this.r.pick(cols) : null;
  }

  literal(kind) {
    const r = this.r;
    switch (kind) {
      case "text":
        return r.chance(0.05) ? `'it\\'s ${r.pick(WORDS)}'` : `'${r.pick(r.chance(0.5) ? STATES : WORDS)}'`;
      case "int":
        return String(r.int(0, 5000));
      case "big":
        return String(r.int(0, 2e9));
      case "num":
        return `${r.int(0, 9999)}.${String(r.int(0, 99)).padStart(2, "0")}`;
      case "dbl":
        return r.chance(0.3) ? `${r.int(1, 9)}.${r.int(0, 9)}e${r.int(1, 3)}` : `${r.int(0, 99)}.${r.int(0, 9)}`;
      case "bool":
        return r.pick(["true", "false"]);
      case "json":
        return r.pick(["{}", "[]", `{ ${r.pick(JSON_KEYS)}: ${r.int(0, 9)} }`]);
      case "ts":
        return "now()";
      default:
        throw new Error(`no literal for ${kind}`);
    }
  }

  /** A value of `kind` that is never NULL. */
  nonNull(kind, depth = 3) {
    const e = this.expr(kind, depth);
    if (/^(-?\d[\d.e]*|'[^']*'|true|false|now\(\)|\{.*\}|\[.*\])$/.test(e)) return e;
    // A condition binds looser than `??`: bracket it.
    return `${kind === "bool" ? `(${e})` : operand(e)} ?? ${this.literal(kind)}`;
  }

  /** An expression of `kind`, at most `depth` levels deep. */
  expr(kind, depth = 3) {
    const r = this.r;
    const col = this.column(kind);
    if (depth <= 0 || r.chance(0.2)) return col && r.chance(0.75) ? this.scope.ref(col.name) : this.literal(kind);
    const sub = (k = kind) => operand(this.expr(k, depth - 1));
    const when = () => `when ${this.cond(depth - 1)} then ${sub()} else ${sub()}`;
    const call = () => this.callDef(kind, depth) ?? when();
    if (NUMERIC.has(kind)) {
      return r.pick([
        () => `${sub()} + ${sub()} * ${this.literal(kind)}`,
        () => `(${sub()} - ${this.literal(kind)}) / ${r.int(2, 9)}`,
        () => `${sub()} ?? ${this.literal(kind)}`,
        () => (kind === "int" ? `length(${sub("text")}) % ${r.int(3, 97)}` : `-${sub()}`),
        when,
        call,
      ])();
    }
    switch (kind) {
      case "text":
        return r.pick([
          () => `${sub()} ?? ${this.literal("text")}`,
          () => `${sub()} || '-' || ${sub()}`,
          () => `${r.pick(["lower", "upper", "trim"])}(${sub()})`,
          () => `to_text(${sub(r.pick(["int", "num"]))})`,
          () => (this.scope.maps.length > 0 ? `${r.pick(this.scope.maps)}(${sub()})` : `lower(${sub()})`),
          when,
          call,
        ])();
      case "bool":
        return this.cond(depth);
      case "json":
        return r.pick([
          () => this.object(depth - 1),
          () => this.array(depth - 1),
          () => `${sub()} ?? {}`,
          () => `to_json(${sub("text")})`,
        ])();
      case "ts":
        return r.pick([() => `${sub()} ?? now()`, () => `when ${this.cond(depth - 1)} then ${sub()} else now()`])();
      default:
        throw new Error(`no expression for ${kind}`);
    }
  }

  /** A boolean condition. */
  cond(depth) {
    const r = this.r;
    const any = r.pick(this.scope.cols);
    if (depth <= 0 || !any) return any ? `${this.scope.ref(any.name)} is ${r.chance(0.5) ? "not " : ""}null` : "true";
    const text = this.column("text");
    const json = this.column("json");
    const bool = this.column("bool");
    return r.pick([
      () => `${operand(this.expr("int", depth - 1))} ${r.pick(["<", "<=", ">", ">=", "==", "!="])} ${this.literal("int")}`,
      () => `${this.scope.ref(any.name)} is ${r.chance(0.5) ? "not " : ""}null`,
      () => (text ? `${this.scope.ref(text.name)} ${r.chance(0.3) ? "not " : ""}in [${this.literal("text")}, ${this.literal("text")}, ${this.literal("text")}]` : "false"),
      () => `${this.cond(depth - 1)} and ${this.cond(depth - 1)}`,
      () => `${this.cond(depth - 1)} or not ${this.cond(depth - 1)}`,
      () => (json ? `truthy(${this.scope.ref(json.name)}.${r.pick(JSON_KEYS)})` : "true"),
      () => (bool ? this.scope.ref(bool.name) : `(${this.cond(depth - 1)})`),
      () => `${operand(this.expr("text", depth - 1))} == ${this.literal("text")}`,
    ])();
  }

  object(depth) {
    const r = this.r;
    const keys = r.shuffle(JSON_KEYS).slice(0, r.int(2, 6));
    // Reserved words and quoted strings are keys too.
    if (r.chance(0.15)) keys.push(r.pick(["if", "not", "when", "old"]));
    if (r.chance(0.1)) keys.push(`'${r.pick(WORDS)} key'`);
    const entries = keys.map((key) => {
      const k = r.pick(["text", "int", "num", "bool", "ts"]);
      const guard = r.chance(0.15) ? ` if ${this.cond(0)}` : "";
      return `${key}${r.chance(0.15) ? "?" : ""}: ${this.expr(k, Math.max(0, depth - 1))}${guard}`;
    });
    const json = this.column("json");
    if (json && r.chance(0.3)) entries.push(`...${this.scope.ref(json.name)}`);
    return `{ ${entries.join(", ")} }`;
  }

  array(depth) {
    const json = this.column("json");
    const items = [this.expr("text", depth), `${this.expr("text", depth)} if ${this.cond(Math.max(0, depth - 1))}`];
    if (json) items.push(`...(${this.scope.ref(json.name)} ?? [])`);
    return `[${items.join(", ")}]`;
  }

  callDef(kind, depth) {
    const d = this.scope.defs.find((f) => f.kind === kind && this.r.chance(0.5));
    return d ? `${d.name}(${d.params.map((k) => this.expr(k, depth - 2)).join(", ")})` : null;
  }
}
