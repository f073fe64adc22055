import type * as A from "../ast.js";
import { typeToString } from "../literals.js";
import { row, type CellSpec, type Stmt } from "./body.js";
import { flat, PREC } from "./expr-flat.js";
import { layoutAssigned, layoutExpr, type At, type ExprPrinter } from "./expr-layout.js";
import { below, endColumn, INDENT, isSingleLine, join, reaching, text, widthOf, type Block } from "./layout.js";
import { identText, stringText } from "./words.js";

/**
 * Table statements as rows of cells: `name type modifiers` in `create table`, and in a
 * `table` block `add …`, `rename … -> …`, `col := …` and `alter …` rows that line up with
 * their neighbours of the same kind.
 */
export function tableElementStmt(p: ExprPrinter, el: A.TableElement, indent: number): Stmt {
  switch (el.kind) {
    case "ColumnDef":
      return row("column", el.span, indent, columnCells(p, el), 2);
    case "PrimaryKeyConstraint":
    case "UniqueConstraint":
    case "CheckConstraint":
    case "ForeignKeyConstraint":
    case "ExcludeConstraint":
      return row(null, el.span, indent, [(at) => constraint(p, el, at)]);
    case "IndexDef":
      return row(null, el.span, indent, [(at) => indexDef(p, el, at)]);
    case "ExpectClause":
      return row(null, el.span, indent, [(at) => expectClause(p, el, at)]);
    case "TableComment":
      return row(null, el.span, indent, [commentText(el.text)]);
  }
}

/** `comment '…'`, or `comment null`. */
function commentText(t: A.StringLit | null): string {
  return `comment ${t ? stringText(t.value) : "null"}`;
}

/** A statement of a `table name { … }` block. */
export function tableActionStmt(p: ExprPrinter, a: A.TableAction, indent: number): Stmt {
  switch (a.kind) {
    case "AddColumn":
      return row("add", a.span, indent, ["add", ...columnCells(p, a.column), assigned(p, ":=", a.compute), inverse(p, a.inverse)], 3);
    case "DropColumn":
      return row("drop", a.span, indent, ["drop", identText(a.name), inverse(p, a.inverse)], 2);
    case "RenameColumn":
      return row("rename", a.span, indent, [
        "rename",
        identText(a.from),
        `-> ${identText(a.to)}`,
        assigned(p, "default", a.default),
        assigned(p, ":=", a.compute),
        inverse(p, a.inverse),
      ], 2);
    case "AlterColumn":
      return row("alter", a.span, indent, ["alter", identText(a.name), (at) => columnChange(p, a.change, at), inverse(p, a.inverse)], 2);
    case "AssignColumn":
      return row("assign", a.span, indent, [identText(a.target), assigned(p, ":=", a.value), inverse(p, a.inverse)], 1);
    case "AddConstraint":
      return row(null, a.span, indent, [(at) => join("add ", constraint(p, a.constraint, { ...at, col: at.col + 4 }))]);
    case "DropConstraint":
      return row(null, a.span, indent, [`drop constraint ${identText(a.name)}`]);
    case "DropIndex":
      return row(null, a.span, indent, [`drop index ${identText(a.name)}${a.concurrently ? " concurrently" : ""}`]);
    case "IndexDef":
      return row(null, a.span, indent, [(at) => indexDef(p, a, at)]);
    case "ExpectClause":
      return row(null, a.span, indent, [(at) => expectClause(p, a, at)]);
    case "TableComment":
      return row(null, a.span, indent, [commentText(a.text)]);
    case "RenameConstraint":
    case "RenameIndex":
      return row(null, a.span, indent, [`rename ${a.kind === "RenameIndex" ? "index" : "constraint"} ${identText(a.from)} -> ${identText(a.to)}`]);
    case "ValidateConstraint":
      return row(null, a.span, indent, [`validate constraint ${identText(a.name)}`]);
    case "Allow":
      return row(null, a.span, indent, [allowText(a)]);
    case "ReplicaIdentity":
      return row(null, a.span, indent, [`replica identity ${a.mode === "index" && a.index ? `using index ${identText(a.index)}` : a.mode}`]);
    case "TableOption":
      return row(null, a.span, indent, [a.option]);
  }
}

/**
 * `name`, `type`, then the modifiers: constraint marks first, then the comment, `default` last, so
 * that a long default is the one thing that may run over several lines.
 */
function columnCells(p: ExprPrinter, c: A.ColumnDef): CellSpec[] {
  const parts: ((at: At) => Block)[] = c.constraints.map((m) => (at: At) => columnMark(p, m, at));
  const identity = c.identity;
  if (identity) parts.push(() => text(identityText(identity), identity.span.end));
  const generated = c.generated;
  if (generated) parts.push((at) => reaching(join("generated always as (", layoutExpr(p, generated.expr, { ...at, col: at.col + 20, reserve: at.reserve + 8 }), ") stored"), generated.span.end));
  const comment = c.comment;
  if (comment) parts.push(() => text(commentText(comment), comment.span.end));
  const def = c.default;
  if (def) parts.push((at) => layoutAssigned(p, "default", def, at));
  const modifiers = (at: At): Block => {
    let out: Block | null = null;
    for (const part of parts) {
      const b = part({ ...at, col: out ? endColumn(out, at.col) + 1 : at.col });
      out = out ? join(out, " ", b) : b;
    }
    return out ?? text("");
  };
  return [identText(c.name), typeToString(c.type), parts.length > 0 ? modifiers : null];
}

/** `generated always as identity (start with 10 increment by 2)`. */
function identityText(i: A.IdentitySpec): string {
  const options = i.options.length > 0 ? ` (${i.options.map(sequenceOptionText).join(" ")})` : "";
  return `generated ${i.always ? "always" : "by default"} as identity${options}`;
}

/** A sequence option in PostgreSQL's words, with its noise words: `start with 10`, `no minvalue`. */
export function sequenceOptionText(o: A.SequenceOption): string {
  const n = o.value?.text ?? "";
  switch (o.option) {
    case "start":
      return `start with ${n}`;
    case "increment":
      return `increment by ${n}`;
    case "minvalue":
    case "maxvalue":
      return o.no ? `no ${o.option}` : `${o.option} ${n}`;
    case "cache":
      return `cache ${n}`;
    case "cycle":
      return o.no ? "no cycle" : "cycle";
    case "restart":
      return o.value ? `restart with ${n}` : "restart";
  }
}

/** An item of `create` / `alter sequence`. */
export function sequenceItemText(i: A.SequenceItem): string {
  switch (i.kind) {
    case "SequenceOption":
      return sequenceOptionText(i);
    case "SequenceAs":
      return `as ${typeToString(i.type)}`;
    case "SequenceOwnedBy":
      return i.table && i.column ? `owned by ${identText(i.table)}.${identText(i.column)}` : "owned by none";
  }
}

function columnMark(p: ExprPrinter, m: A.ColumnConstraint, at: At): Block {
  switch (m.kind) {
    case "PrimaryKeyMark":
      return text("primary key", m.span.end);
    case "UniqueMark":
      return text("unique", m.span.end);
    case "ReferencesMark": {
      const column = m.column ? ` (${identText(m.column)})` : "";
      return text(`references ${identText(m.table)}${column}${fkActions(m.onDelete, m.onUpdate)}`, m.span.end);
    }
    case "CheckMark":
      return reaching(check(p, m.expr, at), m.span.end);
  }
}

function check(p: ExprPrinter, e: A.Expr, at: At): Block {
  return join("check (", layoutExpr(p, e, { ...at, col: at.col + 7, reserve: at.reserve + 1 }), ")");
}

function fkActions(onDelete: A.FkAction | null, onUpdate: A.FkAction | null): string {
  return `${onDelete ? ` on delete ${onDelete}` : ""}${onUpdate ? ` on update ${onUpdate}` : ""}`;
}

function names(ids: readonly A.Ident[]): string {
  return `(${ids.map(identText).join(", ")})`;
}

/** A table-level constraint, with its `constraint name` if it has one, and its options in PostgreSQL's order. */
export function constraint(p: ExprPrinter, c: A.TableConstraint, at: At): Block {
  const named = c.name ? `constraint ${identText(c.name)} ` : "";
  switch (c.kind) {
    case "PrimaryKeyConstraint":
      return text(`${named}primary key ${names(c.columns)}${indexOptionsText(c)}${deferralText(c.deferral)}`);
    case "UniqueConstraint":
      return text(`${named}unique ${c.nullsNotDistinct ? "nulls not distinct " : ""}${names(c.columns)}${indexOptionsText(c)}${deferralText(c.deferral)}`);
    case "CheckConstraint":
      return join(named, check(p, c.expr, { ...at, col: at.col + named.length, reserve: at.reserve + (c.notValid ? 10 : 0) }), c.notValid ? " not valid" : "");
    case "ForeignKeyConstraint":
      return text(`${named}foreign key ${names(c.columns)} references ${identText(c.refTable)} ${names(c.refColumns)}${fkActions(c.onDelete, c.onUpdate)}${deferralText(c.deferral)}${c.notValid ? " not valid" : ""}`);
    case "ExcludeConstraint": {
      const elements = c.elements.map((e) => `${indexColumnText(e.column)} with ${e.operator}`).join(", ");
      const head = `${named}exclude${c.method ? ` using ${identText(c.method)}` : ""} (${elements})${indexOptionsText(c)}${deferralText(c.deferral)}`;
      if (!c.where) return text(head);
      return join(head, " where ", layoutExpr(p, c.where, { ...at, col: at.col + head.length + 7 }));
    }
  }
}

/** ` include (…) with (…)`, each when written. */
function indexOptionsText(o: A.IndexOptions): string {
  const include = o.include ? ` include ${names(o.include)}` : "";
  const params = o.with ? ` with (${o.with.map((x) => `${identText(x.name)} = ${x.value}`).join(", ")})` : "";
  return include + params;
}

function deferralText(d: A.Deferral | undefined): string {
  if (!d) return "";
  return d.deferrable ? ` deferrable${d.initiallyDeferred ? " initially deferred" : ""}` : " not deferrable";
}

/** `name [opclass] [desc] [nulls first|last]`. */
function indexColumnText(c: A.IndexColumn): string {
  return `${identText(c.name)}${c.opclass ? ` ${identText(c.opclass)}` : ""}${c.descending ? " desc" : ""}${c.nulls ? ` nulls ${c.nulls}` : ""}`;
}

/** `[unique] index [name] [using m] (…) …`; with `on` (a `sql` item's `creates index`), `… index name on t [using m] (…)`. */
export function indexDef(p: ExprPrinter, d: A.IndexDef, at: At, on: A.Ident | null = null): Block {
  const columns = d.columns.map(indexColumnText).join(", ");
  const include = d.include ? ` include ${names(d.include)}` : "";
  const options = `${include}${d.nullsNotDistinct ? " nulls not distinct" : ""}${indexOptionsText({ with: d.with })}`;
  const head = `${d.unique ? "unique " : ""}index${d.name ? ` ${identText(d.name)}` : ""}${on ? ` on ${identText(on)}` : ""}${d.method ? ` using ${identText(d.method)}` : ""} (${columns})${options}`;
  const tail = d.concurrently ? " concurrently" : "";
  if (!d.where) return text(head + tail);
  const where = layoutExpr(p, d.where, { ...at, col: at.col + head.length + 7, reserve: at.reserve + tail.length });
  return join(head, " where ", where, tail);
}

/** `expect claim [when condition]`. */
export function expectClause(p: ExprPrinter, x: A.ExpectClause, at: At): Block {
  // In a config block `expect {` would open a block for a key named `expect`.
  const minPrec = flat(x.expr).startsWith("{") ? PREC.primary + 1 : 0;
  const claim = join("expect ", layoutExpr(p, x.expr, { ...at, col: at.col + 7 }, minPrec));
  if (!x.when) return claim;
  const when = x.when;
  const sameLine = () => join(claim, " when ", layoutExpr(p, when, { ...at, col: endColumn(claim, at.col) + 6 }));
  if (!isSingleLine(claim) || endColumn(claim, at.col) + 6 + widthOf(flat(when)) + at.reserve <= p.width) return sameLine();
  // A long condition goes on the next line: `expect claim` / `  when condition`.
  const inner = at.indent + INDENT;
  return below(claim, join("when ", layoutExpr(p, when, { indent: inner, col: inner + 5, reserve: at.reserve })), inner);
}

function columnChange(p: ExprPrinter, c: A.ColumnChange, at: At): Block {
  switch (c.kind) {
    case "SetType": {
      const head = `type ${typeToString(c.type)}`;
      return c.using ? join(head, " ", layoutAssigned(p, "using", c.using, { ...at, col: at.col + head.length + 1 })) : text(head);
    }
    case "SetDefault":
      return join("set ", layoutAssigned(p, "default", c.expr, { ...at, col: at.col + 4 }));
    case "DropDefault":
      return text("drop default");
    case "SetNotNull":
      return text("set not null");
    case "DropNotNull":
      return text("drop not null");
    case "SetComment":
      return text(commentText(c.text));
  }
}

function assigned(p: ExprPrinter, kw: string, e: A.Expr | null): CellSpec {
  return e ? (at) => layoutAssigned(p, kw, e, at) : null;
}

/** `reverse e` or `irreversible 'why'` after a step. */
export function inverse(p: ExprPrinter, inv: A.StepInverse | null): CellSpec {
  if (!inv) return null;
  if (inv.kind === "IrreversibleClause") return `irreversible ${stringText(inv.reason.value)}`;
  return (at) => layoutAssigned(p, "reverse", inv.expr, at);
}

/** `allow K5007 'reason'` (an item, or an action of a table block). */
export function allowText(a: A.Allow): string {
  return `allow ${identText(a.code)}${a.reason ? ` ${stringText(a.reason.value)}` : ""}`;
}
