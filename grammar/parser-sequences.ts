import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { tokenSpan } from "./leaves.js";
import { NO_CHILD } from "./parser-base.js";
import { TypeParser } from "./parser-types.js";
import * as T from "./tokens.js";

/** A whole number as written: an optional `-` and its digits. */
interface SignedNumber {
  readonly minus: IToken | undefined;
  readonly digits: IToken | undefined;
}

/** What a sequence option read. */
interface OptionParts {
  option: A.SequenceOption["option"] | undefined;
  no: boolean;
  number: SignedNumber | undefined;
}

/**
 * Sequence options, in PostgreSQL's own words, as identity columns, `create sequence` and
 * `alter sequence` share them: `start [with] n`, `increment [by] n`, `minvalue n`, `no minvalue`,
 * `maxvalue n`, `no maxvalue`, `cache n`, `cycle`, `no cycle`, `restart [[with] n]`. Numbers may be
 * negative. The noise words `with` and `by` are optional, as in PostgreSQL; the printer writes them.
 */
export abstract class SequenceOptionParser extends TypeParser {
  /** Whether a sequence option starts at LA(1). */
  protected sequenceOptionAhead(): boolean {
    if (this.la(1, T.No)) return this.la(2, T.Minvalue) || this.la(2, T.Maxvalue) || this.la(2, T.Cycle);
    return [T.Start, T.Increment, T.Minvalue, T.Maxvalue, T.Cache, T.Cycle, T.Restart].some((t) => this.la(1, t));
  }

  /** `-12`, `40`: a whole number (the checker says where a fraction is not allowed). */
  public signedNumber = this.rule("signedNumber", (): SignedNumber => {
    let minus: IToken | undefined;
    let digits: IToken | undefined;
    try {
      this.OPTION(() => (minus = this.CONSUME(T.Minus)));
      digits = this.CONSUME(T.NumberLiteral);
    } catch (e) {
      throw this.failed(e, () => ({ minus, digits }));
    }
    return { minus, digits };
  });

  public sequenceOption = this.rule("sequenceOption", (): A.SequenceOption | null => {
    const m = this.mark();
    const o: OptionParts = { option: undefined, no: false, number: undefined };
    try {
      this.OR([
        { ALT: () => (this.CONSUME(T.Start), (o.option = "start"), this.OPTION(() => this.CONSUME(T.With)), (o.number = this.SUBRULE(this.signedNumber))) },
        { ALT: () => (this.CONSUME(T.Increment), (o.option = "increment"), this.OPTION2(() => this.CONSUME(T.By)), (o.number = this.SUBRULE2(this.signedNumber))) },
        { ALT: () => (this.CONSUME(T.Minvalue), (o.option = "minvalue"), (o.number = this.SUBRULE3(this.signedNumber))) },
        { ALT: () => (this.CONSUME(T.Maxvalue), (o.option = "maxvalue"), (o.number = this.SUBRULE4(this.signedNumber))) },
        { ALT: () => (this.CONSUME(T.Cache), (o.option = "cache"), (o.number = this.SUBRULE5(this.signedNumber))) },
        { ALT: () => (this.CONSUME(T.Cycle), (o.option = "cycle")) },
        {
          ALT: () => {
            this.CONSUME(T.No);
            o.no = true;
            this.OR2([
              { ALT: () => (this.CONSUME2(T.Minvalue), (o.option = "minvalue")) },
              { ALT: () => (this.CONSUME2(T.Maxvalue), (o.option = "maxvalue")) },
              { ALT: () => (this.CONSUME2(T.Cycle), (o.option = "cycle")) },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Restart);
            o.option = "restart";
            this.OPTION3({
              GATE: () => this.la(1, T.With) || this.la(1, T.NumberLiteral) || this.la(1, T.Minus),
              DEF: () => (this.OPTION4(() => this.CONSUME2(T.With)), (o.number = this.SUBRULE6(this.signedNumber))),
            });
          },
        },
      ]);
    } catch (e) {
      throw this.failed(e, (c) => this.sequenceOptionOf(c === NO_CHILD ? o : { ...o, number: c as SignedNumber }, m));
    }
    return this.sequenceOptionOf(o, m);
  });

  private sequenceOptionOf(o: OptionParts, m: number): A.SequenceOption | null {
    if (this.RECORDING_PHASE || o.option === undefined) return null;
    const digits = o.number?.digits && !o.number.digits.isInsertedInRecovery ? o.number.digits : undefined;
    const minus = o.number?.minus;
    // An option that takes a number and lost it to recovery is dropped (its syntax error is reported).
    const needsNumber = !o.no && o.option !== "cycle" && o.option !== "restart";
    if (needsNumber && !digits) return null;
    const value: A.NumberLit | null = digits ? { kind: "NumberLit", text: `${minus ? "-" : ""}${digits.image}`, span: minus ? { start: tokenSpan(minus).start, end: tokenSpan(digits).end } : tokenSpan(digits) } : null;
    return { kind: "SequenceOption", option: o.option, value, no: o.no, span: this.spanFrom(m) };
  }

  /** `(option option …)` after `as identity`: PostgreSQL separates them with spaces, not commas. */
  public sequenceOptionList = this.rule("sequenceOptionList", (): A.SequenceOption[] => {
    const options: A.SequenceOption[] = [];
    try {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE(() => this.pushChild(this.SUBRULE(this.sequenceOption), options));
      this.CONSUME(T.RParen);
    } catch (e) {
      throw this.failed(e, (c) => this.pushChild(c, options));
    }
    return options;
  });
}
