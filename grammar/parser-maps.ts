import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, NO_SPAN, stringLit, tokenSpan } from "./leaves.js";
import { type TypeParts, typeRefOf } from "./type-ref.js";
import { NO_CHILD } from "./parser-base.js";
import { NamedTypeParser } from "./parser-named-types.js";
import * as T from "./tokens.js";

/**
 * Status maps (`map name: T -> U { a, b -> c … }`) and functions (`def f(a) := e`).
 */
export abstract class MapParser extends NamedTypeParser {
  public valueMap = this.rule("valueMap", (): A.ValueMap | null => {
    const m = this.mark();
    const q = this.problems.length;
    const v: MapParts = { name: undefined, inputType: undefined, outputType: undefined, closed: false, items: [], reading: "" };
    try {
      this.CONSUME(T.Map);
      v.name = this.SUBRULE(this.name);
      this.OPTION(() => {
        this.CONSUME(T.Colon);
        v.reading = "input";
        v.inputType = this.SUBRULE(this.typeRef);
        this.CONSUME(T.Arrow);
        v.reading = "output";
        v.outputType = this.SUBRULE2(this.typeRef);
      });
      this.OPTION2(() => (this.CONSUME(T.Closed), (v.closed = true)));
      this.CONSUME(T.LBrace);
      v.reading = "items";
      this.statements(this.mapItem, "mapItem", v.items);
      this.CONSUME(T.RBrace);
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (v.reading === "input") v.inputType = c as TypeParts;
          else if (v.reading === "output") v.outputType = c as TypeParts;
          else if (v.reading === "items") this.pushChild(c, v.items);
        }
        return this.valueMapOf(v, m, q);
      });
    }
    return this.RECORDING_PHASE ? null : this.valueMapOf(v, m, q);
  });

  private valueMapOf(v: MapParts, m: number, q: number): A.ValueMap | null {
    const name = this.ident(v.name);
    if (!name) return this.dropped(q);
    const inputType = typeRefOf(v.inputType, this.problems);
    const outputType = typeRefOf(v.outputType, this.problems);
    return { kind: "ValueMap", name, inputType, outputType, closed: v.closed, items: v.items, span: this.spanFrom(m) };
  }

  public mapItem = this.rule("mapItem", (): A.MapItem | null => {
    const m = this.mark();
    const i: ItemParts = { kind: undefined, inputs: [], output: undefined, input: undefined, path: undefined, reading: "" };
    try {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            ALT: () => {
              this.CONSUME(T.Else);
              i.kind = "MapFallback";
              this.CONSUME(T.Arrow);
              i.reading = "output";
              i.output = this.SUBRULE(this.mapValue);
            },
          },
          {
            GATE: () => !this.la(2, T.Arrow) && !this.la(2, T.Comma),
            ALT: () => {
              this.CONSUME(T.Reverse);
              i.kind = "MapReverseChoice";
              i.reading = "output";
              i.output = this.SUBRULE2(this.mapValue);
              this.CONSUME2(T.Arrow);
              i.reading = "input";
              i.input = this.SUBRULE3(this.mapValue);
            },
          },
          {
            GATE: () => this.la(2, T.Original),
            ALT: () => {
              this.CONSUME(T.Keep);
              i.kind = "MapKeepOriginal";
              this.CONSUME(T.Original);
              this.CONSUME(T.In);
              i.reading = "path";
              i.path = this.SUBRULE(this.primary);
            },
          },
          {
            ALT: () => {
              i.kind = "MapEntry";
              i.reading = "inputs";
              this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => i.inputs.push(this.SUBRULE4(this.mapValue)) });
              this.CONSUME3(T.Arrow);
              i.reading = "output";
              i.output = this.SUBRULE5(this.mapValue);
            },
          },
        ],
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (i.reading === "output") i.output = c as A.Literal | null;
          else if (i.reading === "input") i.input = c as A.Literal | null;
          else if (i.reading === "path") i.path = c as A.Expr;
          else if (i.reading === "inputs") i.inputs.push(c as A.Literal | null);
        }
        return this.mapItemOf(i, m);
      });
    }
    return this.RECORDING_PHASE ? null : this.mapItemOf(i, m);
  });

  private mapItemOf(i: ItemParts, m: number): A.MapItem | null {
    const span = this.spanFrom(m);
    const output = i.output ?? null;
    switch (i.kind) {
      case "MapFallback":
        return output ? { kind: "MapFallback", output, span } : null;
      case "MapReverseChoice":
        return output && i.input ? { kind: "MapReverseChoice", output, input: i.input, span } : null;
      case "MapKeepOriginal":
        return i.path ? { kind: "MapKeepOriginal", path: i.path, span } : null;
      default: {
        const inputs = i.inputs.filter((x): x is A.Literal => x !== null);
        return inputs.length > 0 && output ? { kind: "MapEntry", inputs, output, span } : null;
      }
    }
  }

  /** A literal in a status map; a bare word stands for the string it spells. */
  public mapValue = this.rule("mapValue", (): A.Literal | null => {
    try {
      return this.OR(this.mapValueAlts);
    } catch (e) {
      throw this.failed(e, () => null);
    }
  });

  private readonly mapValueAlts = [
    {
      ALT: (): A.Literal | null => {
        const s = this.CONSUME(T.StringLiteral);
        return this.RECORDING_PHASE ? null : stringLit(s, this.problems);
      },
    },
    { ALT: (): A.Literal | null => literal("NumberLit", this.CONSUME(T.NumberLiteral)) },
    {
      ALT: (): A.Literal | null => {
        const minus = this.CONSUME(T.Minus);
        const digits = this.CONSUME2(T.NumberLiteral);
        return { kind: "NumberLit", text: `-${digits.image}`, span: { start: minus.startOffset, end: this.lastEnd() } };
      },
    },
    { ALT: (): A.Literal | null => ({ kind: "BoolLit", value: true, span: tokenSpan(this.CONSUME(T.True)) }) },
    { ALT: (): A.Literal | null => ({ kind: "BoolLit", value: false, span: tokenSpan(this.CONSUME(T.False)) }) },
    { ALT: (): A.Literal | null => ({ kind: "NullLit", span: tokenSpan(this.CONSUME(T.Null)) }) },
    {
      ALT: (): A.Literal | null => {
        const word = this.CONSUME(T.Identifier);
        return word.isInsertedInRecovery ? null : literal("StringLit", word);
      },
    },
  ];

  // ---------------------------------------------------------------- functions

  public functionDef = this.rule("functionDef", (): A.FunctionDef | null => {
    const m = this.mark();
    const q = this.problems.length;
    let name: IToken | undefined;
    const params: A.Param[] = [];
    let body: A.Expr | undefined;
    let readingBody = false;
    try {
      this.CONSUME(T.Def);
      name = this.SUBRULE(this.name);
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.pushChild(this.SUBRULE(this.param), params) });
      this.CONSUME(T.RParen);
      this.CONSUME(T.ColonEq);
      readingBody = true;
      body = this.SUBRULE(this.expr);
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD && readingBody) body = c as A.Expr;
        else this.pushChild(c, params);
        return this.functionDefOf(name, params, body, m, q);
      });
    }
    return this.functionDefOf(name, params, body, m, q);
  });

  private functionDefOf(nameTok: IToken | undefined, params: A.Param[], body: A.Expr | undefined, m: number, q: number): A.FunctionDef | null {
    const name = this.ident(nameTok);
    if (!name) return this.dropped(q);
    return { kind: "FunctionDef", name, params, body: body ?? errorExpr(NO_SPAN), span: this.spanFrom(m) };
  }

  public param = this.rule("param", (): A.Param | null => {
    const m = this.mark();
    let name: IToken | undefined;
    let type: TypeParts | undefined;
    try {
      name = this.SUBRULE(this.name);
      this.OPTION(() => {
        this.CONSUME(T.Colon);
        type = this.SUBRULE(this.typeRef);
      });
    } catch (e) {
      throw this.failed(e, (c) => this.paramOf(name, c === NO_CHILD ? type : (c as TypeParts), m));
    }
    return this.RECORDING_PHASE ? null : this.paramOf(name, type, m);
  });

  private paramOf(nameTok: IToken | undefined, type: TypeParts | undefined, m: number): A.Param | null {
    const name = this.ident(nameTok);
    return name ? { kind: "Param", name, type: typeRefOf(type, this.problems), span: this.spanFrom(m) } : null;
  }
}

/** A one-token literal of a status map. */
function literal(kind: "NumberLit" | "StringLit", t: IToken): A.Literal {
  return kind === "NumberLit" ? { kind, text: t.image, span: tokenSpan(t) } : { kind, value: t.image, span: tokenSpan(t) };
}

interface MapParts {
  name: IToken | undefined;
  inputType: TypeParts | undefined;
  outputType: TypeParts | undefined;
  closed: boolean;
  items: A.MapItem[];
  reading: "" | "input" | "output" | "items";
}

interface ItemParts {
  kind: A.MapItem["kind"] | undefined;
  inputs: (A.Literal | null)[];
  output: A.Literal | null | undefined;
  input: A.Literal | null | undefined;
  path: A.Expr | undefined;
  reading: "" | "output" | "input" | "path" | "inputs";
}
