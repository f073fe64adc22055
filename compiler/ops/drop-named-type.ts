import type * as A from "../../grammar/ast.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { namedTypeUsers, removeNamedType } from "../model/schema.js";
import { ident } from "../sql/quote.js";
import { createDomainSql } from "./domains.js";
import { createEnumSql } from "./enum-label-removal.js";
import { existingType } from "./enum-types.js";

/**
 * `drop type t` / `drop domain d`: only a type no column has (K4051 names the columns). It holds
 * no data, so rollback makes it again exactly as the schema knew it (labels in order, checks).
 */
export function compileDropNamedType(cx: MigrationContext, item: A.DropNamedType): void {
  const t = existingType(cx, item.name, item.what === "domain" ? "domain" : null);
  if (!t) return;
  const users = namedTypeUsers(cx.schema, t.name).map((u) => `${u.table}.${u.column}`);
  if (users.length > 0) {
    report(cx, "K4051", item.name.span, `\`${t.name}\` is still the type of ${users.join(", ")}`, { help: "drop those columns, or change their type first: `table t { alter c type text }`" });
    return;
  }
  const irreversible = item.inverse !== null;
  const keyword = t.kind === "enum" ? "TYPE" : "DOMAIN";
  addSqlStep(cx, item.span, {
    change: t.kind === "enum" ? { op: "drop-type", name: t.name, labels: t.labels } : { op: "drop-domain", name: t.name },
    summary: `drop ${t.kind === "enum" ? "type" : "domain"} ${t.name}`,
    table: null,
    up: [`DROP ${keyword} ${ident(t.name)}`],
    down: irreversible ? null : [t.kind === "enum" ? createEnumSql(t.name, t.labels) : createDomainSql(t)],
    reversibility: irreversible ? { kind: "irreversible", why: `declared irreversible: ${item.inverse?.reason.value}` } : REVERSIBLE(`no column has it: rollback makes it again as it was`),
  });
  cx.schema = removeNamedType(cx.schema, t.name);
}
