import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { NO_CHILD } from "./parser-base.js";
import { AlterParser } from "./parser-alter.js";
import { type TypeParts, typeRefOf } from "./type-ref.js";
import * as T from "./tokens.js";

/** What a `create` / `alter sequence` read; `reading` says where a partial result belongs. */
export interface SequenceParts {
  name: IToken | undefined;
  options: A.SequenceItem[];
  type: TypeParts | undefined;
  reading: "" | "option" | "type" | "owner";
}

/**
 * Sequences as migration items: `create sequence s [options]`, `alter sequence s options`,
 * `drop sequence s [irreversible 'why']` and `rename sequence a -> b`. The options are
 * PostgreSQL's (see `SequenceOptionParser`), plus `as smallint|integer|bigint` and
 * `owned by table.column` / `owned by none`; they may continue on the following lines.
 */
export abstract class SequenceItemParser extends AlterParser {
  public createSequence = this.rule("createSequence", (): A.CreateSequence | null => {
    const m = this.mark();
    const q = this.problems.length;
    const s: SequenceParts = { name: undefined, options: [], type: undefined, reading: "" };
    try {
      this.CONSUME(T.Create);
      this.CONSUME(T.Sequence);
      s.name = this.SUBRULE(this.name);
      this.MANY({ GATE: () => this.sequenceItemAhead(), DEF: () => this.sequenceItem(s) });
    } catch (e) {
      throw this.failed(e, (c) => this.sequenceOf("CreateSequence", withItem(s, c), m, q));
    }
    return this.sequenceOf("CreateSequence", s, m, q);
  });

  public alterSequence = this.rule("alterSequence", (): A.AlterSequence | null => {
    const m = this.mark();
    const q = this.problems.length;
    const s: SequenceParts = { name: undefined, options: [], type: undefined, reading: "" };
    try {
      this.CONSUME(T.Alter);
      this.CONSUME(T.Sequence);
      s.name = this.SUBRULE(this.name);
      this.AT_LEAST_ONE({ GATE: () => this.sequenceItemAhead(), DEF: () => this.sequenceItem(s) });
    } catch (e) {
      throw this.failed(e, (c) => this.sequenceOf("AlterSequence", withItem(s, c), m, q));
    }
    return this.sequenceOf("AlterSequence", s, m, q);
  });

  protected sequenceItemAhead(): boolean {
    return this.sequenceOptionAhead() || (this.la(1, T.As) && this.isName(2)) || (this.la(1, T.Owned) && this.la(2, T.By));
  }

  /** One option, `as type` or `owned by …`, into `s`. */
  protected sequenceItem(s: SequenceParts): void {
    this.OR([
      { GATE: () => this.sequenceOptionAhead(), ALT: () => ((s.reading = "option"), this.pushChild(this.SUBRULE(this.sequenceOption), s.options)) },
      {
        ALT: () => {
          this.CONSUME(T.As);
          s.reading = "type";
          s.type = this.SUBRULE(this.typeRef);
          this.pushAs(s);
        },
      },
      { ALT: () => ((s.reading = "owner"), this.pushChild(this.SUBRULE(this.sequenceOwner), s.options)) },
    ]);
  }

  /** The `as type` just read, as an item (its problems are reported where it is made). */
  private pushAs(s: SequenceParts): void {
    if (this.RECORDING_PHASE) return;
    const type = typeRefOf(s.type, this.problems);
    if (type) s.options.push({ kind: "SequenceAs", type, span: type.span });
    s.type = undefined;
  }

  /** `owned by table.column` or `owned by none`. */
  public sequenceOwner = this.rule("sequenceOwner", (): A.SequenceOwnedBy | null => {
    const m = this.mark();
    let table: IToken | undefined;
    let column: IToken | undefined;
    let none = false;
    try {
      this.CONSUME(T.Owned);
      this.CONSUME(T.By);
      this.OR([
        { GATE: () => this.la(1, T.None) && !this.la(2, T.Dot), ALT: () => (this.CONSUME(T.None), (none = true)) },
        {
          ALT: () => {
            table = this.SUBRULE(this.name);
            this.CONSUME(T.Dot);
            column = this.SUBRULE2(this.name);
          },
        },
      ]);
    } catch (e) {
      throw this.failed(e, () => this.ownerOf(table, column, none, m));
    }
    return this.ownerOf(table, column, none, m);
  });

  private ownerOf(tableTok: IToken | undefined, columnTok: IToken | undefined, none: boolean, m: number): A.SequenceOwnedBy | null {
    if (none) return { kind: "SequenceOwnedBy", table: null, column: null, span: this.spanFrom(m) };
    const table = this.ident(tableTok);
    const column = this.ident(columnTok);
    return table && column ? { kind: "SequenceOwnedBy", table, column, span: this.spanFrom(m) } : null;
  }

  protected sequenceOf<K extends "CreateSequence" | "AlterSequence">(kind: K, s: SequenceParts, m: number, q: number): { kind: K; name: A.Ident; options: A.SequenceItem[]; span: A.Span } | null {
    if (s.reading === "type" && s.type) this.pushAs(s);
    const name = this.ident(s.name);
    if (!name) return this.dropped(q);
    return { kind, name, options: s.options, span: this.spanFrom(m) };
  }

  public dropSequence = this.rule("dropSequence", (): A.DropSequence | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    let inverse: A.IrreversibleClause | null | undefined;
    try {
      this.CONSUME(T.Drop);
      this.CONSUME(T.Sequence);
      name = this.SUBRULE(this.name);
      this.OPTION(() => (inverse = this.SUBRULE(this.irreversible)));
    } catch (e) {
      throw this.failed(e, (c) => this.dropSequenceOf(name, c === NO_CHILD ? inverse : (c as A.IrreversibleClause | null), m, q));
    }
    return this.dropSequenceOf(name, inverse, m, q);
  });

  protected dropSequenceOf(nameTok: IToken | undefined, inverse: A.IrreversibleClause | null | undefined, m: number, q: number): A.DropSequence | null {
    const name = this.ident(nameTok);
    return name ? { kind: "DropSequence", name, inverse: inverse ?? null, span: this.spanFrom(m) } : this.dropped(q);
  }

  public renameSequence = this.rule("renameSequence", (): A.RenameSequence | null => {
    const m = this.mark();
    let from: IToken | undefined;
    let to: IToken | undefined;
    try {
      this.CONSUME(T.Rename);
      this.CONSUME(T.Sequence);
      from = this.SUBRULE(this.name);
      this.CONSUME(T.Arrow);
      to = this.SUBRULE2(this.name);
    } catch (e) {
      throw this.failed(e, () => this.renameSequenceOf(from, to, m));
    }
    return this.renameSequenceOf(from, to, m);
  });

  private renameSequenceOf(fromTok: IToken | undefined, toTok: IToken | undefined, m: number): A.RenameSequence | null {
    const from = this.ident(fromTok);
    const to = this.ident(toTok);
    return from && to ? { kind: "RenameSequence", from, to, span: this.spanFrom(m) } : null;
  }
}

/** `s` with the partial result of the part it was reading. */
export function withItem(s: SequenceParts, child: unknown): SequenceParts {
  if (child === NO_CHILD || child === null || child === undefined) return s;
  if (s.reading === "type") s.type = child as TypeParts;
  else if (s.reading === "option" || s.reading === "owner") s.options.push(child as A.SequenceItem);
  return s;
}
