import type { Db } from "./db/connection.js";
import { isDbError } from "./db/connection.js";
import { RunError } from "./errors.js";
import { inScratchSchema, replayStep, SCRATCH } from "./expected-schema.js";
import { diffSchemas, snapshotSchema, type SchemaSnapshot } from "./introspect.js";
import type { DeclaredObject, Plan, SqlStep } from "../core/plan.js";

/** A schema as the check compares it: tables and sequences (as drift does), and enum types and domains. */
interface Shape {
  readonly schema: SchemaSnapshot;
  readonly types: Record<string, string>;
}

/** Whether a plan has a `sql` item that declares what it does. */
export function hasDeclaredSql(plan: Plan): boolean {
  return plan.steps.some((s) => s.kind === "sql" && s.declared !== undefined);
}

/**
 * Checks every declared `sql` item of `plans` (docs/language.md §8.2) in a scratch replay of the
 * chain, inside a transaction that is rolled back: at each such item, kmig's own SQL for what it
 * declares and the item's SQL each run from the same schema and must leave the same one (K4120),
 * and the item's hand-written `reverse`, run after its SQL, must bring back the schema from before
 * it (K4121). The first difference found is thrown as a RunError at the declaration of the object
 * that differs (at the item, for a change nothing declares), with every difference as notes.
 */
export async function checkDeclaredSql(db: Db, plans: readonly Plan[]): Promise<void> {
  if (!plans.some(hasDeclaredSql)) return;
  await inScratchSchema(db, async () => {
    for (const p of plans) {
      for (const s of p.steps) {
        if (s.kind === "sql" && s.declared) await checkStep(db, s);
        else await replayStep(db, s);
      }
    }
  });
}

async function checkStep(db: Db, step: SqlStep): Promise<void> {
  const declared = step.declared;
  if (!declared) return;
  await db.query("SAVEPOINT kmig_declared");
  const before = await shape(db);
  try {
    for (const sql of declared.sql) await db.query(sql);
  } catch (e) {
    throw new RunError("K4120", `kmig cannot make what this \`sql\` item declares, from the schema before it: ${isDbError(e) ? e.message : String(e)}`, "declare what the SQL does to the schema as it is at this item", step.origin);
  }
  const expected = await shape(db);
  await db.query("ROLLBACK TO SAVEPOINT kmig_declared");
  await replayStep(db, step);
  const actual = await shape(db);
  const differences = diffShapes(expected, actual, "declared", "SQL");
  if (differences.length > 0) {
    const at = objectOf(step, differences[0].object);
    throw new RunError(
      "K4120",
      at ? `the SQL of this \`sql\` item does not do what it declares (${at.verb} ${at.kind} ${at.name}): ${differences[0].text}` : `the SQL of this \`sql\` item makes what it does not declare: ${differences[0].text}`,
      at ? "make the declaration say what the SQL does (or the SQL do what it declares)" : "declare it (`creates …`, `alters table t { … }`, `drops …`), or leave it to kmig's own items",
      at?.origin ?? step.origin,
      null,
      { notes: differences.slice(1).map((d) => d.text), label: at ? "declared here" : "this step" },
    );
  }
  if (step.down && step.reversibility.kind === "lossy") {
    await db.query("SAVEPOINT kmig_reverse");
    await replayStep(db, step, step.down);
    const back = diffShapes(before, await shape(db), "before", "after the reverse");
    await db.query("ROLLBACK TO SAVEPOINT kmig_reverse");
    if (back.length > 0) {
      throw new RunError("K4121", `the \`reverse\` of this \`sql\` item does not bring back the schema from before it: ${back[0].text}`, "make the reverse undo everything the SQL does, or leave it out where kmig can derive it (§8.2)", step.origin, null, {
        notes: back.slice(1).map((d) => d.text),
      });
    }
  }
  await db.query("RELEASE SAVEPOINT kmig_declared");
}

async function shape(db: Db): Promise<Shape> {
  const schema = await snapshotSchema(db, SCRATCH, ["public"]);
  const r = await db.query<{ name: string; def: string }>(TYPES, [SCRATCH]);
  return { schema, types: Object.fromEntries(r.rows.map((t) => [t.name, t.def])) };
}

// Enum types with their labels in order; domains with base type, NOT NULL, default and checks by name.
const TYPES = `SELECT t.typname AS name, CASE t.typtype WHEN 'e' THEN 'enum (' || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ')'
   ELSE 'domain ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || t.typdefault, '')
     || coalesce((SELECT string_agg(' CONSTRAINT ' || c.conname || ' ' || pg_get_constraintdef(c.oid), '' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'), '') END AS def
 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype IN ('e', 'd')`;

/** One difference: the object it is about (`table t`, `index i`, `sequence s`, `type t`) and a line for people. */
interface Difference {
  readonly object: { readonly kind: string; readonly name: string; readonly table: string | null };
  readonly text: string;
}

/** The differences between two shapes, worded with what each side is (`declared` / `SQL`). */
function diffShapes(a: Shape, b: Shape, aIs: string, bIs: string): Difference[] {
  const out: Difference[] = [];
  for (const line of diffSchemas(a.schema, b.schema)) {
    const text = line
      .replace(/: missing from the database$/, ` only ${aIs}`)
      .replace(/: in the database, not in the spec$/, ` only ${bIs}`)
      .replace(/ is missing \(spec: (.*)\)$/, ` only ${aIs} ($1)`)
      .replace(/ is not in the spec \(database: (.*)\)$/, ` only ${bIs} ($1)`)
      .replace(/ differs: spec (.*), database (.*)$/, ` differs: ${aIs} $1, ${bIs} $2`);
    out.push({ object: objectOfLine(line), text });
  }
  for (const name of [...new Set([...Object.keys(a.types), ...Object.keys(b.types)])].sort()) {
    const [x, y] = [a.types[name], b.types[name]];
    if (x === y) continue;
    const text = x === undefined ? `type ${name} only ${bIs} (${y})` : y === undefined ? `type ${name} only ${aIs} (${x})` : `type ${name} differs: ${aIs} ${x}, ${bIs} ${y}`;
    out.push({ object: { kind: "type", name, table: null }, text });
  }
  return out;
}

/** What a line of diffSchemas is about: `table t: …`, `t: index i …`, `t: column c …`, `sequence s …`. */
function objectOfLine(line: string): Difference["object"] {
  const seq = /^sequence (\S+)/.exec(line);
  if (seq) return { kind: "sequence", name: seq[1], table: /OWNED BY ([^.\s]+)\./.exec(line)?.[1] ?? null };
  const table = /^table (\S+):/.exec(line);
  if (table) return { kind: "table", name: table[1], table: table[1] };
  const part = /^(\S+): (\w+) (\S+)/.exec(line);
  if (part?.[2] === "index") return { kind: "index", name: part[3], table: part[1] };
  return { kind: "table", name: part?.[1] ?? "", table: part?.[1] ?? null };
}

/** The declaration a difference belongs to: the object itself, else its table's, else none. */
function objectOf(step: SqlStep, o: Difference["object"]): DeclaredObject | null {
  const objects = step.declared?.objects ?? [];
  const kinds = o.kind === "type" ? ["type", "domain"] : [o.kind];
  return objects.find((d) => kinds.includes(d.kind) && d.name === o.name) ?? objects.find((d) => d.kind === "table" && d.name === o.table) ?? null;
}
