import { CstParser, EOF, tokenMatcher, type CstNode, type IToken, type ParserMethod, type TokenType } from "chevrotain";
import * as T from "./tokens.js";
import { errorMessages } from "./messages.js";

/** Operators between the operands of one side of a comparison, loosest first. */
const ARITHMETIC_OPERATORS: readonly TokenType[] = [T.QuestionQuestion, T.Concat, T.Plus, T.Minus, T.Star, T.Slash, T.Percent];

/**
 * The grammar of kmig, and nothing else: it builds a concrete syntax tree that `to-ast.ts`
 * turns into the AST. Error recovery is on, so one run reports every syntax error of a file.
 * Where an alternation is ambiguous by design (soft keywords that are also names), the
 * alternatives are ordered most specific first and `IGNORE_AMBIGUITIES` picks the first that fits.
 */
class KmigParser extends CstParser {
  constructor() {
    super([...T.ALL_TOKENS], {
      recoveryEnabled: true,
      skipValidations: true,
      maxLookahead: 2,
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider: errorMessages,
    });
    this.performSelfAnalysis();
  }

  /**
   * Speed: chevrotain makes each CST node's `children` with `Object.create(null)`, which V8 keeps
   * in slow dictionary mode; a plain object makes building and reading the CST about twice as
   * fast. Safe because no child key (a rule, token or label name) is an `Object.prototype`
   * property. Takes over an internal method of chevrotain 11 (the version is pinned);
   * test/grammar-speed-guards.test.ts fails if a new chevrotain stops calling it.
   */
  protected cstInvocationStateUpdate(fullRuleName: string): void {
    const internals = this as unknown as ChevrotainCstInternals;
    const node: CstNode = { name: fullRuleName, children: {} };
    internals.setInitialNodeLocation(node);
    internals.CST_STACK.push(node);
  }

  /**
   * Tokens skipped while recovering inside a block, with the rule whose list they interrupted;
   * `start` marks the first token of each bad statement. A block never ends at a bad statement:
   * it skips the statement (see `junk`) and goes on with the next one.
   */
  public skipped: SkippedToken[] = [];

  /** The next token to read; after a stack overflow, the spot where the parser gave up. */
  public current(): IToken {
    return this.LA(1);
  }

  private la(i: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(i), type);
  }

  private isName(i: number): boolean {
    return this.la(i, T.Identifier) || this.la(i, T.QuotedIdent);
  }

  /** The text being parsed; set with `input`. Only read to tell where a line begins. */
  public sourceText = "";

  /** Whether a line break separates LA(i) from the token before it. */
  private startsLine(i: number): boolean {
    const prev = this.LA(i - 1);
    const next = this.LA(i);
    if (!Number.isFinite(prev.startOffset)) return true;
    if (!Number.isFinite(next.startOffset)) return false;
    // A loop rather than a regex on a slice: this runs for every column modifier.
    for (let at = prev.startOffset + prev.image.length; at < next.startOffset; at++) {
      const c = this.sourceText.charCodeAt(at);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  /**
   * A soft keyword followed by `:=` assigns the column of that name; it never continues the
   * statement before it (`drop x` then `reverse := …`).
   */
  private notAssignment(): boolean {
    return !this.la(2, T.ColonEq);
  }

  /** The statements of a block up to its `}` (or the end of file), skipping what fits no statement. */
  private statements(rule: ParserMethod<[], CstNode>, context: string, stopAtBrace = true): void {
    this.MANY({
      GATE: () => this.LA(1).tokenType !== EOF && !(stopAtBrace && this.la(1, T.RBrace)),
      DEF: () => {
        // Set on every iteration: a nested block may have changed it.
        this.ACTION(() => (this.junkContext = context));
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [{ ALT: () => this.SUBRULE(rule) }, { ALT: () => this.SUBRULE(this.junk) }],
        });
      },
    });
  }

  private junkContext = "";

  /** `{` and `(`/`[` left open inside the bad statement being skipped. */
  private junkBraces = 0;
  private junkParens = 0;

  /**
   * A bad statement: skipped from its first token to the end of its line, together with any
   * brackets it opens (so `crate table t { … }` is one error, not one per line of its block).
   */
  public junk = this.RULE("junk", () => {
    const first = this.CONSUME(T.AnyToken);
    this.ACTION(() => {
      this.junkBraces = 0;
      this.junkParens = 0;
      this.skipJunk(first, true);
      // The rest of the statement is read here, token by token as CONSUME would (same CST), not
      // by a grammar loop: to chevrotain's start-up analysis a `MANY(AnyToken)` that any block may
      // run into makes each block's lookahead several times dearer to work out (+100 ms a start).
      const internals = this as unknown as ChevrotainCstInternals;
      while (this.junkGoesOn()) {
        const t = this.LA(1);
        internals.consumeToken();
        internals.cstPostTerminal(T.AnyToken.name, t);
        this.skipJunk(t, false);
      }
    });
  });

  private skipJunk(token: IToken, start: boolean): void {
    this.skipped.push({ token, context: this.junkContext, start });
    if (tokenMatcher(token, T.LBrace)) this.junkBraces++;
    else if (tokenMatcher(token, T.RBrace)) this.junkBraces = Math.max(0, this.junkBraces - 1);
    else if (tokenMatcher(token, T.LParen) || tokenMatcher(token, T.LBracket)) this.junkParens++;
    else if (tokenMatcher(token, T.RParen) || tokenMatcher(token, T.RBracket)) this.junkParens = Math.max(0, this.junkParens - 1);
  }

  /** A bad statement goes on to the end of its line and its brackets, but never past its block's `}`. */
  private junkGoesOn(): boolean {
    if (this.LA(1).tokenType === EOF) return false;
    if (this.junkBraces > 0) return true;
    if (this.la(1, T.RBrace)) return false;
    return this.junkParens > 0 || !this.startsLine(1);
  }

  // ---------------------------------------------------------------- file and units

  public file = this.RULE("file", () => {
    this.statements(this.unit, "unit", false);
  });

  public unit = this.RULE("unit", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.migration) },
      { ALT: () => this.SUBRULE(this.baseline) },
    ]);
  });

  public migration = this.RULE("migration", () => {
    this.CONSUME(T.Migration);
    this.SUBRULE(this.name);
    this.CONSUME(T.From);
    this.CONSUME(T.StringLiteral, { LABEL: "from" });
    this.CONSUME(T.To);
    this.CONSUME2(T.StringLiteral, { LABEL: "to" });
    this.SUBRULE(this.itemBlock);
  });

  public baseline = this.RULE("baseline", () => {
    this.CONSUME(T.Baseline);
    this.SUBRULE(this.name);
    this.CONSUME(T.Version);
    this.CONSUME(T.StringLiteral, { LABEL: "version" });
    this.SUBRULE(this.itemBlock);
  });

  public itemBlock = this.RULE("itemBlock", () => {
    this.CONSUME(T.LBrace);
    this.statements(this.item, "item");
    this.CONSUME(T.RBrace);
  });

  public item = this.RULE("item", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.describe) },
      { ALT: () => this.SUBRULE(this.createTable) },
      { ALT: () => this.SUBRULE(this.alterTable) },
      { ALT: () => this.SUBRULE(this.dropTable) },
      { ALT: () => this.SUBRULE(this.renameTable) },
      { ALT: () => this.SUBRULE(this.rawSql) },
      { ALT: () => this.SUBRULE(this.valueMap) },
      { ALT: () => this.SUBRULE(this.functionDef) },
      { ALT: () => this.SUBRULE(this.configMigration) },
    ]);
  });

  public describe = this.RULE("describe", () => {
    this.CONSUME(T.Describe);
    this.SUBRULE(this.string);
  });

  // ---------------------------------------------------------------- tables

  public createTable = this.RULE("createTable", () => {
    this.CONSUME(T.Create);
    this.CONSUME(T.Table);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.statements(this.tableElement, "tableElement");
    this.CONSUME(T.RBrace);
  });

  public tableElement = this.RULE("tableElement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.constraintAhead(1), ALT: () => this.SUBRULE(this.tableConstraint) },
        { ALT: () => this.SUBRULE(this.indexDef) },
        { ALT: () => this.SUBRULE(this.expectClause) },
        { ALT: () => this.SUBRULE(this.columnDef) },
      ],
    });
  });

  /** Whether a table-level constraint starts at LA(i) (and not a column named `unique`, `check`, …). */
  private constraintAhead(i: number): boolean {
    if (this.la(i, T.Constraint)) return this.isName(i + 1);
    if (this.la(i, T.Primary)) return this.la(i + 1, T.Key) && this.la(i + 2, T.LParen);
    if (this.la(i, T.Foreign)) return this.la(i + 1, T.Key) && this.la(i + 2, T.LParen);
    if (this.la(i, T.Unique) || this.la(i, T.Check)) return this.la(i + 1, T.LParen);
    return false;
  }

  public tableConstraint = this.RULE("tableConstraint", () => {
    this.OPTION(() => {
      this.CONSUME(T.Constraint);
      this.SUBRULE(this.name, { LABEL: "constraintName" });
    });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Primary);
          this.CONSUME(T.Key);
          this.SUBRULE(this.nameList, { LABEL: "primaryKey" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Unique);
          this.SUBRULE2(this.nameList, { LABEL: "unique" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Check);
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expr, { LABEL: "check" });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Foreign);
          this.CONSUME2(T.Key);
          this.SUBRULE3(this.nameList, { LABEL: "foreignKey" });
          this.CONSUME(T.References);
          this.SUBRULE2(this.name, { LABEL: "refTable" });
          this.SUBRULE4(this.nameList, { LABEL: "refColumns" });
          this.MANY({ GATE: () => this.notAssignment(), DEF: () => this.SUBRULE(this.fkAction) });
        },
      },
    ]);
  });

  public nameList = this.RULE("nameList", () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.name) });
    this.CONSUME(T.RParen);
  });

  /** `on delete cascade`, `on update set null`, … */
  public fkAction = this.RULE("fkAction", () => {
    this.CONSUME(T.On);
    this.OR([{ ALT: () => this.CONSUME(T.Delete) }, { ALT: () => this.CONSUME(T.Update) }]);
    this.OR2([
      { ALT: () => this.CONSUME(T.Cascade) },
      { ALT: () => this.CONSUME(T.Restrict) },
      {
        ALT: () => {
          this.CONSUME(T.No);
          this.CONSUME(T.Action);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Set);
          this.OR3([{ ALT: () => this.CONSUME(T.Null) }, { ALT: () => this.CONSUME(T.Default) }]);
        },
      },
    ]);
  });

  public columnDef = this.RULE("columnDef", () => {
    this.SUBRULE(this.name);
    this.SUBRULE(this.typeRef);
    this.MANY({ GATE: () => this.columnModifierAhead(), DEF: () => this.SUBRULE(this.columnModifier) });
  });

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
    return false;
  }

  public columnModifier = this.RULE("columnModifier", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Default);
          this.SUBRULE(this.expr, { LABEL: "default" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Primary);
          this.CONSUME(T.Key);
        },
      },
      { ALT: () => this.CONSUME(T.Unique) },
      {
        ALT: () => {
          this.CONSUME(T.References);
          this.SUBRULE(this.name, { LABEL: "refTable" });
          this.OPTION(() => {
            this.CONSUME(T.LParen);
            this.SUBRULE2(this.name, { LABEL: "refColumn" });
            this.CONSUME(T.RParen);
          });
          this.MANY({ GATE: () => this.notAssignment(), DEF: () => this.SUBRULE(this.fkAction) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Check);
          this.CONSUME2(T.LParen);
          this.SUBRULE2(this.expr, { LABEL: "check" });
          this.CONSUME2(T.RParen);
        },
      },
    ]);
  });

  /** `varchar(50)`, `numeric(10, 2)`, `double precision`, `text[]`, `jsonb?`. */
  public typeRef = this.RULE("typeRef", () => {
    this.SUBRULE(this.name, { LABEL: "typeName" });
    this.OPTION({
      // A `precision` on the next line is the next column's name.
      GATE: () => this.LA(1).image === "precision" && this.la(1, T.Identifier) && !this.startsLine(1),
      DEF: () => this.CONSUME(T.Identifier, { LABEL: "precision" }),
    });
    this.OPTION2(() => {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.NumberLiteral) });
      this.CONSUME(T.RParen);
    });
    this.MANY(() => {
      this.CONSUME(T.LBracket);
      this.CONSUME(T.RBracket);
    });
    this.OPTION3(() => this.CONSUME(T.Question));
  });

  public indexDef = this.RULE("indexDef", () => {
    this.OPTION(() => this.CONSUME(T.Unique));
    this.CONSUME(T.Index);
    this.OPTION2({
      // `index using gin (a)` has no name; `index using using gin (a)` is named `using`.
      GATE: () => !(this.la(1, T.Using) && this.isName(2) && this.la(3, T.LParen)),
      DEF: () => this.SUBRULE(this.name, { LABEL: "indexName" }),
    });
    this.OPTION3(() => {
      this.CONSUME(T.Using);
      this.SUBRULE2(this.name, { LABEL: "method" });
    });
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.indexColumn) });
    this.CONSUME(T.RParen);
    this.OPTION4({
      GATE: () => this.notAssignment(),
      DEF: () => {
        this.CONSUME(T.Where);
        this.SUBRULE(this.expr, { LABEL: "where" });
      },
    });
    this.OPTION5({ GATE: () => this.notAssignment(), DEF: () => this.CONSUME(T.Concurrently) });
  });

  public indexColumn = this.RULE("indexColumn", () => {
    this.SUBRULE(this.name);
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.Desc) }, { ALT: () => this.CONSUME(T.Asc) }]));
  });

  public expectClause = this.RULE("expectClause", () => {
    this.CONSUME(T.Expect);
    this.SUBRULE(this.expr, { LABEL: "claim" });
    this.OPTION(() => {
      this.CONSUME(T.When);
      this.SUBRULE2(this.expr, { LABEL: "when" });
    });
  });

  public alterTable = this.RULE("alterTable", () => {
    this.CONSUME(T.Table);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.statements(this.tableAction, "tableAction");
    this.CONSUME(T.RBrace);
  });

  public tableAction = this.RULE("tableAction", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.la(1, T.Add) && this.constraintAhead(2), ALT: () => this.SUBRULE(this.addConstraint) },
        { ALT: () => this.SUBRULE(this.addColumn) },
        // `drop index` alone on its line drops a column named `index`.
        { GATE: () => this.la(1, T.Drop) && this.la(2, T.Index) && this.isName(3) && !this.startsLine(3), ALT: () => this.SUBRULE(this.dropIndex) },
        { GATE: () => this.la(1, T.Drop) && this.la(2, T.Constraint) && this.isName(3) && !this.startsLine(3), ALT: () => this.SUBRULE(this.dropConstraint) },
        { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.dropColumn) },
        { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.renameColumn) },
        { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.alterColumn) },
        { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.indexDef) },
        { GATE: () => !this.la(2, T.ColonEq), ALT: () => this.SUBRULE(this.expectClause) },
        { ALT: () => this.SUBRULE(this.assignColumn) },
      ],
    });
  });

  public addConstraint = this.RULE("addConstraint", () => {
    this.CONSUME(T.Add);
    this.SUBRULE(this.tableConstraint);
  });

  public addColumn = this.RULE("addColumn", () => {
    this.CONSUME(T.Add);
    this.SUBRULE(this.columnDef);
    this.OPTION(() => {
      this.CONSUME(T.ColonEq);
      this.SUBRULE(this.expr, { LABEL: "compute" });
    });
    this.OPTION2({ GATE: () => this.notAssignment(), DEF: () => this.SUBRULE(this.stepInverse) });
  });

  public dropColumn = this.RULE("dropColumn", () => {
    this.CONSUME(T.Drop);
    this.SUBRULE(this.name);
    this.OPTION({ GATE: () => this.notAssignment(), DEF: () => this.SUBRULE(this.stepInverse) });
  });

  public dropIndex = this.RULE("dropIndex", () => {
    this.CONSUME(T.Drop);
    this.CONSUME(T.Index);
    this.SUBRULE(this.name);
    this.OPTION({ GATE: () => this.notAssignment(), DEF: () => this.CONSUME(T.Concurrently) });
  });

  public dropConstraint = this.RULE("dropConstraint", () => {
    this.CONSUME(T.Drop);
    this.CONSUME(T.Constraint);
    this.SUBRULE(this.name);
  });

  public renameColumn = this.RULE("renameColumn", () => {
    this.CONSUME(T.Rename);
    this.SUBRULE(this.name, { LABEL: "from" });
    this.CONSUME(T.Arrow);
    this.SUBRULE2(this.name, { LABEL: "to" });
    this.OPTION({
      GATE: () => !this.la(2, T.ColonEq),
      DEF: () => {
        this.CONSUME(T.Default);
        this.SUBRULE(this.expr, { LABEL: "default" });
      },
    });
    this.OPTION2(() => {
      this.CONSUME(T.ColonEq);
      this.SUBRULE2(this.expr, { LABEL: "compute" });
    });
    this.OPTION3({ GATE: () => this.notAssignment(), DEF: () => this.SUBRULE(this.stepInverse) });
  });

  public alterColumn = this.RULE("alterColumn", () => {
    this.CONSUME(T.Alter);
    this.SUBRULE(this.name);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Type);
          this.SUBRULE(this.typeRef);
          this.OPTION({
            GATE: () => this.notAssignment(),
            DEF: () => {
              this.CONSUME(T.Using);
              this.SUBRULE(this.expr, { LABEL: "using" });
            },
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Set);
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Default);
                this.SUBRULE2(this.expr, { LABEL: "default" });
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Not);
                this.CONSUME(T.Null);
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Drop);
          this.OR3([
            { ALT: () => this.CONSUME2(T.Default, { LABEL: "dropDefault" }) },
            {
              ALT: () => {
                this.CONSUME2(T.Not, { LABEL: "dropNot" });
                this.CONSUME2(T.Null);
              },
            },
          ]);
        },
      },
    ]);
    this.OPTION2({ GATE: () => this.notAssignment(), DEF: () => this.SUBRULE(this.stepInverse) });
  });

  public assignColumn = this.RULE("assignColumn", () => {
    this.SUBRULE(this.name);
    this.CONSUME(T.ColonEq);
    this.SUBRULE(this.expr);
    this.OPTION({ GATE: () => this.notAssignment(), DEF: () => this.SUBRULE(this.stepInverse) });
  });

  /** `reverse expr` or `irreversible 'why'` after a step. */
  public stepInverse = this.RULE("stepInverse", () => {
    this.OR([
      {
        GATE: () => !this.la(2, T.ColonEq),
        ALT: () => {
          this.CONSUME(T.Reverse);
          this.SUBRULE(this.expr);
        },
      },
      { ALT: () => this.SUBRULE(this.irreversible) },
    ]);
  });

  public irreversible = this.RULE("irreversible", () => {
    this.CONSUME(T.Irreversible);
    this.SUBRULE(this.string);
  });

  public dropTable = this.RULE("dropTable", () => {
    this.CONSUME(T.Drop);
    this.CONSUME(T.Table);
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.irreversible));
  });

  public renameTable = this.RULE("renameTable", () => {
    this.CONSUME(T.Rename);
    this.CONSUME(T.Table);
    this.SUBRULE(this.name, { LABEL: "from" });
    this.CONSUME(T.Arrow);
    this.SUBRULE2(this.name, { LABEL: "to" });
  });

  public rawSql = this.RULE("rawSql", () => {
    this.CONSUME(T.Sql);
    this.SUBRULE(this.string, { LABEL: "up" });
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Reverse);
            this.SUBRULE2(this.string, { LABEL: "down" });
          },
        },
        { ALT: () => this.SUBRULE(this.irreversible) },
      ]),
    );
  });

  // ---------------------------------------------------------------- value maps and functions

  public valueMap = this.RULE("valueMap", () => {
    this.CONSUME(T.Map);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef, { LABEL: "inputType" });
      this.CONSUME(T.Arrow);
      this.SUBRULE2(this.typeRef, { LABEL: "outputType" });
    });
    this.OPTION2(() => this.CONSUME(T.Closed));
    this.CONSUME(T.LBrace);
    this.statements(this.mapItem, "mapItem");
    this.CONSUME(T.RBrace);
  });

  public mapItem = this.RULE("mapItem", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.Else);
            this.CONSUME(T.Arrow, { LABEL: "elseArrow" });
            this.SUBRULE(this.mapValue, { LABEL: "fallback" });
          },
        },
        {
          GATE: () => !this.la(2, T.Arrow) && !this.la(2, T.Comma),
          ALT: () => {
            this.CONSUME(T.Reverse);
            this.SUBRULE2(this.mapValue, { LABEL: "reverseOutput" });
            this.CONSUME2(T.Arrow, { LABEL: "reverseArrow" });
            this.SUBRULE3(this.mapValue, { LABEL: "reverseInput" });
          },
        },
        {
          GATE: () => this.la(2, T.Original),
          ALT: () => {
            this.CONSUME(T.Keep);
            this.CONSUME(T.Original);
            this.CONSUME(T.In);
            this.SUBRULE(this.primary, { LABEL: "keepPath" });
          },
        },
        {
          ALT: () => {
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE4(this.mapValue, { LABEL: "input" }) });
            this.CONSUME3(T.Arrow, { LABEL: "entryArrow" });
            this.SUBRULE5(this.mapValue, { LABEL: "output" });
          },
        },
      ],
    });
  });

  /** A literal in a status map; a bare word stands for the string it spells. */
  public mapValue = this.RULE("mapValue", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.CONSUME2(T.NumberLiteral, { LABEL: "negative" });
        },
      },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
  });

  public functionDef = this.RULE("functionDef", () => {
    this.CONSUME(T.Def);
    this.SUBRULE(this.name);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.param) });
    this.CONSUME(T.RParen);
    this.CONSUME(T.ColonEq);
    this.SUBRULE(this.expr, { LABEL: "body" });
  });

  public param = this.RULE("param", () => {
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
  });

  // ---------------------------------------------------------------- config files

  public configMigration = this.RULE("configMigration", () => {
    this.CONSUME(T.Config);
    this.SUBRULE(this.string, { LABEL: "source" });
    this.OPTION(() => {
      this.CONSUME(T.Arrow);
      this.SUBRULE2(this.string, { LABEL: "target" });
    });
    this.OPTION2(() => this.CONSUME(T.Patch));
    this.SUBRULE(this.configBlock);
  });

  public configBlock = this.RULE("configBlock", () => {
    this.CONSUME(T.LBrace);
    this.statements(this.configItem, "configItem");
    this.CONSUME(T.RBrace);
  });

  public configItem = this.RULE("configItem", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.isName(2),
          ALT: () => {
            this.CONSUME(T.Require);
            this.SUBRULE(this.keyPath, { LABEL: "required" });
            this.OPTION(() => {
              this.CONSUME(T.Colon);
              this.SUBRULE(this.name, { LABEL: "valueType" });
            });
          },
        },
        {
          GATE: () => this.isName(2),
          ALT: () => {
            this.CONSUME(T.Remove);
            this.SUBRULE2(this.keyPath, { LABEL: "removed" });
          },
        },
        { GATE: () => !this.la(2, T.ColonEq) && !this.la(2, T.LBrace) && !this.la(2, T.Dot), ALT: () => this.SUBRULE(this.expectClause) },
        {
          ALT: () => {
            this.SUBRULE3(this.keyPath, { LABEL: "target" });
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME(T.ColonEq);
                  this.SUBRULE(this.expr, { LABEL: "value" });
                },
              },
              { ALT: () => this.SUBRULE(this.configBlock) },
            ]);
          },
        },
      ],
    });
  });

  public keyPath = this.RULE("keyPath", () => {
    this.SUBRULE(this.name);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.name);
    });
  });

  // ---------------------------------------------------------------- expressions
  //
  // Precedence, loosest first: `or`, `and`, `not`, a comparison (`==`…, `in`, `is null`), `??`,
  // `||`, `+ -`, `* / %`, unary `-`, postfix `.key` and `[i]`. For speed, the operators between
  // `not`s and between comparisons are read as flat `operand (op operand)*` lists, and
  // `to-ast-expr.ts` builds the tree by precedence: one rule per level made 13 nested CST nodes
  // for each `x` in an expression, half of all parsing time. The language is the same
  // (`a == b == c` and `a == not b` are still errors), and so are the syntax errors.

  // The alternatives of the hottest ORs, built once: chevrotain otherwise gets a fresh array of
  // closures on every call.
  private readonly orAnd = [{ ALT: () => this.CONSUME(T.Or) }, { ALT: () => this.CONSUME(T.And) }];
  private readonly leftOperators = ARITHMETIC_OPERATORS.map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly rightOperators = ARITHMETIC_OPERATORS.map((t) => ({ ALT: () => this.CONSUME2(t) }));
  private readonly nameAlts = [{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedIdent) }];

  /** `a or b and c`: the operands and their `or`s and `and`s, in source order. */
  public expr = this.RULE("expr", () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.OR(this.orAnd);
      this.SUBRULE2(this.notExpr);
    });
  });

  private readonly notAlts = [
    {
      ALT: () => {
        this.CONSUME(T.Not);
        this.SUBRULE(this.notExpr);
      },
    },
    { ALT: () => this.SUBRULE(this.cmpExpr) },
  ];

  public notExpr = this.RULE("notExpr", () => {
    this.OR(this.notAlts);
  });

  /** `a + b * c`, then at most one comparison: `… == x ?? y`, `… not in [...]`, `… is not null`. */
  public cmpExpr = this.RULE("cmpExpr", () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.OR(this.leftOperators);
      this.SUBRULE2(this.unaryExpr);
    });
    this.OPTION(() =>
      this.OR2([
        {
          ALT: () => {
            this.OR3([
              { ALT: () => this.CONSUME(T.EqEq) },
              { ALT: () => this.CONSUME(T.NotEq) },
              { ALT: () => this.CONSUME(T.Less) },
              { ALT: () => this.CONSUME(T.LessEq) },
              { ALT: () => this.CONSUME(T.Greater) },
              { ALT: () => this.CONSUME(T.GreaterEq) },
            ]);
            this.SUBRULE3(this.unaryExpr, { LABEL: "right" });
            this.MANY2(() => {
              this.OR4(this.rightOperators);
              this.SUBRULE4(this.unaryExpr, { LABEL: "right" });
            });
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME(T.Not, { LABEL: "notIn" }));
            this.CONSUME(T.In);
            this.SUBRULE(this.inList);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Is);
            this.OPTION3(() => this.CONSUME2(T.Not, { LABEL: "isNot" }));
            this.CONSUME(T.Null);
          },
        },
      ]),
    );
  });

  /** `[a, b]` after `in`: plain values only; a spread or an `if` guard has no meaning here. */
  public inList = this.RULE("inList", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expr, { LABEL: "element" });
      this.MANY({
        GATE: () => !this.la(2, T.RBracket),
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.expr, { LABEL: "element" });
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma, { LABEL: "trailing" }));
    });
    this.CONSUME(T.RBracket);
  });

  private readonly unaryAlts = [
    {
      ALT: () => {
        this.CONSUME(T.Minus);
        this.SUBRULE(this.unaryExpr);
      },
    },
    { ALT: () => this.SUBRULE(this.primary) },
  ];

  public unaryExpr = this.RULE("unaryExpr", () => {
    this.OR(this.unaryAlts);
  });

  /** After a dot any word is a key, reserved or not: `params.if` reads key "if". */
  public memberKey = this.RULE("memberKey", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.QuotedIdent) },
      ...T.RESERVED_WORDS.map((t) => ({ ALT: () => this.CONSUME(t) })),
    ]);
  });

  private readonly primaryAlts = [
    { ALT: () => this.SUBRULE(this.string) },
    { ALT: () => this.CONSUME(T.NumberLiteral) },
    { ALT: () => this.CONSUME(T.True) },
    { ALT: () => this.CONSUME(T.False) },
    { ALT: () => this.CONSUME(T.Null) },
    { ALT: () => this.CONSUME(T.Dollar) },
    { ALT: () => this.CONSUME(T.Old) },
    {
      ALT: () => {
        this.CONSUME(T.LParen);
        this.SUBRULE(this.expr, { LABEL: "paren" });
        this.CONSUME(T.RParen);
      },
    },
    { ALT: () => this.SUBRULE(this.objectLit) },
    { ALT: () => this.SUBRULE(this.arrayLit) },
    { ALT: () => this.SUBRULE(this.whenExpr) },
    { ALT: () => this.SUBRULE(this.nameOrCall) },
  ];

  private readonly postfixAlts = [
    {
      ALT: () => {
        this.CONSUME(T.Dot);
        this.SUBRULE(this.memberKey);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.LBracket);
        this.SUBRULE2(this.expr, { LABEL: "index" });
        this.CONSUME(T.RBracket);
      },
    },
  ];

  /** A literal, name, call, `(…)`, object, array or `when`, then any `.key` and `[i]`. */
  public primary = this.RULE("primary", () => {
    this.OR(this.primaryAlts);
    this.MANY(() => this.OR2(this.postfixAlts));
  });

  /** `x` or `f(a, b)`; the name is read here rather than by `name`: one node less per column read. */
  public nameOrCall = this.RULE("nameOrCall", () => {
    this.OR(this.nameAlts);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: "arg" }) });
      this.CONSUME(T.RParen);
    });
  });

  public whenExpr = this.RULE("whenExpr", () => {
    this.AT_LEAST_ONE(() => this.SUBRULE(this.whenBranch));
    this.CONSUME(T.Else);
    this.SUBRULE(this.expr, { LABEL: "otherwise" });
  });

  public whenBranch = this.RULE("whenBranch", () => {
    this.CONSUME(T.When);
    this.SUBRULE(this.expr, { LABEL: "condition" });
    this.CONSUME(T.Then);
    this.SUBRULE2(this.expr, { LABEL: "result" });
  });

  public objectLit = this.RULE("objectLit", () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.objectElement);
      this.MANY({
        GATE: () => !this.la(2, T.RBrace),
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.objectElement);
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma, { LABEL: "trailing" }));
    });
    this.CONSUME(T.RBrace);
  });

  public objectElement = this.RULE("objectElement", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Ellipsis);
          this.SUBRULE(this.expr, { LABEL: "spread" });
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.objectKey);
          this.OPTION(() => this.CONSUME(T.Question));
          this.CONSUME(T.Colon);
          this.SUBRULE2(this.expr, { LABEL: "value" });
          this.OPTION2(() => {
            this.CONSUME(T.If);
            this.SUBRULE3(this.expr, { LABEL: "guard" });
          });
        },
      },
    ]);
  });

  public objectKey = this.RULE("objectKey", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.QuotedIdent) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      ...T.RESERVED_WORDS.map((t) => ({ ALT: () => this.CONSUME(t) })),
    ]);
  });

  public arrayLit = this.RULE("arrayLit", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.arrayElement);
      this.MANY({
        GATE: () => !this.la(2, T.RBracket),
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.arrayElement);
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma, { LABEL: "trailing" }));
    });
    this.CONSUME(T.RBracket);
  });

  public arrayElement = this.RULE("arrayElement", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Ellipsis);
          this.SUBRULE(this.expr, { LABEL: "spread" });
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.expr, { LABEL: "value" });
          this.OPTION(() => {
            this.CONSUME(T.If);
            this.SUBRULE3(this.expr, { LABEL: "guard" });
          });
        },
      },
    ]);
  });

  // ---------------------------------------------------------------- leaves

  public name = this.RULE("name", () => {
    this.OR(this.nameAlts);
  });

  private readonly stringAlts = [{ ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.CONSUME(T.TripleString) }];

  public string = this.RULE("string", () => {
    this.OR(this.stringAlts);
  });
}

/** Chevrotain internals that `KmigParser` uses for speed (chevrotain 11; see the guard tests). */
interface ChevrotainCstInternals {
  setInitialNodeLocation(node: CstNode): void;
  readonly CST_STACK: CstNode[];
  /** Moves past the next token. */
  consumeToken(): void;
  /** Adds a consumed token to the CST node being built, under `key`. */
  cstPostTerminal(key: string, token: IToken): void;
}

/** A token that error recovery skipped; see `KmigParser.skipped`. */
export interface SkippedToken {
  readonly token: IToken;
  /** The rule whose list the bad statement interrupted (`item`, `tableAction`, …). */
  readonly context: string;
  /** Whether this token begins a bad statement. */
  readonly start: boolean;
}

/** The one parser instance (chevrotain parsers are reusable: set `input`, call a rule). */
export const kmigParser = new KmigParser();

export type { IToken };
