import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, NO_SPAN, stringOf } from "./leaves.js";
import { NO_CHILD } from "./parser-base.js";
import { fkActions, type FkClause } from "./parser-columns.js";
import { TableOptionParser, type OptionClause } from "./parser-table-options.js";
import { optionsOf } from "./table-options.js";
import * as T from "./tokens.js";

/** Tables: `create table` bodies, table constraints, indexes and `expect`s. */
export abstract class TableParser extends TableOptionParser {
  public createTable = this.rule("createTable", (): A.CreateTable | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    let reference: IToken | undefined;
    let distribution: A.Distribution | null = null;
    const elements: A.TableElement[] = [];
    try {
      this.CONSUME(T.Create);
      this.OPTION(() => (reference = this.CONSUME(T.Reference)));
      this.CONSUME(T.Table);
      name = this.SUBRULE(this.name);
      this.OPTION2({ GATE: () => reference === undefined, DEF: () => (distribution = this.SUBRULE(this.distributedBy)) });
      this.CONSUME(T.LBrace);
      this.statements(this.tableElement, "tableElement", elements, true, this.elementAhead);
      this.CONSUME(T.RBrace);
    } catch (e) {
      throw this.failed(e, (c) => this.createTableOf(name, this.pushChild(c, elements), this.distributionOf(reference, distribution), m, q));
    }
    return this.createTableOf(name, elements, this.distributionOf(reference, distribution), m, q);
  });

  /** `distributed by (column) [colocate with table]`, after a new table's name (Citus). */
  public distributedBy = this.rule("distributedBy", (): A.Distribution | null => {
    const m = this.mark();
    let column: IToken | undefined;
    let colocate: IToken | undefined;
    this.CONSUME(T.Distributed);
    this.CONSUME(T.By);
    this.CONSUME(T.LParen);
    column = this.SUBRULE(this.name);
    this.CONSUME(T.RParen);
    this.OPTION(() => {
      this.CONSUME(T.Colocate);
      this.CONSUME(T.With);
      colocate = this.SUBRULE2(this.name);
    });
    const col = this.ident(column);
    return col ? { kind: "DistributedBy", column: col, colocateWith: this.ident(colocate), span: this.spanFrom(m) } : null;
  });

  private distributionOf(reference: IToken | undefined, distribution: A.Distribution | null): A.Distribution | null {
    if (this.RECORDING_PHASE) return null;
    if (reference) return { kind: "ReferenceTable", span: { start: reference.startOffset, end: reference.startOffset + reference.image.length } };
    return distribution;
  }

  protected createTableOf(name: IToken | undefined, elements: A.TableElement[], distribution: A.Distribution | null, m: number, q: number): A.CreateTable | null {
    const id = this.ident(name);
    if (!id) return this.dropped(q);
    return { kind: "CreateTable", name: id, elements, ...(distribution ? { distribution } : {}), span: this.spanFrom(m) };
  }

  private readonly tableElementAlts = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { GATE: () => this.tableCommentAhead(), ALT: () => this.SUBRULE(this.tableComment) as A.TableElement | null },
      { GATE: () => this.constraintAhead(1), ALT: () => this.SUBRULE(this.tableConstraint) },
      { ALT: () => this.SUBRULE(this.indexDef) },
      { ALT: () => this.SUBRULE(this.expectClause) },
      { ALT: () => this.SUBRULE(this.columnDef) },
    ],
  };

  /**
   * Each element begins a line (or follows the block's `{`): a name after a column on its line
   * is a mistake in that column (`slot time with time`), never a second column.
   */
  protected readonly elementAhead = (): boolean => this.startsLine(1) || this.la(0, T.LBrace);

  public tableElement = this.rule("tableElement", (): A.TableElement | null => this.dispatch(this.tableElementAlts));

  /** `comment '…'` or `comment null` (and not a column named `comment`). */
  protected tableCommentAhead(): boolean {
    return this.la(1, T.Comment) && (this.stringAhead(2) || this.la(2, T.Null));
  }

  /** `comment '…'` / `comment null` on a line of its own: the table's comment. */
  public tableComment = this.rule("tableComment", (): A.TableComment | null => {
    const m = this.mark();
    let text: IToken | undefined;
    let none = false;
    try {
      this.CONSUME(T.Comment);
      this.OR([{ ALT: () => (text = this.SUBRULE(this.string)) }, { ALT: () => (this.CONSUME(T.Null), (none = true)) }]);
    } catch (e) {
      throw this.failed(e, () => this.tableCommentOf(text, none, m));
    }
    return this.tableCommentOf(text, none, m);
  });

  private tableCommentOf(textTok: IToken | undefined, none: boolean, m: number): A.TableComment | null {
    if (this.RECORDING_PHASE) return null;
    const text = stringOf(textTok, this.problems);
    return text || none ? { kind: "TableComment", text, span: this.spanFrom(m) } : null;
  }

  /** Whether a table-level constraint starts at LA(i) (and not a column named `unique`, `check`, …). */
  protected constraintAhead(i: number): boolean {
    if (this.la(i, T.Constraint)) return this.isName(i + 1);
    if (this.la(i, T.Primary)) return this.la(i + 1, T.Key) && this.la(i + 2, T.LParen);
    if (this.la(i, T.Foreign)) return this.la(i + 1, T.Key) && this.la(i + 2, T.LParen);
    if (this.la(i, T.Unique)) return this.la(i + 1, T.LParen) || this.la(i + 1, T.Nulls);
    if (this.la(i, T.Exclude)) return this.la(i + 1, T.LParen) || this.la(i + 1, T.Using);
    if (this.la(i, T.Check)) return this.la(i + 1, T.LParen);
    return false;
  }

  public tableConstraint = this.rule("tableConstraint", (): A.TableConstraint | null => {
    const m = this.mark();
    const k: ConstraintParts = { name: undefined, kind: undefined, columns: undefined, refTable: undefined, refColumns: undefined, check: undefined, actions: [], reading: "", options: [], method: undefined, elements: [] };
    try {
      this.OPTION(() => {
        this.CONSUME(T.Constraint);
        k.name = this.SUBRULE(this.name);
      });
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Primary);
            k.kind = "PrimaryKeyConstraint";
            this.CONSUME(T.Key);
            k.reading = "columns";
            k.columns = this.SUBRULE(this.nameList);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Unique);
            k.kind = "UniqueConstraint";
            this.OPTION2(() => {
              const m2 = this.mark();
              this.CONSUME(T.Nulls);
              this.CONSUME(T.Not);
              this.CONSUME(T.Distinct);
              k.options.push({ k: "nullsNotDistinct", span: this.spanFrom(m2) });
            });
            k.reading = "columns";
            k.columns = this.SUBRULE2(this.nameList);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Check);
            k.kind = "CheckConstraint";
            this.CONSUME(T.LParen);
            k.reading = "check";
            k.check = this.SUBRULE(this.expr);
            this.CONSUME(T.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Foreign);
            k.kind = "ForeignKeyConstraint";
            this.CONSUME2(T.Key);
            k.reading = "columns";
            k.columns = this.SUBRULE3(this.nameList);
            this.CONSUME(T.References);
            k.refTable = this.SUBRULE2(this.name);
            k.reading = "refColumns";
            k.refColumns = this.SUBRULE4(this.nameList);
            k.reading = "actions";
            this.MANY({ GATE: () => this.notAssignment() && this.la(1, T.On), DEF: () => k.actions.push(this.SUBRULE(this.fkAction)) });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Exclude);
            k.kind = "ExcludeConstraint";
            this.OPTION3(() => {
              this.CONSUME(T.Using);
              k.method = this.SUBRULE3(this.name);
            });
            this.CONSUME2(T.LParen);
            k.reading = "elements";
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.pushChild(this.SUBRULE(this.excludeElement), k.elements) });
            this.CONSUME2(T.RParen);
          },
        },
      ]);
      k.reading = "";
      const options = this.SUBRULE(this.optionList);
      if (!this.RECORDING_PHASE) k.options.push(...options);
      this.OPTION4({
        GATE: () => k.kind === "ExcludeConstraint" && !this.startsLine(1) && this.notAssignment(),
        DEF: () => {
          this.CONSUME(T.Where);
          k.reading = "where";
          k.where = this.SUBRULE2(this.expr);
        },
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (k.reading === "columns") k.columns = c as A.Ident[];
          else if (k.reading === "refColumns") k.refColumns = c as A.Ident[];
          else if (k.reading === "check") k.check = c as A.Expr;
          else if (k.reading === "actions") k.actions.push(c as FkClause);
          else if (k.reading === "elements") this.pushChild(c, k.elements);
          else if (k.reading === "where") k.where = c as A.Expr;
        }
        return this.constraintOf(k, m);
      });
    }
    return this.RECORDING_PHASE ? null : this.constraintOf(k, m);
  });

  private constraintOf(k: ConstraintParts, m: number): A.TableConstraint | null {
    if (this.RECORDING_PHASE || !k.kind) return null;
    const name = this.ident(k.name);
    const span = this.spanFrom(m);
    const columns = k.columns ?? [];
    const o = optionsOf(k.kind, k.options, this.problems);
    switch (k.kind) {
      case "PrimaryKeyConstraint":
        return { kind: k.kind, name, columns, ...pick(o, "include", "with", "deferral"), span };
      case "UniqueConstraint":
        return { kind: k.kind, name, columns, ...pick(o, "nullsNotDistinct", "include", "with", "deferral"), span };
      case "CheckConstraint":
        return { kind: "CheckConstraint", name, expr: k.check ?? errorExpr(NO_SPAN), ...pick(o, "notValid"), span };
      case "ForeignKeyConstraint": {
        const refTable = this.ident(k.refTable);
        if (!refTable) return null;
        return { kind: "ForeignKeyConstraint", name, columns, refTable, refColumns: k.refColumns ?? [], ...fkActions(k.actions), ...pick(o, "deferral", "notValid"), span };
      }
      case "ExcludeConstraint":
        return { kind: "ExcludeConstraint", name, method: this.ident(k.method), elements: k.elements, ...pick(o, "include", "with"), where: k.where ?? null, ...pick(o, "deferral"), span };
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- indexes and expectations

  public indexDef = this.rule("indexDef", (): A.IndexDef => {
    const m = this.mark();
    const x: IndexParts = { unique: false, name: undefined, method: undefined, columns: [], options: [], where: undefined, readingWhere: false, concurrently: false };
    try {
      this.OPTION(() => (this.CONSUME(T.Unique), (x.unique = true)));
      this.CONSUME(T.Index);
      this.OPTION2({
        // `index using gin (a)` has no name; `index using using gin (a)` is named `using`.
        GATE: () => !(this.la(1, T.Using) && this.isName(2) && this.la(3, T.LParen)),
        DEF: () => (x.name = this.SUBRULE(this.name)),
      });
      this.OPTION3(() => {
        this.CONSUME(T.Using);
        x.method = this.SUBRULE2(this.name);
      });
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.pushChild(this.SUBRULE(this.indexColumn), x.columns) });
      this.CONSUME(T.RParen);
      const options = this.SUBRULE(this.optionList);
      if (!this.RECORDING_PHASE) x.options.push(...options);
      this.OPTION4({
        GATE: () => this.notAssignment(),
        DEF: () => {
          this.CONSUME(T.Where);
          x.readingWhere = true;
          x.where = this.SUBRULE(this.expr);
        },
      });
      this.OPTION5({ GATE: () => this.notAssignment(), DEF: () => (this.CONSUME(T.Concurrently), (x.concurrently = true)) });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD && x.readingWhere) x.where = c as A.Expr;
        else this.pushChild(c, x.columns);
        return this.indexDefOf(x, m);
      });
    }
    return this.indexDefOf(x, m);
  });

  protected indexDefOf(x: IndexParts, m: number): A.IndexDef {
    const name = this.ident(x.name);
    const method = this.ident(x.method);
    const o = this.RECORDING_PHASE ? {} : optionsOf(x.unique ? "UniqueIndexDef" : "IndexDef", x.options, this.problems);
    return {
      kind: "IndexDef",
      name,
      unique: x.unique,
      method,
      columns: x.columns,
      ...pick(o, "include", "nullsNotDistinct", "with"),
      where: x.where ?? null,
      concurrently: x.concurrently,
      span: this.spanFrom(m),
    };
  }

  public expectClause = this.rule("expectClause", (): A.ExpectClause => {
    const m = this.mark();
    let claim: A.Expr | undefined;
    let when: A.Expr | undefined;
    let readingWhen = false;
    try {
      this.CONSUME(T.Expect);
      claim = this.SUBRULE(this.expr);
      this.OPTION(() => {
        this.CONSUME(T.When);
        readingWhen = true;
        when = this.SUBRULE2(this.expr);
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (readingWhen) when = c as A.Expr;
          else claim = c as A.Expr;
        }
        return this.expectOf(claim, when, m);
      });
    }
    return this.expectOf(claim, when, m);
  });

  private expectOf(claim: A.Expr | undefined, when: A.Expr | undefined, m: number): A.ExpectClause {
    return { kind: "ExpectClause", expr: claim ?? errorExpr(NO_SPAN), when: when ?? null, span: this.spanFrom(m) };
  }
}

/** What a table constraint read; `reading` names the part being read (where a partial result belongs). */
interface ConstraintParts {
  name: IToken | undefined;
  kind: A.TableConstraint["kind"] | undefined;
  columns: A.Ident[] | undefined;
  refTable: IToken | undefined;
  refColumns: A.Ident[] | undefined;
  check: A.Expr | undefined;
  actions: FkClause[];
  reading: "" | "columns" | "refColumns" | "check" | "actions" | "elements" | "where";
  options: OptionClause[];
  method: IToken | undefined;
  elements: A.ExcludeElement[];
  where?: A.Expr;
}

/** The options of `o` named by `keys` that were written (a node has no key for an option not written). */
function pick<K extends keyof ReturnType<typeof optionsOf>>(o: ReturnType<typeof optionsOf>, ...keys: K[]): Pick<ReturnType<typeof optionsOf>, K> {
  const out: Partial<ReturnType<typeof optionsOf>> = {};
  for (const key of keys) if (o[key] !== undefined) (out as Record<string, unknown>)[key] = o[key];
  return out as Pick<ReturnType<typeof optionsOf>, K>;
}

export interface IndexParts {
  unique: boolean;
  name: IToken | undefined;
  method: IToken | undefined;
  columns: A.IndexColumn[];
  options: OptionClause[];
  where: A.Expr | undefined;
  readingWhere: boolean;
  concurrently: boolean;
}
