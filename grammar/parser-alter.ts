import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, NO_SPAN, stringOf } from "./leaves.js";
import { type TypeParts, typeRefOf } from "./type-ref.js";
import { NO_CHILD } from "./parser-base.js";
import { TableParser } from "./parser-table.js";
import * as T from "./tokens.js";

/**
 * `table name { … }`: the actions on an existing table, and the `reverse` / `irreversible`
 * clauses a step may end with. An action that recovery left without its name is dropped, and the
 * problems of the parts it would have used are taken back (see `ParserBase.problems`).
 */
export abstract class AlterParser extends TableParser {
  public alterTable = this.rule("alterTable", (): A.AlterTable | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    const actions: A.TableAction[] = [];
    try {
      this.CONSUME(T.Table);
      name = this.SUBRULE(this.name);
      this.CONSUME(T.LBrace);
      this.statements(this.tableAction, "tableAction", actions);
      this.CONSUME(T.RBrace);
    } catch (e) {
      throw this.failed(e, (c) => this.alterTableOf(name, this.pushChild(c, actions), m, q));
    }
    return this.alterTableOf(name, actions, m, q);
  });

  protected alterTableOf(name: IToken | undefined, actions: A.TableAction[], m: number, q: number): A.AlterTable | null {
    const id = this.ident(name);
    if (!id) return this.dropped(q);
    return { kind: "AlterTable", name: id, actions, span: this.spanFrom(m) };
  }

  private readonly tableActionAlts = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { GATE: () => this.tableCommentAhead(), ALT: () => this.SUBRULE(this.tableComment) as A.TableAction | null },
      { GATE: () => this.la(1, T.Add) && this.constraintAhead(2), ALT: () => this.SUBRULE(this.addConstraint) },
      { ALT: () => this.SUBRULE(this.addColumn) },
      // `drop index` alone on its line drops a column named `index`.
      { GATE: () => this.la(1, T.Drop) && this.la(2, T.Index) && this.isName(3) && !this.startsLine(3), ALT: () => this.SUBRULE(this.dropIndex) },
      { GATE: () => this.la(1, T.Drop) && this.la(2, T.Constraint) && this.isName(3) && !this.startsLine(3), ALT: () => this.SUBRULE(this.dropConstraint) },
      // `rename constraint -> c` renames a column named `constraint`.
      { GATE: () => this.la(1, T.Rename) && (this.la(2, T.Constraint) || this.la(2, T.Index)) && this.isName(3) && !this.startsLine(3), ALT: () => this.SUBRULE(this.renameRelation) },
      { GATE: () => this.la(1, T.Validate) && this.la(2, T.Constraint) && !this.startsLine(2), ALT: () => this.SUBRULE(this.validateConstraint) },
      // `allow K5007 '…'`; `allow := …` and `allow` alone on its line name a column `allow`.
      { GATE: () => this.la(1, T.Allow) && this.isName(2) && !this.startsLine(2), ALT: () => this.SUBRULE(this.allow) },
      { GATE: () => this.la(1, T.Replica) && this.la(2, T.Identity) && !this.startsLine(2), ALT: () => this.SUBRULE(this.replicaIdentity) },
      { GATE: () => this.tableOptionAhead(), ALT: () => this.SUBRULE(this.tableOption) },
      { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.dropColumn) },
      { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.renameColumn) },
      { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.alterColumn) },
      { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.indexDef) },
      { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.expectClause) },
      { ALT: () => this.SUBRULE(this.assignColumn) },
    ],
  };

  /** `recreate views` / `triggers fire`, the two words on one line (a column may still be called `recreate`: `recreate := …`). */
  private tableOptionAhead(): boolean {
    return ((this.la(1, T.Recreate) && this.la(2, T.Views)) || (this.la(1, T.Triggers) && this.la(2, T.Fire))) && !this.startsLine(2);
  }

  public tableOption = this.rule("tableOption", (): A.TableOption | null => {
    const m = this.mark();
    let option: A.TableOption["option"] | null = null;
    try {
      this.OR([
        { ALT: () => (this.CONSUME(T.Recreate), this.CONSUME(T.Views), (option = "recreate views")) },
        { ALT: () => (this.CONSUME(T.Triggers), this.CONSUME(T.Fire), (option = "triggers fire")) },
      ]);
    } catch (e) {
      throw this.failed(e, () => null);
    }
    return option === null || this.RECORDING_PHASE ? null : { kind: "TableOption", option, span: this.spanFrom(m) };
  });

  public tableAction = this.rule("tableAction", (): A.TableAction | null => this.dispatch(this.tableActionAlts));

  public addConstraint = this.rule("addConstraint", (): A.AddConstraint | null => {
    const m = this.mark();
    let constraint: A.TableConstraint | null = null;
    try {
      this.CONSUME(T.Add);
      constraint = this.SUBRULE(this.tableConstraint);
    } catch (e) {
      throw this.failed(e, (c) => (c === NO_CHILD ? null : this.addConstraintOf(c as A.TableConstraint | null, m)));
    }
    return this.addConstraintOf(constraint, m);
  });

  private addConstraintOf(constraint: A.TableConstraint | null, m: number): A.AddConstraint | null {
    return constraint ? { kind: "AddConstraint", constraint, span: this.spanFrom(m) } : null;
  }

  public addColumn = this.rule("addColumn", (): A.AddColumn | null => {
    const m = this.mark();
    const s: StepParts = { column: undefined, compute: undefined, inverse: undefined, reading: "column" };
    /** Where the problem list stood after the column: what follows is not read if the column is dropped. */
    let afterColumn = -1;
    try {
      this.CONSUME(T.Add);
      s.column = this.SUBRULE(this.columnDef);
      afterColumn = this.problems.length;
      this.OPTION(() => {
        this.CONSUME(T.ColonEq);
        s.reading = "compute";
        s.compute = this.SUBRULE(this.expr);
      });
      this.OPTION2({ GATE: () => this.notAssignment(), DEF: () => ((s.reading = "inverse"), (s.inverse = this.SUBRULE(this.stepInverse))) });
    } catch (e) {
      throw this.failed(e, (c) => this.addColumnOf(withPart(s, c), afterColumn, m));
    }
    return this.RECORDING_PHASE ? null : this.addColumnOf(s, afterColumn, m);
  });

  private addColumnOf(s: StepParts, afterColumn: number, m: number): A.AddColumn | null {
    const column = s.column as A.ColumnDef | null | undefined;
    if (!column) {
      if (afterColumn >= 0) this.problems.length = afterColumn;
      return null;
    }
    return { kind: "AddColumn", column, compute: s.compute ?? null, inverse: s.inverse ?? null, span: this.spanFrom(m) };
  }

  public dropColumn = this.rule("dropColumn", (): A.DropColumn | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    let inverse: A.StepInverse | null | undefined;
    try {
      this.CONSUME(T.Drop);
      name = this.SUBRULE(this.name);
      this.OPTION({ GATE: () => this.notAssignment(), DEF: () => (inverse = this.SUBRULE(this.stepInverse)) });
    } catch (e) {
      throw this.failed(e, (c) => this.dropColumnOf(name, c === NO_CHILD ? inverse : (c as A.StepInverse | null), m, q));
    }
    return this.dropColumnOf(name, inverse, m, q);
  });

  private dropColumnOf(nameTok: IToken | undefined, inverse: A.StepInverse | null | undefined, m: number, q: number): A.DropColumn | null {
    const name = this.ident(nameTok);
    return name ? { kind: "DropColumn", name, inverse: inverse ?? null, span: this.spanFrom(m) } : this.dropped(q);
  }

  public dropIndex = this.rule("dropIndex", (): A.DropIndex | null => {
    const m = this.mark();
    let name: IToken | undefined;
    let concurrently = false;
    try {
      this.CONSUME(T.Drop);
      this.CONSUME(T.Index);
      name = this.SUBRULE(this.name);
      this.OPTION({ GATE: () => this.notAssignment(), DEF: () => (this.CONSUME(T.Concurrently), (concurrently = true)) });
    } catch (e) {
      throw this.failed(e, () => this.dropIndexOf(name, concurrently, m));
    }
    return this.dropIndexOf(name, concurrently, m);
  });

  private dropIndexOf(nameTok: IToken | undefined, concurrently: boolean, m: number): A.DropIndex | null {
    const name = this.ident(nameTok);
    return name ? { kind: "DropIndex", name, concurrently, span: this.spanFrom(m) } : null;
  }

  public dropConstraint = this.rule("dropConstraint", (): A.DropConstraint | null => {
    const m = this.mark();
    let name: IToken | undefined;
    try {
      this.CONSUME(T.Drop);
      this.CONSUME(T.Constraint);
      name = this.SUBRULE(this.name);
    } catch (e) {
      throw this.failed(e, () => this.dropConstraintOf(name, m));
    }
    return this.dropConstraintOf(name, m);
  });

  private dropConstraintOf(nameTok: IToken | undefined, m: number): A.DropConstraint | null {
    const name = this.ident(nameTok);
    return name ? { kind: "DropConstraint", name, span: this.spanFrom(m) } : null;
  }

  public renameColumn = this.rule("renameColumn", (): A.RenameColumn | null => {
    const m = this.mark();
    const q = this.problems.length;
    let from: IToken | undefined;
    let to: IToken | undefined;
    const s: StepParts = { column: undefined, compute: undefined, inverse: undefined, reading: "column" };
    try {
      this.CONSUME(T.Rename);
      from = this.SUBRULE(this.name);
      this.CONSUME(T.Arrow);
      to = this.SUBRULE2(this.name);
      this.OPTION({
        GATE: () => !this.la(2, T.ColonEq),
        DEF: () => {
          this.CONSUME(T.Default);
          s.reading = "default";
          s.default = this.SUBRULE(this.expr);
        },
      });
      this.OPTION2(() => {
        this.CONSUME(T.ColonEq);
        s.reading = "compute";
        s.compute = this.SUBRULE2(this.expr);
      });
      this.OPTION3({ GATE: () => this.notAssignment(), DEF: () => ((s.reading = "inverse"), (s.inverse = this.SUBRULE(this.stepInverse))) });
    } catch (e) {
      throw this.failed(e, (c) => this.renameColumnOf(from, to, withPart(s, c), m, q));
    }
    return this.renameColumnOf(from, to, s, m, q);
  });

  private renameColumnOf(fromTok: IToken | undefined, toTok: IToken | undefined, s: StepParts, m: number, q: number): A.RenameColumn | null {
    const from = this.ident(fromTok);
    const to = this.ident(toTok);
    if (!from || !to) return this.dropped(q);
    return { kind: "RenameColumn", from, to, default: s.default ?? null, compute: s.compute ?? null, inverse: s.inverse ?? null, span: this.spanFrom(m) };
  }

  public alterColumn = this.rule("alterColumn", (): A.AlterColumn | null => {
    const m = this.mark();
    const a: AlterParts = { q: this.problems.length, beforeInverse: -1, name: undefined, change: undefined, type: undefined, expr: undefined, text: undefined, defaultWord: false, nullWord: false, inverse: undefined, reading: "" };
    try {
      this.CONSUME(T.Alter);
      a.name = this.SUBRULE(this.name);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Type);
            a.change = "type";
            a.reading = "type";
            a.type = this.SUBRULE(this.typeRef);
            this.OPTION({
              GATE: () => this.notAssignment(),
              DEF: () => {
                this.CONSUME(T.Using);
                a.reading = "expr";
                a.expr = this.SUBRULE(this.expr);
              },
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Set);
            a.change = "set";
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME(T.Default);
                  a.defaultWord = true;
                  a.reading = "expr";
                  a.expr = this.SUBRULE2(this.expr);
                },
              },
              { ALT: () => (this.CONSUME(T.Not), this.CONSUME(T.Null), (a.nullWord = true)) },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Comment);
            a.change = "comment";
            this.OR4([{ ALT: () => (a.text = this.SUBRULE(this.string)) }, { ALT: () => (this.CONSUME3(T.Null), (a.nullWord = true)) }]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Drop);
            a.change = "drop";
            this.OR3([{ ALT: () => (this.CONSUME2(T.Default), (a.defaultWord = true)) }, { ALT: () => (this.CONSUME2(T.Not), this.CONSUME2(T.Null), (a.nullWord = true)) }]);
          },
        },
      ]);
      a.beforeInverse = this.problems.length;
      this.OPTION2({ GATE: () => this.notAssignment(), DEF: () => ((a.reading = "inverse"), (a.inverse = this.SUBRULE(this.stepInverse))) });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (a.reading === "type") a.type = c as TypeParts;
          else if (a.reading === "expr") a.expr = c as A.Expr;
          else if (a.reading === "inverse") a.inverse = c as A.StepInverse | null;
        }
        return this.alterColumnOf(a, m);
      });
    }
    return this.RECORDING_PHASE ? null : this.alterColumnOf(a, m);
  });

  /** The step's `reverse`/`irreversible` is read first: it keeps its problems even when the step is dropped. */
  private alterColumnOf(a: AlterParts, m: number): A.AlterColumn | null {
    const name = this.ident(a.name);
    const beforeInverse = a.beforeInverse >= 0 ? a.beforeInverse : this.problems.length;
    if (!name) {
      this.retract(a.q, beforeInverse);
      return null;
    }
    const span = this.spanFrom(m);
    let change: A.ColumnChange | null = null;
    if (a.change === "type") {
      const type = typeRefOf(a.type, this.problems);
      if (type) change = { kind: "SetType", type, using: a.expr ?? null, span };
      else this.retract(a.q, beforeInverse);
    } else if (a.change === "set") {
      change = a.defaultWord ? { kind: "SetDefault", expr: a.expr ?? errorExpr(NO_SPAN), span } : a.nullWord ? { kind: "SetNotNull", span } : null;
    } else if (a.change === "drop") {
      change = a.defaultWord ? { kind: "DropDefault", span } : a.nullWord ? { kind: "DropNotNull", span } : null;
    } else if (a.change === "comment") {
      const text = stringOf(a.text, this.problems);
      change = text || a.nullWord ? { kind: "SetComment", text, span } : null;
    }
    return change ? { kind: "AlterColumn", name, change, inverse: a.inverse ?? null, span } : null;
  }

  public assignColumn = this.rule("assignColumn", (): A.AssignColumn | null => {
    const m = this.mark();
    const q = this.problems.length;
    let target: IToken | undefined;
    const s: StepParts = { column: undefined, compute: undefined, inverse: undefined, reading: "column" };
    try {
      target = this.SUBRULE(this.name);
      this.CONSUME(T.ColonEq);
      s.reading = "compute";
      s.compute = this.SUBRULE(this.expr);
      this.OPTION({ GATE: () => this.notAssignment(), DEF: () => ((s.reading = "inverse"), (s.inverse = this.SUBRULE(this.stepInverse))) });
    } catch (e) {
      throw this.failed(e, (c) => this.assignColumnOf(target, withPart(s, c), m, q));
    }
    return this.assignColumnOf(target, s, m, q);
  });

  private assignColumnOf(targetTok: IToken | undefined, s: StepParts, m: number, q: number): A.AssignColumn | null {
    const target = this.ident(targetTok);
    if (!target) return this.dropped(q);
    return { kind: "AssignColumn", target, value: s.compute ?? errorExpr(NO_SPAN), inverse: s.inverse ?? null, span: this.spanFrom(m) };
  }

  // ---------------------------------------------------------------- step suffixes

  /** `reverse expr` or `irreversible 'why'` after a step. */
  public stepInverse = this.rule("stepInverse", (): A.StepInverse | null => {
    const m = this.mark();
    let reverse = false;
    let expr: A.Expr | undefined;
    let irreversible: A.IrreversibleClause | null = null;
    try {
      this.OR([
        {
          GATE: () => !this.la(2, T.ColonEq),
          ALT: () => {
            this.CONSUME(T.Reverse);
            reverse = true;
            expr = this.SUBRULE(this.expr);
          },
        },
        { ALT: () => (irreversible = this.SUBRULE(this.irreversible)) },
      ]);
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (reverse) expr = c as A.Expr;
          else irreversible = c as A.IrreversibleClause | null;
        }
        return reverse ? this.reverseOf(expr, m) : irreversible;
      });
    }
    return reverse ? this.reverseOf(expr, m) : irreversible;
  });

  private reverseOf(expr: A.Expr | undefined, m: number): A.ReverseClause {
    return { kind: "ReverseClause", expr: expr ?? errorExpr(NO_SPAN), span: this.spanFrom(m) };
  }

  public irreversible = this.rule("irreversible", (): A.IrreversibleClause | null => {
    const m = this.mark();
    let reason: IToken | undefined;
    try {
      this.CONSUME(T.Irreversible);
      reason = this.SUBRULE(this.string);
    } catch (e) {
      throw this.failed(e, () => this.irreversibleOf(reason, m));
    }
    return this.irreversibleOf(reason, m);
  });

  private irreversibleOf(reasonTok: IToken | undefined, m: number): A.IrreversibleClause | null {
    if (this.RECORDING_PHASE) return null;
    const reason = stringOf(reasonTok, this.problems);
    return reason ? { kind: "IrreversibleClause", reason, span: this.spanFrom(m) } : null;
  }
}

/** What a step read; `reading` names the part being read (where a partial result belongs). */
interface StepParts {
  column: A.ColumnDef | null | undefined;
  default?: A.Expr;
  compute: A.Expr | undefined;
  inverse: A.StepInverse | null | undefined;
  reading: "column" | "default" | "compute" | "inverse";
}

/** `s` with the partial result of the part it was reading. */
function withPart(s: StepParts, child: unknown): StepParts {
  if (child === NO_CHILD) return s;
  if (s.reading === "column") s.column = child as A.ColumnDef | null;
  else if (s.reading === "default") s.default = child as A.Expr;
  else if (s.reading === "compute") s.compute = child as A.Expr;
  else s.inverse = child as A.StepInverse | null;
  return s;
}

interface AlterParts {
  /** Where the problem list stood when the step began, and before its `reverse`/`irreversible`. */
  readonly q: number;
  beforeInverse: number;
  name: IToken | undefined;
  change: "type" | "set" | "drop" | "comment" | undefined;
  type: TypeParts | undefined;
  /** The string of a `comment`. */
  text: IToken | undefined;
  /** The `using` expression, or the `set default` one. */
  expr: A.Expr | undefined;
  defaultWord: boolean;
  nullWord: boolean;
  inverse: A.StepInverse | null | undefined;
  reading: "" | "type" | "expr" | "inverse";
}
