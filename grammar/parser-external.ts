import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { joinSpans, tokenSpan } from "./leaves.js";
import { ConfigParser } from "./parser-config.js";
import * as T from "./tokens.js";

/** What an `external` declaration read so far (a syntax error keeps what it had). */
interface ExternalParts {
  kind: IToken[];
  name: IToken | undefined;
  args: { text: string; span: A.Span } | null;
  on: IToken | undefined;
  partitionOf: IToken | undefined;
  reads: A.ExternalReads[];
}

/** Words that continue a kind: `materialized view`, `foreign table`, `event trigger`. */
const TWO_WORD_KINDS: ReadonlySet<string> = new Set(["materialized", "foreign", "event"]);

/**
 * `external <kind> name [(args)] [on table] [partition of table] [reads t (a, b), …]` on one line:
 * an object of the live database that kmig does not manage (a view, a function, a trigger, a
 * partition, an extension, …). The kind is a word checked by the compiler, so that a misspelt kind
 * gets a did-you-mean rather than a syntax error.
 */
export abstract class ExternalParser extends ConfigParser {
  public externalObject = this.rule("externalObject", (): A.ExternalObject | null => {
    const m = this.mark();
    const x: ExternalParts = { kind: [], name: undefined, args: null, on: undefined, partitionOf: undefined, reads: [] };
    try {
      this.CONSUME(T.External);
      x.kind.push(this.SUBRULE(this.name) as IToken);
      this.OPTION({ GATE: () => TWO_WORD_KINDS.has(x.kind[0]?.image ?? "") && this.isName(2), DEF: () => x.kind.push(this.SUBRULE2(this.name) as IToken) });
      x.name = this.SUBRULE3(this.name);
      this.OPTION2({ GATE: () => !this.startsLine(1), DEF: () => this.externalArgs(x) });
      this.MANY({ GATE: () => !this.startsLine(1) && (this.la(1, T.On) || this.word(1, "partition") || this.word(1, "reads")), DEF: () => this.externalClause(x) });
    } catch (e) {
      throw this.failed(e, () => this.externalOf(x, m));
    }
    return this.externalOf(x, m);
  });

  private word(i: number, w: string): boolean {
    return this.la(i, T.Identifier) && this.LA(i).image === w;
  }

  /** `(integer, text)`: a function's argument types, kept as written. */
  private externalArgs(x: ExternalParts): void {
    const open = this.CONSUME(T.LParen);
    const text = this.balancedText();
    const close = this.CONSUME(T.RParen);
    if (!this.RECORDING_PHASE) x.args = { text: text.replace(/\s+/g, " ").trim(), span: joinSpans(tokenSpan(open), tokenSpan(close, tokenSpan(open))) };
  }

  private externalClause(x: ExternalParts): void {
    this.OR([
      { GATE: () => this.la(1, T.On), ALT: () => (this.CONSUME(T.On), (x.on = this.SUBRULE4(this.name))) },
      {
        GATE: () => this.word(1, "partition"),
        ALT: () => {
          this.SUBRULE5(this.name);
          this.CONSUME(T.Identifier, { LABEL: "of" });
          x.partitionOf = this.SUBRULE6(this.name);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Identifier, { LABEL: "reads" });
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.readsItem(x) });
        },
      },
    ]);
  }

  /** `t (a, b)` after `reads`. */
  private readsItem(x: ExternalParts): void {
    const m = this.mark();
    const table = this.SUBRULE7(this.name);
    const columns = this.SUBRULE(this.nameList);
    const t = this.ident(table);
    if (t && !this.RECORDING_PHASE) x.reads.push({ kind: "ExternalReads", table: t, columns, span: this.spanFrom(m) });
  }

  private externalOf(x: ExternalParts, m: number): A.ExternalObject | null {
    if (this.RECORDING_PHASE) return null;
    const kinds = x.kind.map((k) => this.ident(k)).filter((k): k is A.Ident => k !== null);
    const name = this.ident(x.name);
    if (kinds.length === 0 || !name) return null;
    const objectKind: A.Ident = { kind: "Ident", name: kinds.map((k) => k.name).join(" "), quoted: false, span: joinSpans(kinds[0].span, kinds[kinds.length - 1].span) };
    const args: A.StringLit | null = x.args ? { kind: "StringLit", value: x.args.text, span: x.args.span } : null;
    return { kind: "ExternalObject", objectKind, name, args, on: this.ident(x.on), partitionOf: this.ident(x.partitionOf), reads: x.reads, span: this.spanFrom(m) };
  }
}
