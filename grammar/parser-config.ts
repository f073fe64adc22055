import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, NO_SPAN, stringOf } from "./leaves.js";
import { NO_CHILD } from "./parser-base.js";
import { MapParser } from "./parser-maps.js";
import * as T from "./tokens.js";

const VALUE_TYPES: readonly A.ConfigValueType[] = ["string", "number", "boolean", "object", "array", "any"];

/** `config 'glob' [-> 'target'] [patch] { … }`: YAML document migrations. */
export abstract class ConfigParser extends MapParser {
  public configMigration = this.rule("configMigration", (): A.ConfigMigration | null => {
    const m = this.mark();
    const q = this.problems.length;
    let source: IToken | undefined;
    let target: IToken | undefined;
    let patch = false;
    let items: A.ConfigItem[] | undefined;
    try {
      this.CONSUME(T.Config);
      source = this.SUBRULE(this.string);
      this.OPTION(() => {
        this.CONSUME(T.Arrow);
        target = this.SUBRULE2(this.string);
      });
      this.OPTION2(() => (this.CONSUME(T.Patch), (patch = true)));
      items = this.SUBRULE(this.configBlock);
    } catch (e) {
      throw this.failed(e, (c) => this.configOf(source, target, patch, c === NO_CHILD ? items : (c as A.ConfigItem[]), m, q));
    }
    return this.configOf(source, target, patch, items, m, q);
  });

  private configOf(sourceTok: IToken | undefined, targetTok: IToken | undefined, patch: boolean, items: A.ConfigItem[] | undefined, m: number, q: number): A.ConfigMigration | null {
    if (this.RECORDING_PHASE) return null;
    const source = stringOf(sourceTok, this.problems);
    if (!source) return this.dropped(q);
    const target = stringOf(targetTok, this.problems);
    return { kind: "ConfigMigration", source, target, patch, items: items ?? [], span: this.spanFrom(m) };
  }

  public configBlock = this.rule("configBlock", (): A.ConfigItem[] => {
    const items: A.ConfigItem[] = [];
    try {
      this.CONSUME(T.LBrace);
      this.statements(this.configItem, "configItem", items);
      this.CONSUME(T.RBrace);
    } catch (e) {
      throw this.failed(e, (c) => this.pushChild(c, items));
    }
    return items;
  });

  public configItem = this.rule("configItem", (): A.ConfigItem | null => {
    const m = this.mark();
    const q = this.problems.length;
    const i: ConfigParts = { kind: undefined, path: undefined, valueType: undefined, expect: undefined, value: undefined, block: undefined, reading: "" };
    try {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.isName(2),
            ALT: () => {
              this.CONSUME(T.Require);
              i.kind = "RequireKey";
              i.reading = "path";
              i.path = this.SUBRULE(this.keyPath);
              this.OPTION(() => {
                this.CONSUME(T.Colon);
                i.valueType = this.SUBRULE(this.name);
              });
            },
          },
          {
            GATE: () => this.isName(2),
            ALT: () => {
              this.CONSUME(T.Remove);
              i.kind = "RemoveKey";
              i.reading = "path";
              i.path = this.SUBRULE2(this.keyPath);
            },
          },
          {
            GATE: () => !this.la(2, T.ColonEq) && !this.la(2, T.LBrace) && !this.la(2, T.Dot),
            ALT: () => {
              i.kind = "ExpectClause";
              i.reading = "expect";
              i.expect = this.SUBRULE(this.expectClause);
            },
          },
          {
            ALT: () => {
              i.kind = "SetKey";
              i.reading = "path";
              i.path = this.SUBRULE3(this.keyPath);
              this.OR2([
                {
                  ALT: () => {
                    this.CONSUME(T.ColonEq);
                    i.reading = "value";
                    i.value = this.SUBRULE(this.expr);
                  },
                },
                { ALT: () => ((i.reading = "block"), (i.block = this.SUBRULE(this.configBlock))) },
              ]);
            },
          },
        ],
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (i.reading === "path") i.path = c as A.KeyPath | null;
          else if (i.reading === "expect") i.expect = c as A.ExpectClause;
          else if (i.reading === "value") i.value = c as A.Expr;
          else if (i.reading === "block") i.block = c as A.ConfigItem[];
        }
        return this.configItemOf(i, m, q);
      });
    }
    return this.RECORDING_PHASE ? null : this.configItemOf(i, m, q);
  });

  private configItemOf(i: ConfigParts, m: number, q: number): A.ConfigItem | null {
    if (i.expect) return i.expect;
    const span = this.spanFrom(m);
    const path = i.path ?? null;
    if (!path) return this.dropped(q);
    switch (i.kind) {
      case "RequireKey":
        return { kind: "RequireKey", path, valueType: this.valueTypeOf(i.valueType), span };
      case "RemoveKey":
        return { kind: "RemoveKey", path, span };
      default:
        if (i.block) return { kind: "KeyBlock", path, items: i.block, span };
        return { kind: "SetKey", path, value: i.value ?? errorExpr(NO_SPAN), span };
    }
  }

  /** `require key: string`: a type name that is not a value type is reported, and reads as `any`. */
  private valueTypeOf(t: IToken | undefined): A.ConfigValueType | null {
    const id = this.ident(t);
    if (!id) return null;
    const found = VALUE_TYPES.find((v) => v === id.name);
    if (found) return found;
    this.problems.push({
      code: "K1204",
      span: id.span,
      message: `unknown value type \`${id.name}\``,
      help: `a required key's type is one of ${VALUE_TYPES.join(", ")}`,
    });
    return "any";
  }

  /** `server.host`: the names read; null (dropped) without any. */
  public keyPath = this.rule("keyPath", (): A.KeyPath | null => {
    const m = this.mark();
    const keys: A.Ident[] = [];
    try {
      this.pushChild(this.ident(this.SUBRULE(this.name)), keys);
      this.MANY(() => {
        this.CONSUME(T.Dot);
        this.pushChild(this.ident(this.SUBRULE2(this.name)), keys);
      });
    } catch (e) {
      throw this.failed(e, () => this.keyPathOf(keys, m));
    }
    return this.keyPathOf(keys, m);
  });

  private keyPathOf(keys: A.Ident[], m: number): A.KeyPath | null {
    return keys.length > 0 ? { kind: "KeyPath", keys, span: this.spanFrom(m) } : null;
  }
}

/** What a config item read; `reading` names the part being read (where a partial result belongs). */
interface ConfigParts {
  kind: "RequireKey" | "RemoveKey" | "ExpectClause" | "SetKey" | undefined;
  path: A.KeyPath | null | undefined;
  valueType: IToken | undefined;
  expect: A.ExpectClause | undefined;
  value: A.Expr | undefined;
  block: A.ConfigItem[] | undefined;
  reading: "" | "path" | "expect" | "value" | "block";
}
