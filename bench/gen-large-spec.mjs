// Generates a large, realistic kmig spec deterministically from a seed, for the front-end benchmarks.
//
//   node bench/gen-large-spec.mjs [--seed N] [--mb 5.5] [--files 8] [--out bench/out/large-spec]
//
// The spec is one chain of migrations (a baseline, then `from` version i `to` i+1) spread over
// several files, like a project with a long history. A small schema model is kept while generating,
// so alter blocks only touch columns that exist and expressions mostly fit the column's type: the
// spec should stay clean when `kmig check` grows name and type checking, and keep measuring parsing.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** mulberry32: tiny, fast and the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  return { int, pick, chance };
}

const TABLE_WORDS = ["accounts", "orders", "invoices", "shipments", "products", "customers", "sessions", "events", "payments", "reviews", "tickets", "devices", "projects", "teams", "documents", "webhooks"];
// `type`, `key`, `version` and `action` are soft keywords: real schemas use them as column names.
const COLUMN_WORDS = {
  text: ["title", "label", "email", "region", "country", "city", "currency", "channel", "source", "notes", "summary", "state", "status", "type", "key", "version", "action", "owner_name", "ref_code"],
  int: ["quantity", "attempts", "retries", "duration_ms", "position", "level", "batch_no", "shard", "rank", "score"],
  num: ["amount", "price", "discount", "weight", "rating", "balance", "tax_rate"],
  bool: ["active", "archived", "verified", "urgent", "billable", "visible"],
  json: ["payload", "settings", "metadata", "attributes", "flags", "extra"],
  ts: ["created_at", "updated_at", "started_at", "finished_at", "expires_at", "seen_at"],
};
const TYPES = {
  text: ["text", "varchar(50)", "varchar(255)", "char(3)"],
  int: ["integer", "bigint", "smallint", "int"],
  num: ["numeric(12, 2)", "numeric(5, 2)", "double precision", "real"],
  bool: ["boolean", "bool"],
  json: ["jsonb", "json"],
  ts: ["timestamp", "timestamptz", "timestamp(3)"],
};
const STATES = ["created", "queued", "pending", "running", "paid", "settled", "failed", "cancelled", "archived", "on_hold", "shipped", "returned"];
const WORDS = ["migrated", "legacy", "imported", "default", "unknown", "n/a", "manual", "batch", "sync", "retry"];

const operand = (e) => (e.startsWith("when ") ? `(${e})` : e);

class SpecWriter {
  constructor(seed) {
    this.r = rng(seed);
    this.tables = new Map(); // name → Map(column → kind)
    this.tableCount = 0;
    this.version = 0;
    this.defs = []; // { name, params: kinds[], kind }
    this.maps = []; // map names (text → text)
    this.nameCounter = 0;
  }

  uniq(base) {
    return `${base}_${++this.nameCounter}`;
  }

  // ------------------------------------------------------------ expressions

  column(table, kind) {
    const cols = [...this.tables.get(table)].filter(([, k]) => k === kind).map(([c]) => c);
    return cols.length > 0 ? this.r.pick(cols) : null;
  }

  literal(kind) {
    const r = this.r;
    switch (kind) {
      case "text":
        return r.chance(0.1) ? `'it\\'s ${r.pick(WORDS)}'` : `'${r.pick(r.chance(0.5) ? STATES : WORDS)}'`;
      case "int":
        return String(r.int(0, 5000));
      case "num":
        return `${r.int(0, 999)}.${r.int(0, 99)}`;
      case "bool":
        return r.pick(["true", "false"]);
      case "json":
        return r.chance(0.5) ? "{}" : "[]";
      case "ts":
        return "now()";
      default:
        return "null";
    }
  }

  /** An expression of `kind` over the columns of `table`, at most `depth` levels deep. */
  expr(table, kind, depth = 3) {
    const r = this.r;
    const col = this.column(table, kind);
    if (depth <= 0 || r.chance(0.25)) return col && r.chance(0.7) ? col : this.literal(kind);
    // Operands in parentheses when they start with `when`, whose `else` would swallow the operator.
    const sub = (k = kind) => operand(this.expr(table, k, depth - 1));
    switch (kind) {
      case "text":
        return r.pick([
          () => `${sub()} ?? ${this.literal("text")}`,
          () => `${sub()} || '-' || ${sub()}`,
          () => `lower(${sub()})`,
          () => `when ${this.cond(table, depth - 1)} then ${sub()} else ${sub()}`,
          () => (this.maps.length > 0 && col ? `${r.pick(this.maps)}(${col})` : `upper(${sub()})`),
          () => this.callDef(table, "text", depth) ?? `trim(${sub()})`,
        ])();
      case "int":
      case "num":
        return r.pick([
          () => `${sub()} + ${sub()} * ${this.literal(kind)}`,
          () => `(${sub()} - ${this.literal(kind)}) / ${r.int(2, 9)}`,
          () => `${sub()} ?? ${this.literal(kind)}`,
          () => `-${sub()} % ${r.int(3, 97)}`,
          () => `when ${this.cond(table, depth - 1)} then ${sub()} else ${sub()}`,
          () => this.callDef(table, kind, depth) ?? `round(${sub()})`,
        ])();
      case "bool":
        return this.cond(table, depth);
      case "json":
        return r.pick([
          () => this.object(table, depth - 1),
          () => `[${sub("text")}, ${sub("text")} if ${this.cond(table, depth - 2)}, ...(${col ?? "[]"} ?? [])]`,
          () => `${sub()} ?? {}`,
          () => `to_json(${sub("text")})`,
        ])();
      case "ts":
        return r.pick([() => `${sub()} ?? now()`, () => `when ${this.cond(table, depth - 1)} then ${sub()} else now()`])();
      default:
        return "null";
    }
  }

  cond(table, depth) {
    const r = this.r;
    const kind = r.pick(["text", "int", "num", "bool", "json", "ts"]);
    const col = this.column(table, kind) ?? this.column(table, "text") ?? "id";
    if (depth <= 0) return r.pick([`${col} is not null`, `${col} is null`]);
    return r.pick([
      () => `${operand(this.expr(table, "int", depth - 1))} ${r.pick(["<", "<=", ">", ">=", "==", "!="])} ${this.literal("int")}`,
      () => `${col} is ${r.chance(0.5) ? "not " : ""}null`,
      () => `${this.column(table, "text") ?? "'x'"} ${r.chance(0.3) ? "not " : ""}in [${this.literal("text")}, ${this.literal("text")}, ${this.literal("text")}]`,
      () => `${this.cond(table, depth - 1)} and ${this.cond(table, depth - 1)}`,
      () => `${this.cond(table, depth - 1)} or not ${this.cond(table, depth - 1)}`,
      () => `truthy(${this.column(table, "json") ?? "$"}.${r.pick(COLUMN_WORDS.bool)})`,
      () => `(${this.cond(table, depth - 1)})`,
    ])();
  }

  object(table, depth) {
    const r = this.r;
    const entries = [];
    for (let i = r.int(2, 6); i > 0; i--) {
      const k = r.pick(["text", "int", "num", "bool", "ts"]);
      // Reserved words and quoted strings are valid keys too; at most one of each per object.
      const key = i === 1 && r.chance(0.2) ? `'${r.pick(WORDS)} key'` : i === 2 && r.chance(0.2) ? r.pick(["if", "not", "when", "old"]) : this.uniq(r.pick(COLUMN_WORDS[k]));
      const guard = r.chance(0.15) ? ` if ${this.cond(table, 0)}` : "";
      entries.push(`${key}${r.chance(0.15) ? "?" : ""}: ${this.expr(table, k, Math.max(0, depth - 1))}${guard}`);
    }
    const json = this.column(table, "json");
    if (json && r.chance(0.3)) entries.push(`...${json}`);
    return `{ ${entries.join(", ")} }`;
  }

  callDef(table, kind, depth) {
    const d = this.defs.find((f) => f.kind === kind && this.r.chance(0.5));
    if (!d) return null;
    return `${d.name}(${d.params.map((k) => this.expr(table, k, depth - 2)).join(", ")})`;
  }

  // ------------------------------------------------------------ items

  createTable(lines) {
    const r = this.r;
    const name = `${r.pick(TABLE_WORDS)}_${++this.tableCount}`;
    const cols = new Map([["id", "uuid"]]);
    const parent = this.tables.size > 0 && r.chance(0.6) ? r.pick([...this.tables.keys()]) : null;
    lines.push(`  // ${name}: one row per ${name.split("_")[0].slice(0, -1)}.`);
    lines.push(`  create table ${name} {`);
    lines.push(`    id          uuid           primary key default gen_random_uuid()`);
    if (parent) {
      lines.push(`    ${parent}_id uuid references ${parent} (id) on delete ${r.pick(["cascade", "restrict", "set null", "no action"])}`);
      cols.set(`${parent}_id`, "uuid");
    }
    for (let i = r.int(5, 14); i > 0; i--) {
      const kind = r.pick(Object.keys(COLUMN_WORDS));
      const col = r.chance(0.5) ? r.pick(COLUMN_WORDS[kind]) : this.uniq(r.pick(COLUMN_WORDS[kind]));
      if (cols.has(col)) continue;
      cols.set(col, kind);
      this.tables.set(name, cols);
      const nullable = r.chance(0.5) ? "?" : "";
      let line = `    ${col.padEnd(12)} ${(TYPES[kind][r.int(0, TYPES[kind].length - 1)] + nullable).padEnd(15)}`;
      if (r.chance(0.5)) line += ` default ${this.literal(kind)}`;
      if (r.chance(0.1)) line += " unique";
      if ((kind === "int" || kind === "num") && r.chance(0.3)) line += ` check (${col} >= 0)`;
      if (r.chance(0.2)) line += `   // ${r.pick(["NULL reads as the default", "filled by the importer", "free-form", "see the v1 docs"])}`;
      lines.push(line.trimEnd());
    }
    this.tables.set(name, cols);
    const text = this.column(name, "text");
    if (text && r.chance(0.5)) lines.push(`    constraint ${name}_${text}_len check (${text} != '' or ${text} is null)`);
    if (text && r.chance(0.3)) lines.push(`    unique (id, ${text})`);
    const ts = this.column(name, "ts");
    if (ts) lines.push(`    index idx_${name}_${ts} (${ts} desc)${r.chance(0.3) ? ` where ${this.cond(name, 1)}` : ""}`);
    if (r.chance(0.3)) lines.push(`    expect ${this.cond(name, 1)}`);
    lines.push("  }");
  }

  alterTable(lines) {
    const r = this.r;
    const name = r.pick([...this.tables.keys()]);
    const cols = this.tables.get(name);
    lines.push(`  table ${name} {`);
    for (let i = r.int(4, 12); i > 0; i--) {
      const kind = r.pick(Object.keys(COLUMN_WORDS));
      const existing = this.column(name, kind);
      const action = r.int(0, 9);
      if (action <= 2 || !existing) {
        const col = this.uniq(r.pick(COLUMN_WORDS[kind]));
        const ty = r.pick(TYPES[kind]);
        const def = r.chance(0.5) ? ` default ${this.literal(kind)}` : "";
        const inv = r.chance(0.2) ? " irreversible 'derived data is dropped on rollback'" : "";
        lines.push(`    add ${col} ${ty}?${def} := ${this.expr(name, kind)}${inv}`);
        cols.set(col, kind);
      } else if (action === 3) {
        const to = this.uniq(existing.replace(/_\d+$/, ""));
        const def = r.chance(0.4) ? ` default ${this.literal(kind)}` : "";
        lines.push(`    rename ${existing} -> ${to}${def} := ${existing} ?? ${this.literal(kind)}`);
        cols.delete(existing);
        cols.set(to, kind);
      } else if (action <= 5) {
        const rev = r.chance(0.3) ? ` reverse ${existing}` : "";
        lines.push(`    ${existing} := ${this.expr(name, kind, 4)}${rev}`);
      } else if (action === 6) {
        lines.push(
          r.pick([
            `    alter ${existing} set default ${this.literal(kind)}`,
            `    alter ${existing} drop default`,
            `    alter ${existing} set not null`,
            `    alter ${existing} drop not null`,
            `    alter ${existing} type ${r.pick(TYPES[kind])} using ${existing}`,
          ]),
        );
      } else if (action === 7 && cols.size > 4) {
        lines.push(`    drop ${existing} irreversible 'no longer read since v${this.version}'`);
        cols.delete(existing);
      } else if (action === 8) {
        lines.push(`    index ${this.uniq(`idx_${name}`)} using ${r.pick(["btree", "hash"])} (${existing})${r.chance(0.3) ? " concurrently" : ""}`);
      } else {
        lines.push(`    expect ${this.cond(name, 2)} when old.${existing} is not null`);
      }
    }
    lines.push("  }");
  }

  valueMap(lines) {
    const r = this.r;
    const name = this.uniq("state_map");
    lines.push(`  map ${name}: text -> text {`);
    const states = [...STATES];
    for (let i = states.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [states[i], states[j]] = [states[j], states[i]];
    }
    for (let i = 0; i + 2 < states.length; i += 3) lines.push(`    ${states[i]}, ${states[i + 1]} -> ${states[i + 2]}`);
    lines.push(`    'on hold' -> ${r.pick(STATES)}`);
    lines.push(`    else -> ${r.pick(STATES)}`);
    if (r.chance(0.5)) lines.push(`    reverse ${states[2]} -> ${states[0]}`);
    if (r.chance(0.5)) lines.push(`    keep original in metadata.original_state`);
    lines.push("  }");
    this.maps.push(name);
  }

  functionDef(lines) {
    const r = this.r;
    const kind = r.pick(["text", "int", "num"]);
    const params = [r.pick(["text", "int", "num"]), r.pick(["text", "int", "num", "bool"])];
    const name = this.uniq(`${kind}_of`);
    // A throwaway table whose columns are the parameters, so the body only names parameters.
    const scope = `__def_${name}`;
    this.tables.set(scope, new Map(params.map((k, i) => [`p${i}`, k])));
    const body = this.expr(scope, kind, 4);
    this.tables.delete(scope);
    lines.push(`  def ${name}(p0: ${TYPES[params[0]][0]}, p1) := ${body}`);
    this.defs.push({ name, params, kind });
  }

  config(lines) {
    const r = this.r;
    const svc = this.uniq("svc");
    lines.push(`  config 'services/${svc}.yml'${r.chance(0.3) ? ` -> 'services/${svc}.v2.yml'` : ""}${r.chance(0.2) ? " patch" : ""} {`);
    lines.push(`    require service.name: string`);
    if (r.chance(0.5)) lines.push(`    remove legacy.endpoint`);
    lines.push(`    version := '${this.version + 1}.0.0'`);
    lines.push(`    service {`);
    lines.push(`      name    := service.name`);
    lines.push(`      timeout := timeout ?? ${r.int(5, 120)}`);
    lines.push(`      retries := { max: retries ?? ${r.int(1, 9)}, backoff: backoff ?? 1.5, jitter?: jitter }`);
    lines.push(`      limits {`);
    lines.push(`        cpu    := cpu ?? '${r.int(1, 8)}'`);
    lines.push(`        memory := (memory_mb ?? 512) * 1024 * 1024`);
    lines.push(`      }`);
    lines.push(`    }`);
    lines.push(`    tags := [...(tags ?? []), 'migrated' if migrate_tag, 'v${this.version + 1}']`);
    lines.push(`    expect service.timeout > 0`);
    lines.push("  }");
  }

  rawSql(lines) {
    const r = this.r;
    const t = r.pick([...this.tables.keys()]);
    const idx = this.uniq(`idx_${t}_raw`);
    if (r.chance(0.5)) {
      lines.push(`  sql '''`);
      lines.push(`    CREATE INDEX IF NOT EXISTS ${idx} ON ${t} (id) WHERE id IS NOT NULL;`);
      lines.push(`    ANALYZE ${t};`);
      lines.push(`  ''' reverse 'DROP INDEX IF EXISTS ${idx}'`);
    } else {
      lines.push(`  sql 'VACUUM ANALYZE ${t}' irreversible 'maintenance only'`);
    }
  }

  /** One migration (or the baseline when `version` is 0), returning its text. */
  migration() {
    const r = this.r;
    const lines = [];
    const v = this.version;
    if (v === 0) lines.push(`baseline app_v0 version '0.0.0' {`);
    else lines.push(`migration app_v${v} from '${v - 1}.0.0' to '${v}.0.0' {`);
    lines.push(`  describe 'release ${v}: ${r.pick(WORDS)} ${r.pick(TABLE_WORDS)} and their ${r.pick(COLUMN_WORDS.text)}'`);
    lines.push("");
    const items = v === 0 ? 6 : r.int(4, 9);
    for (let i = 0; i < items; i++) {
      const k = this.tables.size < 3 ? 0 : r.chance(0.06) ? r.int(11, 12) : r.int(0, 10);
      if (k <= 2) this.createTable(lines);
      else if (k <= 6 && v > 0) this.alterTable(lines);
      else if (k === 7) this.valueMap(lines);
      else if (k === 8) this.functionDef(lines);
      else if (k === 9) this.config(lines);
      else if (k === 10 && v > 0) this.rawSql(lines);
      else if (k === 11 && v > 0) {
        lines.push(`  /* Superseded by the new layout;`);
        lines.push(`     the data was copied by an earlier release. */`);
        const t = r.pick([...this.tables.keys()]);
        lines.push(`  drop table ${t} irreversible 'superseded'`);
        this.tables.delete(t);
      } else if (k === 12 && v > 0) {
        const from = r.pick([...this.tables.keys()]);
        const to = this.uniq(from.replace(/_\d+$/, ""));
        lines.push(`  rename table ${from} -> ${to}`);
        this.tables.set(to, this.tables.get(from));
        this.tables.delete(from);
      } else this.createTable(lines);
      lines.push("");
    }
    lines.push("}");
    this.version++;
    return lines.join("\n") + "\n";
  }
}

/**
 * The spec as files `{ name, text }`: at least `bytes` characters of text in `files` files,
 * always the same for the same arguments.
 */
export function generateLargeSpec({ seed = 1, bytes = 5.5e6, files = 8 } = {}) {
  const w = new SpecWriter(seed);
  const out = [];
  const perFile = bytes / files;
  for (let f = 0; f < files; f++) {
    const parts = [`// Generated by bench/gen-large-spec.mjs (seed ${seed}); do not edit.\n\n`];
    let size = parts[0].length;
    while (size < perFile) {
      const m = w.migration();
      parts.push(m, "\n");
      size += m.length + 1;
    }
    out.push({ name: `${String(f).padStart(3, "0")}_generated.kmig`, text: parts.join("") });
  }
  return out;
}

/** Writes the generated spec into `dir` (emptied first) and returns the total size in bytes. */
export function writeLargeSpec(dir, options) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let total = 0;
  for (const f of generateLargeSpec(options)) {
    writeFileSync(join(dir, f.name), f.text);
    total += Buffer.byteLength(f.text);
  }
  return total;
}

/** The default location, shared by the benchmarks (git-ignored). */
export const LARGE_SPEC_DIR = "bench/out/large-spec";

function main(argv) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const dir = opt("out", LARGE_SPEC_DIR);
  const seed = Number(opt("seed", "1"));
  const bytes = Number(opt("mb", "5.5")) * 1e6;
  const files = Number(opt("files", "8"));
  const total = writeLargeSpec(dir, { seed, bytes, files });
  console.log(`wrote ${files} files, ${(total / 1e6).toFixed(2)} MB, to ${dir} (seed ${seed})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.slice(2));
