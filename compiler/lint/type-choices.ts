import { getTable, type ColumnState } from "../model/schema.js";
import { showType, type Type } from "../../core/types.js";
import { finding, type Finding, type Rule } from "./finding.js";
import type { LintOp } from "./operations.js";

/**
 * Column types that cost later (new tables too: that is where they are chosen). K5019: `json`
 * (no equality: DISTINCT, GROUP BY and UNION fail; re-parsed on every read) where `jsonb` would
 * do. K5025: `varchar(n)` / `char(n)` (a narrower limit later rewrites the table; text with a
 * check does not), `timestamp` without time zone, and serial defaults where identity columns do better.
 */
export const typeChoiceRules: Rule = (ops) => ops.flatMap(typeChoice);

function typeChoice(op: LintOp): Finding[] {
  if (op.direction !== "up" || op.table === null) return [];
  const s = op.statement;
  const t = getTable(op.after, op.table);
  if (!t) return [];
  const cols: ColumnState[] = s.kind === "create-table" ? [...t.columns] : s.kind === "add-column" || s.kind === "alter-type" ? t.columns.filter((c) => c.name === s.column) : [];
  if (cols.length === 0) return [];
  const out: Finding[] = [];
  const json = cols.filter((c) => isJson(c.type));
  if (json.length > 0) out.push(finding("K5019", op, `${list(json)} ${json.length === 1 ? "is" : "are"} \`json\`: it has no equality operator (SELECT DISTINCT, GROUP BY and UNION fail on it) and is parsed again on every read`, "use `jsonb`"));
  const chosen = cols.flatMap((c) => {
    const why = choice(c);
    return why ? [{ c, why }] : [];
  });
  if (chosen.length > 0) {
    const notes = [...new Set(chosen.map((x) => x.why.note))];
    out.push(finding("K5025", op, `${chosen.map((x) => `\`${x.c.name}\` ${x.why.what}`).join(", ")}: ${chosen.length === 1 ? "a type that costs" : "types that cost"} later`, "prefer text (with a check on length(…) where a limit matters), timestamptz, and `generated … as identity`", notes));
  }
  return out;
}

function isJson(t: Type): boolean {
  return (t.kind === "json" && t.storage === "json") || (t.kind === "array" && isJson(t.element));
}

function choice(c: ColumnState): { what: string; note: string } | null {
  const t = c.type;
  if (c.default?.sequence && !c.identity) return { what: "is serial", note: "a serial's sequence is a separate object anyone may write to; an identity column owns its sequence" };
  if (t.kind !== "scalar" || t.domain) return null;
  const shown = showType({ ...t, nullable: false });
  if (t.name === "varchar" && t.args.length > 0) return { what: `is ${shown}`, note: "varchar(n): a lower limit later rewrites the table under ACCESS EXCLUSIVE; text with a check on length(…) can change without one" };
  if (t.name === "char" || t.name === "bpchar") return { what: `is ${shown}`, note: "char(n) pads with blanks, and any other length later rewrites the table" };
  if (t.name === "timestamp") return { what: "is timestamp (without time zone)", note: "timestamp keeps no time zone: timestamptz stores an instant" };
  return null;
}

function list(cols: readonly ColumnState[]): string {
  return cols.map((c) => `\`${c.name}\``).join(", ");
}
