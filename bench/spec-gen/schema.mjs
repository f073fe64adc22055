// The schema as the generated migrations leave it: tables, columns, and which foreign keys point
// where, so that later migrations only touch what exists (and never drop a referenced table).

/** One table: columns by name (`{ kind, nullable }`), tables it references and tables referencing it. */
export function newTable(name) {
  return { name, cols: new Map([["id", { kind: "uuid", nullable: false }]]), refsTo: new Set(), refsFrom: new Set() };
}

export class Schema {
  constructor() {
    this.tables = new Map();
  }

  add(table) {
    this.tables.set(table.name, table);
  }

  reference(from, to) {
    this.tables.get(from).refsTo.add(to);
    this.tables.get(to).refsFrom.add(from);
  }

  rename(from, to) {
    const t = this.tables.get(from);
    this.tables.delete(from);
    t.name = to;
    this.tables.set(to, t);
    for (const other of t.refsFrom) swap(this.tables.get(other).refsTo, from, to);
    for (const other of t.refsTo) swap(this.tables.get(other).refsFrom, from, to);
  }

  drop(name) {
    const t = this.tables.get(name);
    for (const other of t.refsTo) this.tables.get(other).refsFrom.delete(name);
    this.tables.delete(name);
  }

  /** Tables nothing references (and that can therefore be dropped), minus `except`. */
  droppable(except) {
    return [...this.tables.values()].filter((t) => t.refsFrom.size === 0 && !except.has(t.name));
  }
}

function swap(set, from, to) {
  if (set.delete(from)) set.add(to);
}
