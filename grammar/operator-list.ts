import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, joinSpans, NO_SPAN } from "./leaves.js";

/**
 * Binary operators by precedence. The grammar reads `a + b * c ?? d` as one flat list of operands
 * and operators (a rule per precedence level made parsing several times slower); this builds the
 * tree. A list that error recovery left with gaps is built as it was when each level had its own
 * rule, so that the AST of broken input does not change: an operand that read nothing sits last,
 * becomes an error expression at the end of its left operand, except after `??`, whose old rule
 * kept it and gave it no position; and an operand the old rules never reached is not used (its
 * literal problems are taken back, see `OperatorList.unused`).
 */

/** One operand of a list, and what building a list with gaps needs to know of it. */
interface Operand {
  readonly value: A.Expr;
  /** It read no token (recovery cut it short before its first). */
  readonly empty: boolean;
  /** The literal problems its node reported: `[from, to)` of the parser's list. */
  readonly from: number;
  readonly to: number;
  /** Right of a comparison operator. */
  readonly right: boolean;
  used: boolean;
}

/** An operand, or an operator (null: one invented by recovery, which takes no part). */
type Entry = Operand | A.BinaryOp | null;

const BINARY_OPS: Record<string, A.BinaryOp> = {
  Or: "or",
  And: "and",
  EqEq: "==",
  NotEq: "!=",
  Less: "<",
  LessEq: "<=",
  Greater: ">",
  GreaterEq: ">=",
  QuestionQuestion: "??",
  Concat: "||",
  Plus: "+",
  Minus: "-",
  Star: "*",
  Slash: "/",
  Percent: "%",
};

const COMPARISON_OPS: ReadonlySet<A.BinaryOp | null> = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** The operands and operators of an `expr` or `cmpExpr` rule, in the order they were read. */
export class OperatorList {
  readonly entries: Entry[] = [];
  /** The comparison operator read, if any (even one invented by recovery). */
  comparison: A.BinaryOp | undefined;
  /** No gaps: every operand read something and no operator was invented. */
  private clean = true;
  private pendingFrom = -1;
  private pendingRight = false;
  /** The parser's mark before the operand being read (see `ParserBase.mark`). */
  pendingMark = 0;

  constructor(first: A.Expr, empty: boolean, from: number, to: number) {
    this.add(first, empty, from, to, false);
  }

  /** How many operators were read. */
  get ops(): number {
    return this.entries.length >> 1;
  }

  op(t: IToken, comparison = false): void {
    const op = BINARY_OPS[t.tokenType.name];
    const real = Number.isFinite(t.startOffset);
    this.entries.push(real ? op : null);
    if (!real) this.clean = false;
    if (comparison) this.comparison = op;
  }

  /** An operand's rule is about to run; `mark` is the parser's mark, `from` where the problem list stands. */
  begin(mark: number, from: number, right: boolean): void {
    this.pendingMark = mark;
    this.pendingFrom = from;
    this.pendingRight = right;
  }

  /** Whether an operand's rule is running (its partial result then belongs here). */
  get pending(): boolean {
    return this.pendingFrom >= 0;
  }

  /** The operand's rule returned `value`; `empty` if it read nothing, `to` where the problem list stands. */
  end(value: A.Expr, empty: boolean, to: number): void {
    this.add(value, empty, this.pendingFrom, to, this.pendingRight);
    this.pendingFrom = -1;
  }

  private add(value: A.Expr, empty: boolean, from: number, to: number, right: boolean): void {
    this.entries.push({ value, empty, from, to, right, used: false });
    if (empty) this.clean = false;
  }

  /** `a or b and c`. */
  logical(): A.Expr {
    return this.clean ? climb(this.entries, 0, this.entries.length) : chainOf(operatorList(this.entries), LOGICAL_LEVELS);
  }

  /** The operands left and right of the comparison operator (right empty without one), built. */
  sides(): { left: A.Expr; right: () => A.Expr | null } {
    if (this.clean) {
      const at = this.entries.findIndex((e) => COMPARISON_OPS.has(e as A.BinaryOp));
      const end = at < 0 ? this.entries.length : at;
      return { left: climb(this.entries, 0, end), right: () => (at < 0 || at + 1 >= this.entries.length ? null : climb(this.entries, at + 1, this.entries.length)) };
    }
    const all = operatorList(this.entries);
    const at = all.findIndex((item) => typeof item === "string" && COMPARISON_OPS.has(item));
    const [left, right] = at < 0 ? [all, []] : [all.slice(0, at), all.slice(at + 1)];
    return { left: chainOf(left, ARITHMETIC_LEVELS), right: () => (right.length > 0 ? chainOf(right, ARITHMETIC_LEVELS) : null) };
  }

  /** The problem ranges of operands that building did not use, last first (to splice them out in turn). */
  unused(): [number, number][] {
    const out: [number, number][] = [];
    for (const e of this.entries) if (e !== null && typeof e !== "string" && !e.used && e.to > e.from) out.push([e.from, e.to]);
    return out.reverse();
  }
}

// ---------------------------------------------------------------- lists without gaps

/** Binding strength, within `or`/`and` and within the arithmetic operators (the two never mix in one list). */
const PRECEDENCE: Record<A.BinaryOp, number> = {
  or: 0,
  and: 1,
  "??": 0,
  "||": 1,
  "+": 2,
  "-": 2,
  "*": 3,
  "/": 3,
  "%": 3,
  "==": -1,
  "!=": -1,
  "<": -1,
  "<=": -1,
  ">": -1,
  ">=": -1,
};

/** Precedence climbing over `entries[from, to)`, operands and operators alternating; `??` groups to the right. */
function climb(entries: readonly Entry[], from: number, to: number): A.Expr {
  let i = from;
  const parse = (min: number): A.Expr => {
    const first = entries[i++] as Operand;
    first.used = true;
    let left = first.value;
    while (i < to) {
      const op = entries[i] as A.BinaryOp;
      const p = PRECEDENCE[op];
      if (p < min) break;
      i++;
      left = binary(op, left, parse(op === "??" ? p : p + 1));
    }
    return left;
  };
  return parse(0);
}

export function binary(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
  return { kind: "BinaryExpr", op, left, right, span: joinSpans(left.span, right.span) };
}

// ---------------------------------------------------------------- lists with gaps

type Item = Operand | A.BinaryOp;

interface Level {
  readonly ops: ReadonlySet<A.BinaryOp>;
  /** `a ?? b ?? c` is `a ?? (b ?? c)`; the other operators group to the left. */
  readonly toRight: boolean;
}

const level = (ops: A.BinaryOp[], toRight = false): Level => ({ ops: new Set(ops), toRight });

/** Between `not`s: `or` binds loosest. */
const LOGICAL_LEVELS: readonly Level[] = [level(["or"]), level(["and"])];

/** Between the operands of one side of a comparison, loosest first. */
const ARITHMETIC_LEVELS: readonly Level[] = [level(["??"], true), level(["||"]), level(["+", "-"]), level(["*", "/", "%"])];

/**
 * The operands and operators as the old rules saw them: in text order, without invented
 * operators, the operands that read nothing last (left of the comparison before right of it).
 */
function operatorList(entries: readonly Entry[]): Item[] {
  const items: Item[] = [];
  for (const e of entries) {
    if (e === null) continue;
    if (typeof e === "string" || !e.empty) items.push(e);
  }
  for (const right of [false, true]) {
    for (const e of entries) if (e !== null && typeof e !== "string" && e.empty && e.right === right) items.push(e);
  }
  return items;
}

function chainOf(items: readonly Item[], levels: readonly Level[]): A.Expr {
  return build(items, levels, 0);
}

function build(items: readonly Item[], levels: readonly Level[], i: number): A.Expr {
  if (i === levels.length) {
    const only = items[0];
    if (items.length === 1 && typeof only !== "string") {
      only.used = true;
      return only.value;
    }
    return errorExpr(NO_SPAN);
  }
  const { ops, toRight } = levels[i];
  const groups: Item[][] = [[]];
  const between: A.BinaryOp[] = [];
  for (const item of items) {
    if (typeof item === "string" && ops.has(item)) {
      between.push(item);
      groups.push([]);
    } else {
      groups[groups.length - 1].push(item);
    }
  }
  if (groups.length === 1) return build(items, levels, i + 1);
  const next = (g: readonly Item[]): A.Expr => build(g, levels, i + 1);
  if (toRight) {
    const operands = groups.map(next);
    let acc = operands[operands.length - 1];
    for (let k = operands.length - 2; k >= 0; k--) acc = binary(between[k], operands[k], acc);
    return acc;
  }
  let left: A.Expr | null = null;
  let op: A.BinaryOp | null = null;
  groups.forEach((g, k) => {
    if (k > 0) op = between[k - 1];
    if (readNothing(g)) return;
    const right = next(g);
    left = left === null || op === null ? right : binary(op, left, right);
    op = null;
  });
  const last = left as A.Expr | null;
  if (last && op) return binary(op, last, errorExpr({ start: last.span.end, end: last.span.end }));
  return last ?? errorExpr(NO_SPAN);
}

/** A group that is only an operand in which error recovery read nothing. */
function readNothing(g: readonly Item[]): boolean {
  if (g.length === 0) return true;
  const only = g[0];
  return g.length === 1 && typeof only !== "string" && only.empty;
}
