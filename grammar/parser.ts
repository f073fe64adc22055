import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { stringLit, stringOf, tokenSpan } from "./leaves.js";
import { NO_CHILD } from "./parser-base.js";
import { SqlDeclarationParser } from "./parser-sql-declarations.js";
import * as T from "./tokens.js";

/**
 * The grammar of kmig, the single source of truth for its syntax. One chevrotain parser, written
 * in layers by topic, each a class extending the one before: shared machinery (`parser-base.ts`),
 * expressions (`parser-compound.ts`, `parser-primary.ts`, `parser-expr.ts`), tables
 * (`parser-types.ts`, `parser-columns.ts`, `parser-table.ts`, `parser-alter.ts`), maps and functions
 * (`parser-maps.ts`), config blocks (`parser-config.ts`), and here files, migrations and their
 * items. Each rule returns its AST node (see `ParserBase` for what it returns after a syntax error).
 * Where an alternation is ambiguous by design (soft keywords that are also names), the
 * alternatives are ordered most specific first and `IGNORE_AMBIGUITIES` picks the first that fits.
 */
class KmigParser extends SqlDeclarationParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /** The units of a file (what recovery could make of them). */
  public file = this.rule("file", (): A.Unit[] => {
    const units: A.Unit[] = [];
    try {
      this.statements(this.unit, "unit", units, false);
    } catch (e) {
      throw this.failed(e, (c) => this.pushChild(c, units));
    }
    return units;
  });

  private readonly unitAlts = [{ ALT: () => this.SUBRULE(this.migration) as A.Unit | null }, { ALT: () => this.SUBRULE(this.baseline) }];

  public unit = this.rule("unit", (): A.Unit | null => this.dispatch(this.unitAlts));

  public migration = this.rule("migration", (): A.Migration | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    let from: IToken | undefined;
    let to: IToken | undefined;
    let items: A.MigrationItem[] | undefined;
    try {
      this.CONSUME(T.Migration);
      name = this.SUBRULE(this.name);
      this.CONSUME(T.From);
      from = this.CONSUME(T.StringLiteral);
      this.CONSUME(T.To);
      to = this.CONSUME2(T.StringLiteral);
      items = this.SUBRULE(this.itemBlock);
    } catch (e) {
      throw this.failed(e, (c) => this.migrationOf(name, from, to, c === NO_CHILD ? items : (c as A.MigrationItem[]), m, q));
    }
    return this.migrationOf(name, from, to, items, m, q);
  });

  /** A migration whose id or versions recovery left out (or invented) is dropped. */
  private migrationOf(name: IToken | undefined, from: IToken | undefined, to: IToken | undefined, items: A.MigrationItem[] | undefined, m: number, q: number): A.Migration | null {
    const id = this.ident(name);
    if (!id || !from || !to || from.isInsertedInRecovery || to.isInsertedInRecovery) return this.dropped(q);
    return { kind: "Migration", id, from: stringLit(from, this.problems), to: stringLit(to, this.problems), items: items ?? [], span: this.spanFrom(m) };
  }

  public baseline = this.rule("baseline", (): A.Baseline | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    let version: IToken | undefined;
    let items: A.MigrationItem[] | undefined;
    try {
      this.CONSUME(T.Baseline);
      name = this.SUBRULE(this.name);
      this.CONSUME(T.Version);
      version = this.CONSUME(T.StringLiteral);
      items = this.SUBRULE(this.itemBlock);
    } catch (e) {
      throw this.failed(e, (c) => this.baselineOf(name, version, c === NO_CHILD ? items : (c as A.MigrationItem[]), m, q));
    }
    return this.baselineOf(name, version, items, m, q);
  });

  private baselineOf(name: IToken | undefined, version: IToken | undefined, items: A.MigrationItem[] | undefined, m: number, q: number): A.Baseline | null {
    const id = this.ident(name);
    if (!id || !version || version.isInsertedInRecovery) return this.dropped(q);
    return { kind: "Baseline", id, version: stringLit(version, this.problems), items: items ?? [], span: this.spanFrom(m) };
  }

  public itemBlock = this.rule("itemBlock", (): A.MigrationItem[] => {
    const items: A.MigrationItem[] = [];
    try {
      this.CONSUME(T.LBrace);
      this.statements(this.item, "item", items);
      this.CONSUME(T.RBrace);
    } catch (e) {
      throw this.failed(e, (c) => this.pushChild(c, items));
    }
    return items;
  });

  private readonly itemAlts = [
    { GATE: () => this.la(1, T.Allow) && this.isName(2) && !this.startsLine(2), ALT: () => this.SUBRULE(this.allow) as A.MigrationItem | null },
    { ALT: () => this.SUBRULE(this.describe) as A.MigrationItem | null },
    { ALT: () => this.SUBRULE(this.createTable) },
    { ALT: () => this.SUBRULE(this.alterTable) },
    { ALT: () => this.SUBRULE(this.dropTable) },
    { ALT: () => this.SUBRULE(this.renameTable) },
    { ALT: () => this.SUBRULE(this.createSequence) },
    { ALT: () => this.SUBRULE(this.alterSequence) },
    { ALT: () => this.SUBRULE(this.dropSequence) },
    { ALT: () => this.SUBRULE(this.renameSequence) },
    { ALT: () => this.SUBRULE(this.createEnum) },
    { ALT: () => this.SUBRULE(this.alterEnum) },
    { ALT: () => this.SUBRULE(this.createDomain) },
    { ALT: () => this.SUBRULE(this.dropNamedType) },
    { ALT: () => this.SUBRULE(this.rawSql) },
    { ALT: () => this.SUBRULE(this.externalObject) },
    { ALT: () => this.SUBRULE(this.valueMap) },
    { ALT: () => this.SUBRULE(this.functionDef) },
    { ALT: () => this.SUBRULE(this.configMigration) },
  ];

  public item = this.rule("item", (): A.MigrationItem | null => this.dispatch(this.itemAlts));

  public describe = this.rule("describe", (): A.Describe | null => {
    const m = this.mark();
    let text: IToken | undefined;
    try {
      this.CONSUME(T.Describe);
      text = this.SUBRULE(this.string);
    } catch (e) {
      throw this.failed(e, () => this.describeOf(text, m));
    }
    return this.describeOf(text, m);
  });

  private describeOf(t: IToken | undefined, m: number): A.Describe | null {
    const text = this.RECORDING_PHASE ? null : stringOf(t, this.problems);
    return text ? { kind: "Describe", text, span: this.spanFrom(m) } : null;
  }

  public dropTable = this.rule("dropTable", (): A.DropTable | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    let inverse: A.IrreversibleClause | null | undefined;
    try {
      this.CONSUME(T.Drop);
      this.CONSUME(T.Table);
      name = this.SUBRULE(this.name);
      this.OPTION(() => (inverse = this.SUBRULE(this.irreversible)));
    } catch (e) {
      throw this.failed(e, (c) => this.dropTableOf(name, c === NO_CHILD ? inverse : (c as A.IrreversibleClause | null), m, q));
    }
    return this.dropTableOf(name, inverse, m, q);
  });

  private dropTableOf(nameTok: IToken | undefined, inverse: A.IrreversibleClause | null | undefined, m: number, q: number): A.DropTable | null {
    const name = this.ident(nameTok);
    return name ? { kind: "DropTable", name, inverse: inverse ?? null, span: this.spanFrom(m) } : this.dropped(q);
  }

  public renameTable = this.rule("renameTable", (): A.RenameTable | null => {
    const m = this.mark();
    let from: IToken | undefined;
    let to: IToken | undefined;
    try {
      this.CONSUME(T.Rename);
      this.CONSUME(T.Table);
      from = this.SUBRULE(this.name);
      this.CONSUME(T.Arrow);
      to = this.SUBRULE2(this.name);
    } catch (e) {
      throw this.failed(e, () => this.renameTableOf(from, to, m));
    }
    return this.renameTableOf(from, to, m);
  });

  private renameTableOf(fromTok: IToken | undefined, toTok: IToken | undefined, m: number): A.RenameTable | null {
    const from = this.ident(fromTok);
    const to = this.ident(toTok);
    return from && to ? { kind: "RenameTable", from, to, span: this.spanFrom(m) } : null;
  }

  public rawSql = this.rule("rawSql", (): A.RawSql | null => {
    const m = this.mark();
    const q = this.problems.length;
    let up: IToken | undefined;
    let down: IToken | undefined;
    let irreversible: A.IrreversibleClause | null | undefined;
    const declares: A.SqlDeclaration[] = [];
    let reading: "" | "declaration" | "inverse" = "";
    try {
      this.CONSUME(T.Sql);
      up = this.SUBRULE(this.string);
      this.MANY({ GATE: () => this.declarationAhead(), DEF: () => ((reading = "declaration"), this.pushChild(this.SUBRULE(this.sqlDeclaration), declares), (reading = "")) });
      this.OPTION(() =>
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.Reverse);
              down = this.SUBRULE2(this.string);
            },
          },
          { ALT: () => ((reading = "inverse"), (irreversible = this.SUBRULE(this.irreversible)), (reading = "")) },
        ]),
      );
      // Declarations may follow the inverse too; `kmig fmt` puts them before it.
      this.MANY2({ GATE: () => this.declarationAhead(), DEF: () => ((reading = "declaration"), this.pushChild(this.SUBRULE2(this.sqlDeclaration), declares), (reading = "")) });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD && reading === "declaration") this.pushChild(c, declares);
        else if (c !== NO_CHILD && reading === "inverse") irreversible = c as A.IrreversibleClause | null;
        return this.rawSqlOf(up, down, irreversible, declares, m, q);
      });
    }
    return this.rawSqlOf(up, down, irreversible, declares, m, q);
  });

  private rawSqlOf(upTok: IToken | undefined, downTok: IToken | undefined, irreversible: A.IrreversibleClause | null | undefined, declares: A.SqlDeclaration[], m: number, q: number): A.RawSql | null {
    if (this.RECORDING_PHASE) return null;
    const up = stringOf(upTok, this.problems);
    if (!up) return this.dropped(q);
    const down = stringOf(downTok, this.problems);
    const inverse: A.RawSql["inverse"] = down ? { kind: "RawSqlReverse", sql: down, span: tokenSpan(downTok) } : (irreversible ?? null);
    return { kind: "RawSql", up, inverse, ...(declares.length > 0 ? { declares } : {}), span: this.spanFrom(m) };
  }
}

/** The one parser instance (chevrotain parsers are reusable: `begin`, call a rule, `end`). */
export const kmigParser = new KmigParser();

export type { SkippedToken } from "./parser-base.js";
export type { IToken };
