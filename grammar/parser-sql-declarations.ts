import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { NO_CHILD } from "./parser-base.js";
import { ExternalParser } from "./parser-external.js";
import { withDomainPart, type DomainParts } from "./parser-named-types.js";
import { withItem, type SequenceParts } from "./parser-sequence-items.js";
import type { IndexParts } from "./parser-table.js";
import * as T from "./tokens.js";

/**
 * What a `sql` item declares its SQL did, in the words of kmig's own items with a verb in front:
 * `creates table t { … }`, `creates [unique] index i on t (…)`, `creates type t as enum (…)`,
 * `creates domain d as …`, `creates sequence s …`, `alters table t { … }`, and `drops table |
 * index | type | domain | sequence name`. Each makes the node of the item it stands for (see
 * `A.SqlDeclaration`), so the checker and the printer treat the declared shape as they treat the item.
 */
export abstract class SqlDeclarationParser extends ExternalParser {
  /** Whether a declaration starts at LA(1). */
  protected declarationAhead(): boolean {
    return this.la(1, T.Creates) || this.la(1, T.Alters) || this.la(1, T.Drops);
  }

  /** The verb, then what it declares (each rule below reads what follows its verb). */
  public sqlDeclaration = this.rule("sqlDeclaration", (): A.SqlDeclaration | null => {
    const m = this.mark();
    let node: A.SqlDeclaration | null = null;
    try {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Creates);
            node = this.OR2([
              { ALT: () => this.SUBRULE(this.createsTable) as A.SqlDeclaration | null },
              { ALT: () => this.SUBRULE(this.createsIndex) },
              { ALT: () => this.SUBRULE(this.createsEnum) },
              { ALT: () => this.SUBRULE(this.createsDomain) },
              { ALT: () => this.SUBRULE(this.createsSequence) },
            ]);
          },
        },
        { ALT: () => (this.CONSUME(T.Alters), (node = this.SUBRULE(this.altersTable))) },
        { ALT: () => (this.CONSUME(T.Drops), (node = this.SUBRULE(this.dropsObject))) },
      ]);
    } catch (e) {
      throw this.failed(e, (c) => this.fromVerb(c === NO_CHILD ? null : (c as A.SqlDeclaration | null), m));
    }
    return this.fromVerb(node, m);
  });

  /** The declaration's span from its verb on. */
  private fromVerb(node: A.SqlDeclaration | null, m: number): A.SqlDeclaration | null {
    if (this.RECORDING_PHASE || !node) return null;
    return { ...node, span: { start: this.spanFrom(m).start, end: node.span.end } };
  }

  public createsTable = this.rule("createsTable", (): A.CreateTable | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    const elements: A.TableElement[] = [];
    try {
      this.CONSUME(T.Table);
      name = this.SUBRULE(this.name);
      this.CONSUME(T.LBrace);
      this.statements(this.tableElement, "tableElement", elements, true, this.elementAhead);
      this.CONSUME(T.RBrace);
    } catch (e) {
      throw this.failed(e, (c) => this.createTableOf(name, this.pushChild(c, elements), null, m, q));
    }
    return this.createTableOf(name, elements, null, m, q);
  });

  public altersTable = this.rule("altersTable", (): A.AlterTable | null => {
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

  /** `creates [unique] index name on table [using m] (…) [options] [where e]`: PostgreSQL's order. */
  public createsIndex = this.rule("createsIndex", (): A.CreatesIndex | null => {
    const m = this.mark();
    let table: IToken | undefined;
    const x: IndexParts = { unique: false, name: undefined, method: undefined, columns: [], options: [], where: undefined, readingWhere: false, concurrently: false };
    try {
      this.OPTION(() => (this.CONSUME(T.Unique), (x.unique = true)));
      this.CONSUME(T.Index);
      x.name = this.SUBRULE(this.name);
      this.CONSUME(T.On);
      table = this.SUBRULE2(this.name);
      this.OPTION2(() => {
        this.CONSUME(T.Using);
        x.method = this.SUBRULE3(this.name);
      });
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.pushChild(this.SUBRULE(this.indexColumn), x.columns) });
      this.CONSUME(T.RParen);
      const options = this.SUBRULE(this.optionList);
      if (!this.RECORDING_PHASE) x.options.push(...options);
      this.OPTION3(() => {
        this.CONSUME(T.Where);
        x.readingWhere = true;
        x.where = this.SUBRULE(this.expr);
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD && x.readingWhere) x.where = c as A.Expr;
        else this.pushChild(c, x.columns);
        return this.createsIndexOf(table, x, m);
      });
    }
    return this.createsIndexOf(table, x, m);
  });

  private createsIndexOf(tableTok: IToken | undefined, x: IndexParts, m: number): A.CreatesIndex | null {
    if (this.RECORDING_PHASE) return null;
    const table = this.ident(tableTok);
    const index = this.indexDefOf(x, m);
    return table && index.name ? { kind: "CreatesIndex", table, index, span: this.spanFrom(m) } : null;
  }

  public createsEnum = this.rule("createsEnum", (): A.CreateEnum | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    const labels: (IToken | undefined)[] = [];
    try {
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

  public createsDomain = this.rule("createsDomain", (): A.CreateDomain | null => {
    const m = this.mark();
    const q = this.problems.length;
    const d: DomainParts = { name: undefined, type: undefined, notNull: false, default: null, checks: [], reading: "" };
    try {
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

  public createsSequence = this.rule("createsSequence", (): A.CreateSequence | null => {
    const m = this.mark();
    const q = this.problems.length;
    const s: SequenceParts = { name: undefined, options: [], type: undefined, reading: "" };
    try {
      this.CONSUME(T.Sequence);
      s.name = this.SUBRULE(this.name);
      this.MANY({ GATE: () => this.sequenceItemAhead(), DEF: () => this.sequenceItem(s) });
    } catch (e) {
      throw this.failed(e, (c) => this.sequenceOf("CreateSequence", withItem(s, c), m, q));
    }
    return this.sequenceOf("CreateSequence", s, m, q);
  });

  /** `table | index | type | domain | sequence name` after `drops`. */
  public dropsObject = this.rule("dropsObject", (): A.SqlDeclaration | null => {
    const m = this.mark();
    const q = this.problems.length;
    let what: "table" | "index" | "type" | "domain" | "sequence" = "table";
    let name: IToken | undefined;
    try {
      this.OR([
        { ALT: () => (this.CONSUME(T.Table), (what = "table")) },
        { ALT: () => (this.CONSUME(T.Index), (what = "index")) },
        { ALT: () => (this.CONSUME(T.Type), (what = "type")) },
        { ALT: () => (this.CONSUME(T.Domain), (what = "domain")) },
        { ALT: () => (this.CONSUME(T.Sequence), (what = "sequence")) },
      ]);
      name = this.SUBRULE(this.name);
    } catch (e) {
      throw this.failed(e, () => this.dropsOf(what, name, m, q));
    }
    return this.dropsOf(what, name, m, q);
  });

  private dropsOf(what: "table" | "index" | "type" | "domain" | "sequence", nameTok: IToken | undefined, m: number, q: number): A.SqlDeclaration | null {
    const name = this.ident(nameTok);
    if (!name) return this.dropped(q);
    const span = this.spanFrom(m);
    switch (what) {
      case "table":
        return { kind: "DropTable", name, inverse: null, span };
      case "index":
        return { kind: "DropsIndex", name, span };
      case "sequence":
        return this.dropSequenceOf(nameTok, null, m, q);
      default:
        return this.dropNamedTypeOf(what, nameTok, null, m, q);
    }
  }
}
