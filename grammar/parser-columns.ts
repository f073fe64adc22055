import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, joinSpans, NO_SPAN, stringOf, tokenSpan } from "./leaves.js";
import { hasTypeName, type TypeParts, typeRefOf } from "./type-ref.js";
import { NO_CHILD } from "./parser-base.js";
import { SequenceOptionParser } from "./parser-sequences.js";
import * as T from "./tokens.js";

/** A column's `default e` modifier, before it becomes the column's `default`. */
interface DefaultModifier {
  readonly kind: "Default";
  readonly expr: A.Expr;
}

/** A column's `comment '…'` modifier, before it becomes the column's `comment`. */
interface CommentModifier {
  readonly kind: "CommentModifier";
  readonly text: A.StringLit;
}

/** What a column modifier reads: a constraint mark, or a part of the column itself. */
type Modifier = A.ColumnConstraint | DefaultModifier | CommentModifier | A.IdentitySpec | A.GeneratedSpec;

/** An `on delete …` / `on update …` clause as read. */
export interface FkClause {
  event: "delete" | "update" | undefined;
  action: A.FkAction | null;
}

/**
 * Column definitions (`name type [modifiers]`), type references, and the name lists and
 * `on delete …` clauses that constraints share.
 */
export abstract class ColumnParser extends SequenceOptionParser {
  public columnDef = this.rule("columnDef", (): A.ColumnDef | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    let type: TypeParts | undefined;
    const modifiers: Modifier[] = [];
    try {
      name = this.SUBRULE(this.name);
      type = this.SUBRULE(this.typeRef);
      this.MANY({ GATE: () => this.columnModifierAhead(), DEF: () => this.pushChild(this.SUBRULE(this.columnModifier), modifiers) });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD && type === undefined) type = c as TypeParts;
        else this.pushChild(c, modifiers);
        return this.columnDefOf(name, type, modifiers, m, q);
      });
    }
    return this.RECORDING_PHASE ? null : this.columnDefOf(name, type, modifiers, m, q);
  });

  private columnDefOf(nameTok: IToken | undefined, parts: TypeParts | undefined, modifiers: readonly Modifier[], m: number, q: number): A.ColumnDef | null {
    const name = this.ident(nameTok);
    if (!name || !hasTypeName(parts)) {
      // Dropped: its modifiers are not read, but its type is (and reports its problems).
      this.problems.length = q;
      typeRefOf(parts, this.problems);
      return null;
    }
    const q2 = this.problems.length;
    const type = typeRefOf(parts, this.problems) as A.TypeRef;
    if (nameTok && !nameTok.isInsertedInRecovery && nameTok.image.toLowerCase() === "primary" && parts?.name?.image.toLowerCase() === "key" && (this.problems.length > q2 || type.named)) {
      // A column's modifier on the next line: say so, rather than "unknown type `key`".
      this.problems.length = q2;
      this.problems.push({
        code: "K1201",
        span: joinSpans(tokenSpan(nameTok, parts.span), tokenSpan(parts.name, parts.span)),
        message: "`primary key` on a line of its own reads as a column `primary` of type `key`",
        label: "a modifier on its own line",
        help: "a column's modifiers go on its line (`id uuid primary key`); or make it a table constraint: `primary key (id)`",
      });
    }
    let def: A.Expr | null = null;
    let comment: A.StringLit | undefined;
    let identity: A.IdentitySpec | undefined;
    let generated: A.GeneratedSpec | undefined;
    const constraints: A.ColumnConstraint[] = [];
    const once = (what: string, span: A.Span, seen: unknown) => {
      if (seen !== undefined && seen !== null) this.problems.push({ code: "K2022", span, message: `\`${name.name}\` has ${what} twice`, help: `keep one ${what}`, label: "a second one" });
    };
    for (const mod of modifiers) {
      if (mod.kind === "Default") (once("a default", mod.expr.span, def), (def = mod.expr));
      else if (mod.kind === "CommentModifier") (once("a comment", mod.text.span, comment), (comment = mod.text));
      else if (mod.kind === "IdentitySpec") (once("`generated … as identity`", mod.span, identity), (identity = mod));
      else if (mod.kind === "GeneratedSpec") (once("`generated always as (…)`", mod.span, generated), (generated = mod));
      else constraints.push(mod);
    }
    return { kind: "ColumnDef", name, type, default: def, constraints, ...(comment && { comment }), ...(identity && { identity }), ...(generated && { generated }), span: this.spanFrom(m) };
  }

  /**
   * Column modifiers end where a table-level constraint or the next statement begins. A modifier
   * starts on the column's line: a line that begins with `default`, `unique`, … begins a new
   * element (so that a column may be called `default`).
   */
  private columnModifierAhead(): boolean {
    if (this.startsLine(1)) return false;
    if (this.la(1, T.Default)) return !this.la(2, T.ColonEq);
    if (this.la(1, T.Primary)) return this.la(2, T.Key) && !this.la(3, T.LParen);
    // On the column's line `unique :=` is the mark before an `add`'s `:=`, not an assignment,
    // and `unique` then an `index` statement on the next line is the mark too.
    if (this.la(1, T.Unique)) return !this.la(2, T.LParen) && !(this.la(2, T.Index) && !this.startsLine(2));
    if (this.la(1, T.References)) return this.isName(2);
    if (this.la(1, T.Check)) return this.la(2, T.LParen);
    if (this.la(1, T.Comment)) return this.stringAhead(2);
    if (this.la(1, T.Generated)) return this.la(2, T.Always) || this.la(2, T.By);
    return false;
  }

  /** Whether LA(i) is a string literal (`'…'` or a triple-quoted one). */
  protected stringAhead(i: number): boolean {
    return this.la(i, T.StringLiteral) || this.la(i, T.TripleString);
  }

  /** A constraint mark, a `default` or `comment` (for the column to take), or null when recovery left it without its point. */
  public columnModifier = this.rule("columnModifier", (): Modifier | null => {
    const m = this.mark();
    const mod: ModifierParts = { kind: undefined, expr: undefined, table: undefined, column: undefined, text: undefined, actions: [], readingActions: false, always: false, options: [] };
    try {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Default);
            mod.kind = "Default";
            mod.expr = this.SUBRULE(this.expr);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Primary);
            mod.kind = "PrimaryKeyMark";
            this.CONSUME(T.Key);
          },
        },
        { ALT: () => (this.CONSUME(T.Unique), (mod.kind = "UniqueMark")) },
        {
          ALT: () => {
            this.CONSUME(T.References);
            mod.kind = "ReferencesMark";
            mod.table = this.SUBRULE(this.name);
            this.OPTION(() => {
              this.CONSUME(T.LParen);
              mod.column = this.SUBRULE2(this.name);
              this.CONSUME(T.RParen);
            });
            mod.readingActions = true;
            this.MANY({ GATE: () => this.notAssignment(), DEF: () => mod.actions.push(this.SUBRULE(this.fkAction)) });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Check);
            mod.kind = "CheckMark";
            this.CONSUME2(T.LParen);
            mod.expr = this.SUBRULE2(this.expr);
            this.CONSUME2(T.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Comment);
            mod.kind = "CommentModifier";
            mod.text = this.SUBRULE(this.string);
          },
        },
        { ALT: () => this.generatedModifier(mod) },
      ]);
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (mod.readingActions) mod.actions.push(c as FkClause);
          else if (mod.kind === "IdentitySpec") mod.options = c as A.SequenceOption[];
          else mod.expr = c as A.Expr;
        }
        return this.modifierOf(mod, m);
      });
    }
    return this.RECORDING_PHASE ? null : this.modifierOf(mod, m);
  });

  /**
   * `generated always as identity [(options)]`, `generated by default as identity [(options)]`,
   * `generated always as (expr) stored` (PostgreSQL has no `by default` form of a computed column).
   */
  private generatedModifier(mod: ModifierParts): void {
    this.CONSUME(T.Generated);
    this.OR3([
      {
        ALT: () => {
          this.CONSUME(T.Always);
          mod.always = true;
          this.CONSUME(T.As);
          this.OR4([
            { ALT: () => this.identityTail(mod, 1) },
            {
              ALT: () => {
                this.CONSUME3(T.LParen);
                mod.kind = "GeneratedSpec";
                mod.expr = this.SUBRULE3(this.expr);
                this.CONSUME3(T.RParen);
                this.CONSUME(T.Stored);
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.By);
          this.CONSUME2(T.Default);
          this.CONSUME2(T.As);
          this.identityTail(mod, 2);
        },
      },
    ]);
  }

  /** `identity [(options)]`; `n` keeps the two places it is read apart (chevrotain counts occurrences). */
  private identityTail(mod: ModifierParts, n: 1 | 2): void {
    if (n === 1) this.CONSUME(T.Identity);
    else this.CONSUME2(T.Identity);
    mod.kind = "IdentitySpec";
    if (n === 1) this.OPTION2(() => (mod.options = this.SUBRULE(this.sequenceOptionList)));
    else this.OPTION3(() => (mod.options = this.SUBRULE2(this.sequenceOptionList)));
  }

  private modifierOf(mod: ModifierParts, m: number): Modifier | null {
    const span = this.spanFrom(m);
    switch (mod.kind) {
      case "IdentitySpec":
        return { kind: "IdentitySpec", always: mod.always, options: mod.options, span };
      case "GeneratedSpec":
        return { kind: "GeneratedSpec", expr: mod.expr ?? errorExpr(NO_SPAN), span };
      case "CommentModifier": {
        const text = this.RECORDING_PHASE ? null : stringOf(mod.text, this.problems);
        return text ? { kind: "CommentModifier", text } : null;
      }
      case "Default":
        return { kind: "Default", expr: mod.expr ?? errorExpr(NO_SPAN) };
      case "PrimaryKeyMark":
      case "UniqueMark":
        return { kind: mod.kind, span };
      case "CheckMark":
        return { kind: "CheckMark", expr: mod.expr ?? errorExpr(NO_SPAN), span };
      case "ReferencesMark": {
        const table = this.ident(mod.table);
        if (!table) return null;
        return { kind: "ReferencesMark", table, column: this.ident(mod.column), ...fkActions(mod.actions), span };
      }
      default:
        return null;
    }
  }

  /** `(a, b)`: the names read. */
  public nameList = this.rule("nameList", (): A.Ident[] => {
    const names: A.Ident[] = [];
    try {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.pushChild(this.ident(this.SUBRULE(this.name)), names) });
      this.CONSUME(T.RParen);
    } catch (e) {
      throw this.failed(e, () => names);
    }
    return names;
  });

  /** `on delete cascade`, `on update set null`, … */
  public fkAction = this.rule("fkAction", (): FkClause => {
    const clause: FkClause = { event: undefined, action: null };
    try {
      this.CONSUME(T.On);
      this.OR([{ ALT: () => (this.CONSUME(T.Delete), (clause.event = "delete")) }, { ALT: () => (this.CONSUME(T.Update), (clause.event = "update")) }]);
      this.OR2([
        { ALT: () => (this.CONSUME(T.Cascade), (clause.action = "cascade")) },
        { ALT: () => (this.CONSUME(T.Restrict), (clause.action = "restrict")) },
        {
          ALT: () => {
            this.CONSUME(T.No);
            clause.action = "no action";
            this.CONSUME(T.Action);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Set);
            this.OR3([{ ALT: () => (this.CONSUME(T.Null), (clause.action = "set null")) }, { ALT: () => (this.CONSUME(T.Default), (clause.action = "set default")) }]);
          },
        },
      ]);
    } catch (e) {
      throw this.failed(e, () => clause);
    }
    return clause;
  });
}

/** The `on delete` / `on update` actions of a list of clauses; a later clause for the same event wins. */
export function fkActions(clauses: readonly FkClause[]): { onDelete: A.FkAction | null; onUpdate: A.FkAction | null } {
  let onDelete: A.FkAction | null = null;
  let onUpdate: A.FkAction | null = null;
  for (const c of clauses) {
    if (c.event === "delete") onDelete = c.action;
    else if (c.event === "update") onUpdate = c.action;
  }
  return { onDelete, onUpdate };
}

interface ModifierParts {
  kind: "Default" | "PrimaryKeyMark" | "UniqueMark" | "ReferencesMark" | "CheckMark" | "CommentModifier" | "IdentitySpec" | "GeneratedSpec" | undefined;
  /** `generated always` (not `by default`). */
  always: boolean;
  /** The sequence options of an identity. */
  options: A.SequenceOption[];
  expr: A.Expr | undefined;
  table: IToken | undefined;
  column: IToken | undefined;
  /** The string of a `comment`. */
  text: IToken | undefined;
  actions: FkClause[];
  readingActions: boolean;
}

