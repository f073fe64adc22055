import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { stringOf } from "./leaves.js";
import { ColumnParser } from "./parser-columns.js";
import * as T from "./tokens.js";

/** One option after an index's or a constraint's columns, as read (which kinds take it is checked in `optionsOf`). */
export type OptionClause =
  | { readonly k: "include"; readonly names: A.Ident[]; readonly span: A.Span }
  | { readonly k: "with"; readonly params: A.StorageParam[]; readonly span: A.Span }
  | { readonly k: "deferral"; readonly deferral: A.Deferral; readonly span: A.Span }
  | { readonly k: "notValid"; readonly span: A.Span }
  | { readonly k: "nullsNotDistinct"; readonly span: A.Span };

/**
 * PostgreSQL's index and constraint options — key columns with operator classes and `nulls
 * first`, `include (…)`, `with (p = v)`, `nulls not distinct`, `deferrable …`, `not valid` — and
 * the table actions on constraints and indexes by name: `rename constraint|index a -> b`,
 * `validate constraint c`, `replica identity …`.
 */
export abstract class TableOptionParser extends ColumnParser {
  /** Options on the constraint's (or index's) own line, in any order. */
  public optionList = this.rule("optionList", (): OptionClause[] => {
    const into: OptionClause[] = [];
    try {
      this.MANY({
        GATE: () => !this.startsLine(1) && this.notAssignment() && this.optionAhead(),
        DEF: () => this.pushChild(this.SUBRULE(this.optionClause), into),
      });
    } catch (e) {
      throw this.failed(e, (c) => this.pushChild(c, into));
    }
    return into;
  });

  private optionAhead(): boolean {
    if (this.la(1, T.Include) || this.la(1, T.With) || this.la(1, T.Deferrable) || this.la(1, T.Initially)) return true;
    if (this.la(1, T.Not)) return this.la(2, T.Valid) || this.la(2, T.Deferrable);
    return this.la(1, T.Nulls) && this.la(2, T.Not);
  }

  public optionClause = this.rule("optionClause", (): OptionClause | null => {
    const m = this.mark();
    let out: OptionClause | null = null;
    try {
      this.OR([
        { ALT: () => (out = { k: "include", names: (this.CONSUME(T.Include), this.SUBRULE(this.nameList)), span: this.spanFrom(m) }) },
        { ALT: () => (out = { k: "with", params: this.SUBRULE(this.storageParams), span: this.spanFrom(m) }) },
        { GATE: () => !this.la(2, T.Valid), ALT: () => (out = this.deferralClause(this.SUBRULE(this.deferral), m)) },
        { ALT: () => (this.CONSUME(T.Not), this.CONSUME(T.Valid), (out = { k: "notValid", span: this.spanFrom(m) })) },
        { ALT: () => (this.CONSUME(T.Nulls), this.CONSUME2(T.Not), this.CONSUME(T.Distinct), (out = { k: "nullsNotDistinct", span: this.spanFrom(m) })) },
      ]);
    } catch (e) {
      throw this.failed(e, () => out);
    }
    return out;
  });

  private deferralClause(d: A.Deferral | null, m: number): OptionClause | null {
    return d ? { k: "deferral", deferral: d, span: this.spanFrom(m) } : null;
  }

  /** `with (fillfactor = 70, deduplicate_items = off)`. */
  public storageParams = this.rule("storageParams", (): A.StorageParam[] => {
    const params: A.StorageParam[] = [];
    try {
      this.CONSUME(T.With);
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.pushChild(this.SUBRULE(this.storageParam), params) });
      this.CONSUME(T.RParen);
    } catch (e) {
      throw this.failed(e, (c) => this.pushChild(c, params));
    }
    return params;
  });

  public storageParam = this.rule("storageParam", (): A.StorageParam | null => {
    const m = this.mark();
    let name: IToken | undefined;
    let value: IToken | undefined;
    try {
      name = this.SUBRULE(this.name);
      this.CONSUME(T.EqEq);
      value = this.OR([
        { ALT: () => this.CONSUME(T.NumberLiteral) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.CONSUME(T.Identifier) },
      ]);
    } catch (e) {
      throw this.failed(e, () => null);
    }
    const id = this.ident(name);
    return id && value && !value.isInsertedInRecovery ? { kind: "StorageParam", name: id, value: value.image.toLowerCase(), span: this.spanFrom(m) } : null;
  });

  /** `deferrable [initially deferred|immediate]`, `not deferrable [initially immediate]`, or `initially deferred` alone. */
  public deferral = this.rule("deferral", (): A.Deferral | null => {
    const m = this.mark();
    let deferrable: boolean | null = null;
    let initially: "deferred" | "immediate" | null = null;
    try {
      const when = () => {
        this.CONSUME(T.Initially);
        this.OR2([{ ALT: () => (this.CONSUME(T.Deferred), (initially = "deferred")) }, { ALT: () => (this.CONSUME(T.Immediate), (initially = "immediate")) }]);
      };
      // Never empty: it is read in a loop of options.
      this.OR([
        { ALT: () => (this.CONSUME(T.Deferrable), (deferrable = true), this.OPTION(when)) },
        { ALT: () => (this.CONSUME(T.Not), this.CONSUME2(T.Deferrable), (deferrable = false), this.OPTION2(when)) },
        { ALT: when },
      ]);
    } catch (e) {
      throw this.failed(e, () => this.deferralOf(deferrable, initially, m));
    }
    return this.deferralOf(deferrable, initially, m);
  });

  private deferralOf(deferrable: boolean | null, initially: "deferred" | "immediate" | null, m: number): A.Deferral | null {
    if (this.RECORDING_PHASE || (deferrable === null && initially === null)) return null;
    const span = this.spanFrom(m);
    if (deferrable === false && initially === "deferred") {
      this.problems.push({ code: "K2070", span, message: "a constraint that is `not deferrable` cannot be `initially deferred`", help: "write `deferrable initially deferred`, or drop `initially deferred`" });
    }
    return { kind: "Deferral", deferrable: deferrable ?? initially === "deferred", initiallyDeferred: initially === "deferred" && deferrable !== false, span };
  }

  /** `name [opclass] [asc | desc] [nulls first | nulls last]`. */
  public indexColumn = this.rule("indexColumn", (): A.IndexColumn | null => {
    const m = this.mark();
    const c: IndexColumnParts = { name: undefined, opclass: undefined, descending: false, nulls: undefined };
    try {
      c.name = this.SUBRULE(this.name);
      this.OPTION({ GATE: () => this.isName(1) && !this.la(1, T.Asc) && !this.la(1, T.Desc) && !this.la(1, T.Nulls) && !this.la(1, T.With), DEF: () => (c.opclass = this.SUBRULE2(this.name)) });
      this.OPTION2(() => this.OR([{ ALT: () => (this.CONSUME(T.Desc), (c.descending = true)) }, { ALT: () => this.CONSUME(T.Asc) }]));
      this.OPTION3({
        GATE: () => !this.la(2, T.Not),
        DEF: () => {
          this.CONSUME(T.Nulls);
          this.OR2([{ ALT: () => (this.CONSUME(T.First), (c.nulls = "first")) }, { ALT: () => (this.CONSUME(T.Last), (c.nulls = "last")) }]);
        },
      });
    } catch (e) {
      throw this.failed(e, () => this.indexColumnOf(c, m));
    }
    return this.indexColumnOf(c, m);
  });

  private indexColumnOf(c: IndexColumnParts, m: number): A.IndexColumn | null {
    const name = this.ident(c.name);
    if (!name) return null;
    const opclass = this.ident(c.opclass);
    return { kind: "IndexColumn", name, descending: c.descending, ...(opclass && { opclass }), ...(c.nulls && { nulls: c.nulls }), span: this.spanFrom(m) };
  }

  /** `exclude [using gist] (col [opclass] with op, …)`, up to its columns (the options follow in `tableConstraint`). */
  public excludeElement = this.rule("excludeElement", (): A.ExcludeElement | null => {
    const m = this.mark();
    let column: A.IndexColumn | null = null;
    let op: IToken | undefined;
    try {
      column = this.SUBRULE(this.indexColumn);
      this.CONSUME(T.With);
      op = this.OR([
        { ALT: () => this.CONSUME(T.EqEq) },
        { ALT: () => this.CONSUME(T.NotEq) },
        { ALT: () => this.CONSUME(T.AmpAmp) },
        { ALT: () => this.CONSUME(T.LessEq) },
        { ALT: () => this.CONSUME(T.GreaterEq) },
        { ALT: () => this.CONSUME(T.Less) },
        { ALT: () => this.CONSUME(T.Greater) },
      ]);
    } catch (e) {
      throw this.failed(e, () => this.excludeElementOf(column, op, m));
    }
    return this.excludeElementOf(column, op, m);
  });

  private excludeElementOf(column: A.IndexColumn | null, op: IToken | undefined, m: number): A.ExcludeElement | null {
    if (!column || !op || op.isInsertedInRecovery) return null;
    const operator = op.image === "==" ? "=" : op.image === "!=" ? "<>" : op.image;
    return { kind: "ExcludeElement", column, operator, span: this.spanFrom(m) };
  }

  // ---------------------------------------------------------------- table actions on constraints and indexes

  /** `rename constraint a -> b` / `rename index a -> b`. */
  public renameRelation = this.rule("renameRelation", (): A.RenameRelation | null => {
    const m = this.mark();
    let kind: A.RenameRelation["kind"] = "RenameConstraint";
    let from: IToken | undefined;
    let to: IToken | undefined;
    try {
      this.CONSUME(T.Rename);
      this.OR([{ ALT: () => this.CONSUME(T.Constraint) }, { ALT: () => (this.CONSUME(T.Index), (kind = "RenameIndex")) }]);
      from = this.SUBRULE(this.name);
      this.CONSUME(T.Arrow);
      to = this.SUBRULE2(this.name);
    } catch (e) {
      throw this.failed(e, () => this.renameRelationOf(kind, from, to, m));
    }
    return this.renameRelationOf(kind, from, to, m);
  });

  private renameRelationOf(kind: A.RenameRelation["kind"], fromTok: IToken | undefined, toTok: IToken | undefined, m: number): A.RenameRelation | null {
    const from = this.ident(fromTok);
    const to = this.ident(toTok);
    return from && to ? { kind, from, to, span: this.spanFrom(m) } : null;
  }

  /** `allow K5007 'reason'` (the reason may be missing: the checker says K5027). */
  public allow = this.rule("allow", (): A.Allow | null => {
    const m = this.mark();
    let code: IToken | undefined;
    let reason: IToken | undefined;
    try {
      this.CONSUME(T.Allow);
      code = this.SUBRULE(this.name);
      this.OPTION(() => (reason = this.SUBRULE(this.string)));
    } catch (e) {
      throw this.failed(e, () => this.allowOf(code, reason, m));
    }
    return this.allowOf(code, reason, m);
  });

  private allowOf(codeTok: IToken | undefined, reasonTok: IToken | undefined, m: number): A.Allow | null {
    const code = this.ident(codeTok);
    if (!code || this.RECORDING_PHASE) return null;
    return { kind: "Allow", code, reason: reasonTok ? stringOf(reasonTok, this.problems) : null, span: this.spanFrom(m) };
  }

  /** `validate constraint name`. */
  public validateConstraint = this.rule("validateConstraint", (): A.ValidateConstraint | null => {
    const m = this.mark();
    let name: IToken | undefined;
    try {
      this.CONSUME(T.Validate);
      this.CONSUME(T.Constraint);
      name = this.SUBRULE(this.name);
    } catch (e) {
      throw this.failed(e, () => this.validateOf(name, m));
    }
    return this.validateOf(name, m);
  });

  private validateOf(nameTok: IToken | undefined, m: number): A.ValidateConstraint | null {
    const name = this.ident(nameTok);
    return name ? { kind: "ValidateConstraint", name, span: this.spanFrom(m) } : null;
  }

  /** `replica identity default | full | nothing | using index name`. */
  public replicaIdentity = this.rule("replicaIdentity", (): A.ReplicaIdentity | null => {
    const m = this.mark();
    let mode: A.ReplicaIdentity["mode"] | null = null;
    let index: IToken | undefined;
    try {
      this.CONSUME(T.Replica);
      this.CONSUME(T.Identity);
      this.OR([
        { ALT: () => (this.CONSUME(T.Default), (mode = "default")) },
        { ALT: () => (this.CONSUME(T.Full), (mode = "full")) },
        { ALT: () => (this.CONSUME(T.Nothing), (mode = "nothing")) },
        {
          ALT: () => {
            this.CONSUME(T.Using);
            this.CONSUME(T.Index);
            mode = "index";
            index = this.SUBRULE(this.name);
          },
        },
      ]);
    } catch (e) {
      throw this.failed(e, () => this.replicaOf(mode, index, m));
    }
    return this.replicaOf(mode, index, m);
  });

  private replicaOf(mode: A.ReplicaIdentity["mode"] | null, indexTok: IToken | undefined, m: number): A.ReplicaIdentity | null {
    if (mode === null) return null;
    const index = this.ident(indexTok);
    if (mode === "index" && !index) return null;
    return { kind: "ReplicaIdentity", mode, index: mode === "index" ? index : null, span: this.spanFrom(m) };
  }
}

interface IndexColumnParts {
  name: IToken | undefined;
  opclass: IToken | undefined;
  descending: boolean;
  nulls: "first" | "last" | undefined;
}
