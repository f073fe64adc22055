import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { stringOf } from "./leaves.js";
import { NO_CHILD } from "./parser-base.js";
import { SequenceItemParser } from "./parser-sequence-items.js";
import { type TypeParts, typeRefOf } from "./type-ref.js";
import * as T from "./tokens.js";

/** What `create domain` read; `reading` says where a partial result belongs. */
export interface DomainParts {
  name: IToken | undefined;
  type: TypeParts | undefined;
  notNull: boolean;
  default: A.Expr | null;
  checks: A.DomainCheckDef[];
  reading: "" | "type" | "default" | "check";
}

/**
 * The chain's own types as migration items, in PostgreSQL's words: `create type t as enum (…)`,
 * `alter type t add value 'x' [before|after 'y']`, `alter type t rename value 'a' -> 'b'`,
 * `create domain d as base [not null] [default e] [[constraint c] check (e)]…`, and
 * `drop type t` / `drop domain d` [irreversible 'why'].
 */
export abstract class NamedTypeParser extends SequenceItemParser {
  public createEnum = this.rule("createEnum", (): A.CreateEnum | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    const labels: (IToken | undefined)[] = [];
    try {
      this.CONSUME(T.Create);
      this.CONSUME(T.Type);
      name = this.SUBRULE(this.name);
      this.CONSUME(T.As);
      this.CONSUME(T.Enum);
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => labels.push(this.SUBRULE(this.string)) });
      this.CONSUME(T.RParen);
    } catch (e) {
      throw this.failed(e, () => this.createEnumOf(name, labels, m, q));
    }
    return this.createEnumOf(name, labels, m, q);
  });

  protected createEnumOf(nameTok: IToken | undefined, labelToks: readonly (IToken | undefined)[], m: number, q: number): A.CreateEnum | null {
    const name = this.ident(nameTok);
    if (!name) return this.dropped(q);
    const labels = labelToks.flatMap((t) => stringOf(t, this.problems) ?? []);
    return { kind: "CreateEnum", name, labels, span: this.spanFrom(m) };
  }

  public alterEnum = this.rule("alterEnum", (): A.AlterEnum | null => {
    const m = this.mark();
    let name: IToken | undefined;
    let action: A.AlterEnum["action"] | null = null;
    try {
      this.CONSUME(T.Alter);
      this.CONSUME(T.Type);
      name = this.SUBRULE(this.name);
      action = this.OR([{ ALT: () => this.SUBRULE(this.addEnumValue) as A.AlterEnum["action"] | null }, { ALT: () => this.SUBRULE(this.renameEnumValue) }]);
    } catch (e) {
      throw this.failed(e, (c) => this.alterEnumOf(name, c === NO_CHILD ? action : (c as A.AlterEnum["action"] | null), m));
    }
    return this.alterEnumOf(name, action, m);
  });

  private alterEnumOf(nameTok: IToken | undefined, action: A.AlterEnum["action"] | null, m: number): A.AlterEnum | null {
    const name = this.ident(nameTok);
    return name && action ? { kind: "AlterEnum", name, action, span: this.spanFrom(m) } : null;
  }

  public addEnumValue = this.rule("addEnumValue", (): A.AddEnumValue | null => {
    const m = this.mark();
    let label: IToken | undefined;
    let where: "before" | "after" | undefined;
    let anchor: IToken | undefined;
    let at = 0;
    try {
      this.CONSUME(T.Add);
      this.CONSUME(T.Value);
      label = this.SUBRULE(this.string);
      this.OPTION(() => {
        at = this.mark();
        this.OR([{ ALT: () => (this.CONSUME(T.Before), (where = "before")) }, { ALT: () => (this.CONSUME(T.After), (where = "after")) }]);
        anchor = this.SUBRULE2(this.string);
      });
    } catch (e) {
      throw this.failed(e, () => this.addEnumValueOf(label, where, anchor, m, at));
    }
    return this.addEnumValueOf(label, where, anchor, m, at);
  });

  private addEnumValueOf(labelTok: IToken | undefined, where: "before" | "after" | undefined, anchorTok: IToken | undefined, m: number, at: number): A.AddEnumValue | null {
    if (this.RECORDING_PHASE) return null;
    const label = stringOf(labelTok, this.problems);
    if (!label) return null;
    const anchor = where ? stringOf(anchorTok, this.problems) : null;
    const position: A.EnumPosition | null = where && anchor ? { kind: "EnumPosition", where, label: anchor, span: this.spanFrom(at) } : null;
    return { kind: "AddEnumValue", label, position, span: this.spanFrom(m) };
  }

  public renameEnumValue = this.rule("renameEnumValue", (): A.RenameEnumValue | null => {
    const m = this.mark();
    let from: IToken | undefined;
    let to: IToken | undefined;
    try {
      this.CONSUME(T.Rename);
      this.CONSUME(T.Value);
      from = this.SUBRULE(this.string);
      this.CONSUME(T.Arrow);
      to = this.SUBRULE2(this.string);
    } catch (e) {
      throw this.failed(e, () => this.renameEnumValueOf(from, to, m));
    }
    return this.renameEnumValueOf(from, to, m);
  });

  private renameEnumValueOf(fromTok: IToken | undefined, toTok: IToken | undefined, m: number): A.RenameEnumValue | null {
    if (this.RECORDING_PHASE) return null;
    const from = stringOf(fromTok, this.problems);
    const to = stringOf(toTok, this.problems);
    return from && to ? { kind: "RenameEnumValue", from, to, span: this.spanFrom(m) } : null;
  }

  public createDomain = this.rule("createDomain", (): A.CreateDomain | null => {
    const m = this.mark();
    const q = this.problems.length;
    const d: DomainParts = { name: undefined, type: undefined, notNull: false, default: null, checks: [], reading: "" };
    try {
      this.CONSUME(T.Create);
      this.CONSUME(T.Domain);
      d.name = this.SUBRULE(this.name);
      this.CONSUME(T.As);
      d.reading = "type";
      d.type = this.SUBRULE(this.typeRef);
      d.reading = "";
      this.MANY({ GATE: () => this.domainClauseAhead(), DEF: () => this.domainClause(d) });
    } catch (e) {
      throw this.failed(e, (c) => this.createDomainOf(withDomainPart(d, c), m, q));
    }
    return this.createDomainOf(d, m, q);
  });

  /** `not null`, `default e`, `check (e)`, `constraint c check (e)`: on the domain's line or the lines after. */
  protected domainClauseAhead(): boolean {
    if (this.la(1, T.Not)) return this.la(2, T.Null);
    if (this.la(1, T.Default)) return !this.la(2, T.ColonEq);
    if (this.la(1, T.Check)) return this.la(2, T.LParen);
    return this.la(1, T.Constraint) && this.isName(2);
  }

  protected domainClause(d: DomainParts): void {
    this.OR([
      { ALT: () => (this.CONSUME(T.Not), this.CONSUME(T.Null), (d.notNull = true)) },
      { ALT: () => (this.CONSUME(T.Default), (d.reading = "default"), (d.default = this.SUBRULE(this.expr)), (d.reading = "")) },
      { ALT: () => ((d.reading = "check"), this.pushChild(this.SUBRULE(this.domainCheck), d.checks), (d.reading = "")) },
    ]);
  }

  public domainCheck = this.rule("domainCheck", (): A.DomainCheckDef | null => {
    const m = this.mark();
    let name: IToken | undefined;
    let expr: A.Expr | undefined;
    try {
      this.OPTION(() => (this.CONSUME(T.Constraint), (name = this.SUBRULE(this.name))));
      this.CONSUME(T.Check);
      this.CONSUME(T.LParen);
      expr = this.SUBRULE2(this.expr);
      this.CONSUME(T.RParen);
    } catch (e) {
      throw this.failed(e, (c) => this.domainCheckOf(name, c === NO_CHILD ? expr : (c as A.Expr), m));
    }
    return this.domainCheckOf(name, expr, m);
  });

  private domainCheckOf(nameTok: IToken | undefined, expr: A.Expr | undefined, m: number): A.DomainCheckDef | null {
    if (this.RECORDING_PHASE || !expr) return null;
    return { kind: "DomainCheckDef", name: nameTok ? this.ident(nameTok) : null, expr, span: this.spanFrom(m) };
  }

  protected createDomainOf(d: DomainParts, m: number, q: number): A.CreateDomain | null {
    if (this.RECORDING_PHASE) return null;
    const name = this.ident(d.name);
    const type = typeRefOf(d.type, this.problems);
    if (!name || !type) return this.dropped(q);
    return { kind: "CreateDomain", name, type, notNull: d.notNull, default: d.default, checks: d.checks, span: this.spanFrom(m) };
  }

  public dropNamedType = this.rule("dropNamedType", (): A.DropNamedType | null => {
    const m = this.mark();
    const q = this.problems.length;
    let what: "type" | "domain" = "type";
    let name: IToken | undefined;
    let inverse: A.IrreversibleClause | null | undefined;
    try {
      this.CONSUME(T.Drop);
      this.OR([{ ALT: () => (this.CONSUME(T.Type), (what = "type")) }, { ALT: () => (this.CONSUME(T.Domain), (what = "domain")) }]);
      name = this.SUBRULE(this.name);
      this.OPTION(() => (inverse = this.SUBRULE(this.irreversible)));
    } catch (e) {
      throw this.failed(e, (c) => this.dropNamedTypeOf(what, name, c === NO_CHILD ? inverse : (c as A.IrreversibleClause | null), m, q));
    }
    return this.dropNamedTypeOf(what, name, inverse, m, q);
  });

  protected dropNamedTypeOf(what: "type" | "domain", nameTok: IToken | undefined, inverse: A.IrreversibleClause | null | undefined, m: number, q: number): A.DropNamedType | null {
    const name = this.ident(nameTok);
    return name ? { kind: "DropNamedType", what, name, inverse: inverse ?? null, span: this.spanFrom(m) } : this.dropped(q);
  }
}

/** `d` with the partial result of the part it was reading. */
export function withDomainPart(d: DomainParts, child: unknown): DomainParts {
  if (child === NO_CHILD || child === null || child === undefined) return d;
  if (d.reading === "type") d.type = child as TypeParts;
  else if (d.reading === "default") d.default = child as A.Expr;
  else if (d.reading === "check") d.checks.push(child as A.DomainCheckDef);
  return d;
}
