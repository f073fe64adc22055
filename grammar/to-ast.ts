import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { firstKey, nodeSpan, sub, subs, tok, tokenSpan, toks } from "./cst.js";
import { arrayOf, exprOf, identFromToken, nameOf, optExpr, stringLit, stringOf, typeRefOf, type Cx } from "./to-ast-expr.js";

/**
 * CST → AST. Statements that error recovery left without a required part are dropped
 * (their syntax error is already reported); missing expressions become `ErrorExpr`.
 */
export function fileToAst(cst: CstNode, cx: Cx, comments: readonly A.Comment[], length: number): A.SpecFile {
  const units = subs(cst, "unit")
    .map((u) => unitOf(u, cx))
    .filter((u): u is A.Unit => u !== null);
  return { kind: "SpecFile", units, comments, span: { start: 0, end: length } };
}

function unitOf(n: CstNode, cx: Cx): A.Unit | null {
  const m = sub(n, "migration");
  if (m) {
    const id = nameOf(sub(m, "name"), cx);
    const from = tok(m, "from");
    const to = tok(m, "to");
    if (!id || !from || !to || from.isInsertedInRecovery || to.isInsertedInRecovery) return null;
    return {
      kind: "Migration",
      id,
      from: stringLit(from, cx),
      to: stringLit(to, cx),
      items: itemsOf(sub(m, "itemBlock"), cx),
      span: nodeSpan(m, cx.fallback),
    };
  }
  const b = sub(n, "baseline");
  if (!b) return null;
  const id = nameOf(sub(b, "name"), cx);
  const version = tok(b, "version");
  if (!id || !version || version.isInsertedInRecovery) return null;
  return {
    kind: "Baseline",
    id,
    version: stringLit(version, cx),
    items: itemsOf(sub(b, "itemBlock"), cx),
    span: nodeSpan(b, cx.fallback),
  };
}

function itemsOf(block: CstNode | undefined, cx: Cx): A.MigrationItem[] {
  if (!block) return [];
  return subs(block, "item")
    .map((i) => itemOf(i, cx))
    .filter((i): i is A.MigrationItem => i !== null);
}

function itemOf(n: CstNode, cx: Cx): A.MigrationItem | null {
  const key = firstKey(n);
  const child = key === undefined ? undefined : n.children[key];
  if (!key || !child || child.length === 0) return null;
  const c = child[0] as CstNode;
  const span = nodeSpan(c, cx.fallback);
  switch (key) {
    case "describe": {
      const text = stringOf(sub(c, "string"), cx);
      return text ? { kind: "Describe", text, span } : null;
    }
    case "createTable":
      return createTableOf(c, cx);
    case "alterTable":
      return alterTableOf(c, cx);
    case "dropTable": {
      const name = nameOf(sub(c, "name"), cx);
      return name ? { kind: "DropTable", name, inverse: irreversibleOf(sub(c, "irreversible"), cx), span } : null;
    }
    case "renameTable": {
      const from = nameOf(sub(c, "from"), cx);
      const to = nameOf(sub(c, "to"), cx);
      return from && to ? { kind: "RenameTable", from, to, span } : null;
    }
    case "rawSql":
      return rawSqlOf(c, cx);
    case "valueMap":
      return valueMapOf(c, cx);
    case "functionDef":
      return functionDefOf(c, cx);
    case "configMigration":
      return configOf(c, cx);
    default:
      return null;
  }
}

// ---------------------------------------------------------------- tables

function createTableOf(n: CstNode, cx: Cx): A.CreateTable | null {
  const name = nameOf(sub(n, "name"), cx);
  if (!name) return null;
  const elements: A.TableElement[] = [];
  for (const e of subs(n, "tableElement")) {
    const col = sub(e, "columnDef");
    const el = col
      ? columnDefOf(col, cx)
      : sub(e, "tableConstraint")
        ? constraintOf(sub(e, "tableConstraint") as CstNode, cx)
        : sub(e, "indexDef")
          ? indexDefOf(sub(e, "indexDef") as CstNode, cx)
          : expectOf(sub(e, "expectClause"), cx);
    if (el) elements.push(el);
  }
  return { kind: "CreateTable", name, elements, span: nodeSpan(n, cx.fallback) };
}

function columnDefOf(n: CstNode, cx: Cx): A.ColumnDef | null {
  const name = nameOf(sub(n, "name"), cx);
  const type = typeRefOf(sub(n, "typeRef"), cx);
  if (!name || !type) return null;
  let def: A.Expr | null = null;
  const constraints: A.ColumnConstraint[] = [];
  for (const m of subs(n, "columnModifier")) {
    const span = nodeSpan(m, cx.fallback);
    if (tok(m, "Default")) def = exprOf(sub(m, "default"), cx);
    else if (tok(m, "Primary")) constraints.push({ kind: "PrimaryKeyMark", span });
    else if (tok(m, "Unique")) constraints.push({ kind: "UniqueMark", span });
    else if (tok(m, "Check")) constraints.push({ kind: "CheckMark", expr: exprOf(sub(m, "check"), cx), span });
    else if (tok(m, "References")) {
      const table = nameOf(sub(m, "refTable"), cx);
      if (!table) continue;
      const actions = fkActionsOf(m, cx);
      constraints.push({ kind: "ReferencesMark", table, column: nameOf(sub(m, "refColumn"), cx), ...actions, span });
    }
  }
  return { kind: "ColumnDef", name, type, default: def, constraints, span: nodeSpan(n, cx.fallback) };
}

function fkActionsOf(n: CstNode, _cx: Cx): { onDelete: A.FkAction | null; onUpdate: A.FkAction | null } {
  let onDelete: A.FkAction | null = null;
  let onUpdate: A.FkAction | null = null;
  for (const a of subs(n, "fkAction")) {
    const action: A.FkAction | null = tok(a, "Cascade")
      ? "cascade"
      : tok(a, "Restrict")
        ? "restrict"
        : tok(a, "No")
          ? "no action"
          : tok(a, "Null")
            ? "set null"
            : tok(a, "Default")
              ? "set default"
              : null;
    if (tok(a, "Delete")) onDelete = action;
    else if (tok(a, "Update")) onUpdate = action;
  }
  return { onDelete, onUpdate };
}

function namesOf(n: CstNode | undefined, cx: Cx): A.Ident[] {
  if (!n) return [];
  return subs(n, "name")
    .map((x) => nameOf(x, cx))
    .filter((x): x is A.Ident => x !== null);
}

function constraintOf(n: CstNode, cx: Cx): A.TableConstraint | null {
  const name = nameOf(sub(n, "constraintName"), cx);
  const span = nodeSpan(n, cx.fallback);
  if (tok(n, "Primary")) return { kind: "PrimaryKeyConstraint", name, columns: namesOf(sub(n, "primaryKey"), cx), span };
  if (tok(n, "Unique")) return { kind: "UniqueConstraint", name, columns: namesOf(sub(n, "unique"), cx), span };
  if (tok(n, "Check")) return { kind: "CheckConstraint", name, expr: exprOf(sub(n, "check"), cx), span };
  if (tok(n, "Foreign")) {
    const refTable = nameOf(sub(n, "refTable"), cx);
    if (!refTable) return null;
    return {
      kind: "ForeignKeyConstraint",
      name,
      columns: namesOf(sub(n, "foreignKey"), cx),
      refTable,
      refColumns: namesOf(sub(n, "refColumns"), cx),
      ...fkActionsOf(n, cx),
      span,
    };
  }
  return null;
}

function indexDefOf(n: CstNode, cx: Cx): A.IndexDef | null {
  const columns: A.IndexColumn[] = [];
  for (const c of subs(n, "indexColumn")) {
    const name = nameOf(sub(c, "name"), cx);
    if (name) columns.push({ kind: "IndexColumn", name, descending: tok(c, "Desc") !== undefined, span: nodeSpan(c, cx.fallback) });
  }
  return {
    kind: "IndexDef",
    name: nameOf(sub(n, "indexName"), cx),
    unique: tok(n, "Unique") !== undefined,
    method: nameOf(sub(n, "method"), cx),
    columns,
    where: optExpr(n, "where", cx),
    concurrently: tok(n, "Concurrently") !== undefined,
    span: nodeSpan(n, cx.fallback),
  };
}

function expectOf(n: CstNode | undefined, cx: Cx): A.ExpectClause | null {
  if (!n) return null;
  return { kind: "ExpectClause", expr: exprOf(sub(n, "claim"), cx), when: optExpr(n, "when", cx), span: nodeSpan(n, cx.fallback) };
}

function alterTableOf(n: CstNode, cx: Cx): A.AlterTable | null {
  const name = nameOf(sub(n, "name"), cx);
  if (!name) return null;
  const actions = subs(n, "tableAction")
    .map((a) => tableActionOf(a, cx))
    .filter((a): a is A.TableAction => a !== null);
  return { kind: "AlterTable", name, actions, span: nodeSpan(n, cx.fallback) };
}

function tableActionOf(n: CstNode, cx: Cx): A.TableAction | null {
  const key = firstKey(n);
  const child = key === undefined ? undefined : n.children[key];
  if (!key || !child || child.length === 0) return null;
  const c = child[0] as CstNode;
  const span = nodeSpan(c, cx.fallback);
  const inverse = () => inverseOf(sub(c, "stepInverse"), cx);
  switch (key) {
    case "addConstraint": {
      const constraint = sub(c, "tableConstraint");
      const k = constraint ? constraintOf(constraint, cx) : null;
      return k ? { kind: "AddConstraint", constraint: k, span } : null;
    }
    case "addColumn": {
      const col = sub(c, "columnDef");
      const column = col ? columnDefOf(col, cx) : null;
      return column ? { kind: "AddColumn", column, compute: optExpr(c, "compute", cx), inverse: inverse(), span } : null;
    }
    case "dropColumn": {
      const name = nameOf(sub(c, "name"), cx);
      return name ? { kind: "DropColumn", name, inverse: inverse(), span } : null;
    }
    case "dropIndex": {
      const name = nameOf(sub(c, "name"), cx);
      return name ? { kind: "DropIndex", name, concurrently: tok(c, "Concurrently") !== undefined, span } : null;
    }
    case "dropConstraint": {
      const name = nameOf(sub(c, "name"), cx);
      return name ? { kind: "DropConstraint", name, span } : null;
    }
    case "renameColumn": {
      const from = nameOf(sub(c, "from"), cx);
      const to = nameOf(sub(c, "to"), cx);
      if (!from || !to) return null;
      return { kind: "RenameColumn", from, to, default: optExpr(c, "default", cx), compute: optExpr(c, "compute", cx), inverse: inverse(), span };
    }
    case "alterColumn":
      return alterColumnOf(c, cx, inverse());
    case "indexDef":
      return indexDefOf(c, cx);
    case "expectClause":
      return expectOf(c, cx);
    case "assignColumn": {
      const target = nameOf(sub(c, "name"), cx);
      return target ? { kind: "AssignColumn", target, value: exprOf(sub(c, "expr"), cx), inverse: inverse(), span } : null;
    }
    default:
      return null;
  }
}

function alterColumnOf(n: CstNode, cx: Cx, inverse: A.StepInverse | null): A.AlterColumn | null {
  const name = nameOf(sub(n, "name"), cx);
  if (!name) return null;
  const span = nodeSpan(n, cx.fallback);
  let change: A.ColumnChange | null = null;
  if (tok(n, "Type")) {
    const type = typeRefOf(sub(n, "typeRef"), cx);
    if (type) change = { kind: "SetType", type, using: optExpr(n, "using", cx), span };
  } else if (tok(n, "Set")) {
    change = tok(n, "Default") ? { kind: "SetDefault", expr: exprOf(sub(n, "default"), cx), span } : tok(n, "Null") ? { kind: "SetNotNull", span } : null;
  } else if (tok(n, "Drop")) {
    change = tok(n, "dropDefault") ? { kind: "DropDefault", span } : tok(n, "Null") ? { kind: "DropNotNull", span } : null;
  }
  return change ? { kind: "AlterColumn", name, change, inverse, span } : null;
}

function irreversibleOf(n: CstNode | undefined, cx: Cx): A.IrreversibleClause | null {
  if (!n) return null;
  const reason = stringOf(sub(n, "string"), cx);
  return reason ? { kind: "IrreversibleClause", reason, span: nodeSpan(n, cx.fallback) } : null;
}

function inverseOf(n: CstNode | undefined, cx: Cx): A.StepInverse | null {
  if (!n) return null;
  if (tok(n, "Reverse")) return { kind: "ReverseClause", expr: exprOf(sub(n, "expr"), cx), span: nodeSpan(n, cx.fallback) };
  return irreversibleOf(sub(n, "irreversible"), cx);
}

function rawSqlOf(n: CstNode, cx: Cx): A.RawSql | null {
  const up = stringOf(sub(n, "up"), cx);
  if (!up) return null;
  const down = stringOf(sub(n, "down"), cx);
  const reverse = sub(n, "down");
  const inverse: A.RawSql["inverse"] = down
    ? { kind: "RawSqlReverse", sql: down, span: nodeSpan(reverse, cx.fallback) }
    : irreversibleOf(sub(n, "irreversible"), cx);
  return { kind: "RawSql", up, inverse, span: nodeSpan(n, cx.fallback) };
}

// ---------------------------------------------------------------- maps and functions

function mapValueOf(n: CstNode | undefined, cx: Cx): A.Literal | null {
  if (!n) return null;
  const span = nodeSpan(n, cx.fallback);
  const s = tok(n, "StringLiteral");
  if (s) return stringLit(s, cx);
  const num = tok(n, "NumberLiteral");
  if (num) return { kind: "NumberLit", text: num.image, span };
  const neg = tok(n, "negative");
  if (neg) return { kind: "NumberLit", text: `-${neg.image}`, span };
  if (tok(n, "True")) return { kind: "BoolLit", value: true, span };
  if (tok(n, "False")) return { kind: "BoolLit", value: false, span };
  if (tok(n, "Null")) return { kind: "NullLit", span };
  const word = tok(n, "Identifier");
  if (word && !word.isInsertedInRecovery) return { kind: "StringLit", value: word.image, span };
  return null;
}

function valueMapOf(n: CstNode, cx: Cx): A.ValueMap | null {
  const name = nameOf(sub(n, "name"), cx);
  if (!name) return null;
  const items: A.MapItem[] = [];
  for (const i of subs(n, "mapItem")) {
    const span = nodeSpan(i, cx.fallback);
    if (tok(i, "Else")) {
      const output = mapValueOf(sub(i, "fallback"), cx);
      if (output) items.push({ kind: "MapFallback", output, span });
    } else if (tok(i, "Reverse") && sub(i, "reverseOutput")) {
      const output = mapValueOf(sub(i, "reverseOutput"), cx);
      const input = mapValueOf(sub(i, "reverseInput"), cx);
      if (output && input) items.push({ kind: "MapReverseChoice", output, input, span });
    } else if (tok(i, "Keep")) {
      const path = sub(i, "keepPath");
      if (path) items.push({ kind: "MapKeepOriginal", path: exprOf(path, cx), span });
    } else {
      const inputs = subs(i, "input")
        .map((v) => mapValueOf(v, cx))
        .filter((v): v is A.Literal => v !== null);
      const output = mapValueOf(sub(i, "output"), cx);
      if (inputs.length > 0 && output) items.push({ kind: "MapEntry", inputs, output, span });
    }
  }
  return {
    kind: "ValueMap",
    name,
    inputType: typeRefOf(sub(n, "inputType"), cx),
    outputType: typeRefOf(sub(n, "outputType"), cx),
    closed: tok(n, "Closed") !== undefined,
    items,
    span: nodeSpan(n, cx.fallback),
  };
}

function functionDefOf(n: CstNode, cx: Cx): A.FunctionDef | null {
  const name = nameOf(sub(n, "name"), cx);
  if (!name) return null;
  const params: A.Param[] = [];
  for (const p of subs(n, "param")) {
    const pname = nameOf(sub(p, "name"), cx);
    if (pname) params.push({ kind: "Param", name: pname, type: typeRefOf(sub(p, "typeRef"), cx), span: nodeSpan(p, cx.fallback) });
  }
  return { kind: "FunctionDef", name, params, body: exprOf(sub(n, "body"), cx), span: nodeSpan(n, cx.fallback) };
}

// ---------------------------------------------------------------- config files

const VALUE_TYPES: readonly A.ConfigValueType[] = ["string", "number", "boolean", "object", "array", "any"];

function configOf(n: CstNode, cx: Cx): A.ConfigMigration | null {
  const source = stringOf(sub(n, "source"), cx);
  if (!source) return null;
  return {
    kind: "ConfigMigration",
    source,
    target: stringOf(sub(n, "target"), cx),
    patch: tok(n, "Patch") !== undefined,
    items: configItemsOf(sub(n, "configBlock"), cx),
    span: nodeSpan(n, cx.fallback),
  };
}

function configItemsOf(block: CstNode | undefined, cx: Cx): A.ConfigItem[] {
  if (!block) return [];
  return subs(block, "configItem")
    .map((i) => configItemOf(i, cx))
    .filter((i): i is A.ConfigItem => i !== null);
}

function keyPathOf(n: CstNode | undefined, cx: Cx): A.KeyPath | null {
  if (!n) return null;
  const keys = subs(n, "name")
    .map((k) => nameOf(k, cx))
    .filter((k): k is A.Ident => k !== null);
  return keys.length > 0 ? { kind: "KeyPath", keys, span: nodeSpan(n, cx.fallback) } : null;
}

function configItemOf(n: CstNode, cx: Cx): A.ConfigItem | null {
  const span = nodeSpan(n, cx.fallback);
  const expect = sub(n, "expectClause");
  if (expect) return expectOf(expect, cx);
  if (tok(n, "Require")) {
    const path = keyPathOf(sub(n, "required"), cx);
    if (!path) return null;
    return { kind: "RequireKey", path, valueType: valueTypeOf(sub(n, "valueType"), cx), span };
  }
  if (tok(n, "Remove")) {
    const path = keyPathOf(sub(n, "removed"), cx);
    return path ? { kind: "RemoveKey", path, span } : null;
  }
  const path = keyPathOf(sub(n, "target"), cx);
  if (!path) return null;
  const block = sub(n, "configBlock");
  if (block) return { kind: "KeyBlock", path, items: configItemsOf(block, cx), span };
  return { kind: "SetKey", path, value: exprOf(sub(n, "value"), cx), span };
}

function valueTypeOf(n: CstNode | undefined, cx: Cx): A.ConfigValueType | null {
  const id = nameOf(n, cx);
  if (!id) return null;
  const found = VALUE_TYPES.find((t) => t === id.name);
  if (found) return found;
  cx.problems.push({
    code: "K1204",
    span: id.span,
    message: `unknown value type \`${id.name}\``,
    help: `a required key's type is one of ${VALUE_TYPES.join(", ")}`,
  });
  return "any";
}

export { arrayOf, identFromToken, toks, tokenSpan };
export type { IToken };
