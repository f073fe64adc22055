// The items of generated migrations: create table, table blocks with mappings, maps, defs,
// config blocks, raw SQL, drops and renames. Each writes its lines and updates the schema.

import { ExprGen, KINDS, KIND_NAMES, SCALAR_KINDS, STATES } from "./expressions.mjs";
import { newTable } from "./schema.mjs";

const TABLE_WORDS = ["accounts", "orders", "invoices", "shipments", "products", "customers", "sessions", "events", "payments", "reviews", "tickets", "devices", "projects", "teams", "documents", "webhooks"];
const COMMENTS = ["NULL reads as the default", "filled by the importer", "free-form", "see the v1 docs", "set by the billing job"];

export class ItemWriter {
  /** `unit` holds the maps and defs of the migration being written (they are scoped to it). */
  constructor(r, schema) {
    this.r = r;
    this.schema = schema;
    this.counter = 0;
    this.unit = { maps: [], defs: [], created: new Set() };
  }

  fresh(base) {
    return `${base}_${++this.counter}`;
  }

  startUnit() {
    this.unit = { maps: [], defs: [], created: new Set() };
  }

  /** Expressions over `cols` (an array of `{ name, kind, nullable }`), with this migration's maps and defs. */
  exprs(cols, ref = (n) => n) {
    return new ExprGen(this.r, { cols, ref, maps: this.unit.maps, defs: this.unit.defs });
  }

  createTable(out) {
    const r = this.r;
    const t = newTable(this.fresh(r.pick(TABLE_WORDS)));
    out.push(`  // ${t.name}: one row per ${t.name.split("_")[0].slice(0, -1)}.`);
    out.push(`  create table ${t.name} {`);
    out.push(`    id          uuid            primary key default gen_random_uuid()`);
    const parents = [...this.schema.tables.keys()];
    this.schema.add(t);
    if (parents.length > 0 && r.chance(0.6)) {
      const parent = r.pick(parents);
      const col = this.fresh(`${parent.split("_")[0].slice(0, -1)}_id`);
      out.push(`    ${col} uuid? references ${parent} (id) on delete ${r.pick(["cascade", "restrict", "set null", "no action"])}`);
      t.cols.set(col, { kind: "uuid", nullable: true });
      this.schema.reference(t.name, parent);
    }
    for (let i = r.int(5, 14); i > 0; i--) {
      const kind = r.pick(KIND_NAMES);
      let col = r.pick(KINDS[kind].words);
      if (t.cols.has(col)) col = this.fresh(col);
      const nullable = r.chance(0.6);
      t.cols.set(col, { kind, nullable });
      let line = `    ${col.padEnd(12)} ${(KINDS[kind].type + (nullable ? "?" : "")).padEnd(16)}`;
      if (r.chance(0.5) || !nullable) line += ` default ${this.exprs([]).literal(kind)}`;
      if ((kind === "int" || kind === "num") && r.chance(0.2)) line += ` check (${col} >= 0)`;
      if (r.chance(0.15)) line += `   // ${r.pick(COMMENTS)}`;
      out.push(line.trimEnd());
    }
    const cols = columnsOf(t);
    const text = cols.find((c) => c.kind === "text");
    if (text && r.chance(0.5)) out.push(`    constraint ${t.name}_${text.name}_filled check (${text.name} != '' or ${text.name} is null)`);
    if (text && r.chance(0.3)) out.push(`    unique (id, ${text.name})`);
    const ts = cols.find((c) => c.kind === "ts");
    if (ts) out.push(`    index idx_${t.name}_${ts.name} (${ts.name} desc)${r.chance(0.3) ? ` where ${this.predicate(cols)}` : ""}`);
    out.push("  }");
    this.unit.created.add(t.name);
  }

  /** A partial index's `where`: PostgreSQL evaluates it on every write, so only plain comparisons. */
  predicate(cols) {
    const r = this.r;
    const c = r.pick(cols);
    const text = cols.find((x) => x.kind === "text");
    return text && r.chance(0.5) ? `lower(${text.name}) != '${r.pick(STATES)}'` : `${c.name} is not null`;
  }

  /**
   * `table t { … }`: expressions read the row as it was before the block (renamed columns by
   * their old names), as kmig defines it; each old column gets at most one action.
   */
  alterTable(out) {
    const r = this.r;
    const t = r.pick([...this.schema.tables.values()]);
    const old = columnsOf(t).filter((c) => c.kind !== "uuid");
    const plan = r.shuffle(old).slice(0, r.int(3, 10)).map((c) => ({ c, action: r.pick(["assign", "assign", "assign", "rename", "alter", "drop", "index"]) }));
    const dropped = new Set(plan.filter((p) => p.action === "drop").map((p) => p.c.name));
    const readable = old.filter((c) => !dropped.has(c.name));
    const template = this.exprs(readable, (n) => `@${n}@`);
    const now = (e) => e.replace(/@(\w+)@/g, "$1");
    const before = (e) => e.replace(/@(\w+)@/g, "old.$1");
    const lines = [];
    const expects = [];
    for (let i = r.int(1, 5); i > 0; i--) {
      const kind = r.pick(KIND_NAMES);
      const col = this.fresh(r.pick(KINDS[kind].words));
      const def = r.chance(0.4) ? ` default ${template.literal(kind)}` : "";
      const e = template.expr(kind, 3);
      lines.push(`    add ${col} ${KINDS[kind].type}?${def} := ${now(e)}`);
      t.cols.set(col, { kind, nullable: true });
      if (SCALAR_KINDS.includes(kind) && r.chance(0.2)) expects.push(`    expect ${col} == (${before(e)}) when old.id is not null`);
    }
    for (const { c, action } of plan) {
      if (action === "assign") {
        const e = c.nullable ? template.expr(c.kind, 4) : template.nonNull(c.kind, 4);
        lines.push(`    ${c.name} := ${now(e)}`);
      } else if (action === "rename") {
        const to = this.fresh(c.name.replace(/_\d+$/, ""));
        const compute = r.chance(0.5) ? ` := ${c.name} ?? ${template.literal(c.kind)}` : "";
        lines.push(`    rename ${c.name} -> ${to}${compute}`);
        t.cols.delete(c.name);
        t.cols.set(to, { kind: c.kind, nullable: c.nullable });
      } else if (action === "alter") {
        lines.push(this.alterColumn(t, c));
      } else if (action === "drop") {
        lines.push(`    drop ${c.name}`);
        t.cols.delete(c.name);
      } else {
        lines.push(`    index ${this.fresh(`idx_${t.name}`)}${c.kind === "json" ? " using gin" : ""} (${c.name})${r.chance(0.2) ? " concurrently" : ""}`);
      }
    }
    out.push(`  table ${t.name} {`, ...lines, ...expects, "  }");
  }

  alterColumn(t, c) {
    const r = this.r;
    if (c.kind === "int" && r.chance(0.4)) {
      t.cols.set(c.name, { kind: "big", nullable: c.nullable });
      return `    alter ${c.name} type bigint using ${c.name}`;
    }
    if (!c.nullable && r.chance(0.5)) {
      t.cols.set(c.name, { kind: c.kind, nullable: true });
      return `    alter ${c.name} drop not null`;
    }
    return r.chance(0.5) ? `    alter ${c.name} set default ${this.exprs([]).literal(c.kind)}` : `    alter ${c.name} drop default`;
  }

  valueMap(out) {
    const r = this.r;
    const name = this.fresh("state_map");
    const states = r.shuffle(STATES);
    out.push(`  map ${name}: text -> text {`);
    for (let i = 0; i + 2 < states.length; i += 3) out.push(`    ${states[i]}, ${states[i + 1]} -> ${states[i + 2]}`);
    out.push(`    'on hold' -> ${states[2]}`);
    out.push(`    else -> ${states[5]}`);
    if (r.chance(0.5)) out.push(`    reverse ${states[2]} -> ${states[0]}`);
    out.push("  }");
    this.unit.maps.push(name);
  }

  functionDef(out) {
    const r = this.r;
    const kind = r.pick(["text", "int", "num"]);
    const params = [r.pick(["text", "int", "num"]), r.pick(["text", "int", "bool"])];
    const name = this.fresh(`${kind}_of`);
    const body = this.exprs(params.map((k, i) => ({ name: `p${i}`, kind: k, nullable: true }))).expr(kind, 4);
    out.push(`  def ${name}(${params.map((k, i) => `p${i}: ${KINDS[k].type}`).join(", ")}) := ${body}`);
    this.unit.defs.push({ name, params, kind });
  }

  config(out) {
    const r = this.r;
    const svc = this.fresh("svc");
    const patch = r.chance(0.3);
    out.push(`  config 'services/${svc}.yml'${r.chance(0.3) ? ` -> 'services/${svc}.v2.yml'` : ""}${patch ? " patch" : ""} {`);
    out.push(`    require name: string`);
    if (patch) out.push(`    remove legacy.endpoint`);
    out.push(`    version := '${r.int(1, 9)}.${r.int(0, 9)}.0'`);
    out.push(`    server {`);
    out.push(`      host    := host ?? '0.0.0.0'`);
    out.push(`      port    := port ?? ${r.int(1024, 9999)}`);
    out.push(`      workers := workers ?? ${r.int(1, 16)}`);
    out.push(`      retry_policy {`);
    out.push(`        max_retries := max_retries ?? ${r.int(1, 9)}`);
    out.push(`        retry_delay := retry_delay ?? 1.5`);
    out.push(`      }`);
    out.push(`    }`);
    out.push(`    tags := tags ?? []`);
    out.push(`    limits := { cpu: cpu ?? ${r.int(1, 8)}, memory_mb: memory_mb ?? 512 }`);
    out.push("  }");
  }

  rawSql(out) {
    const t = this.r.pick([...this.schema.tables.keys()]);
    const idx = this.fresh(`idx_${t}_raw`);
    out.push(`  sql '''`, `    CREATE INDEX IF NOT EXISTS ${idx} ON ${t} (id) WHERE id IS NOT NULL;`, `  ''' reverse 'DROP INDEX IF EXISTS ${idx}'`);
  }

  /** Drops a table nothing references; false when there is none to drop. */
  dropTable(out) {
    const candidates = this.schema.droppable(this.unit.created);
    if (candidates.length === 0 || this.schema.tables.size < 8) return false;
    const t = this.r.pick(candidates).name;
    out.push(`  /* Superseded by the new layout;`, `     an earlier release copied the data. */`, `  drop table ${t}`);
    this.schema.drop(t);
    return true;
  }

  renameTable(out) {
    const from = this.r.pick([...this.schema.tables.keys()]);
    const to = this.fresh(from.replace(/_\d+$/, ""));
    out.push(`  rename table ${from} -> ${to}`);
    this.schema.rename(from, to);
  }
}

export function columnsOf(t) {
  return [...t.cols].map(([name, c]) => ({ name, ...c }));
}
