import { EXTERNAL_KINDS } from "../../core/plan.js";
import fc from "fast-check";
import type * as A from "../../grammar/ast.js";
import { INTERVAL_FIELD_LISTS } from "../../grammar/type-names.js";
import { exprArb, ident, literalArb, nameArb, plainWord, SOFT, SPAN, stringLit, stringValue } from "./arbitrary-expr.js";

/**
 * fast-check arbitraries for whole spec files: every item, table element, table action, map
 * item and config item of grammar/ast.ts, with expressions of every kind inside. Spans are zero
 * and there are no comments (the round-trip test inserts comments into the printed text).
 */

const e = exprArb(3);
const optExpr = fc.option(e, { nil: null, freq: 2 });
const name = nameArb();

/** Canonical type names, the arguments each accepts, and (intervals) their fields. */
const TYPES: readonly { name: string; args: fc.Arbitrary<readonly number[]>; fields?: fc.Arbitrary<string | undefined> }[] = [
  ...[
    "uuid", "text", "bpchar", "smallint", "integer", "bigint", "boolean", "real", "double precision", "money", "date", "json", "jsonb", "inet", "cidr",
    "macaddr", "macaddr8", "bytea", "tsvector", "tsquery", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle", "oid",
  ].map((n) => ({ name: n, args: fc.constant([]) })),
  { name: "varchar", args: fc.array(fc.integer({ min: 1, max: 10485760 }), { maxLength: 1 }) },
  { name: "char", args: fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 1 }) },
  ...["bit", "varbit"].map((n) => ({ name: n, args: fc.array(fc.integer({ min: 1, max: 83886080 }), { maxLength: 1 }) })),
  { name: "numeric", args: fc.oneof(fc.constant<number[]>([]), fc.tuple(fc.integer({ min: 1, max: 1000 })), fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -1000, max: 1000 }))) },
  ...["time", "timetz", "timestamp", "timestamptz"].map((n) => ({ name: n, args: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 1 }) })),
  { name: "interval", args: fc.constant([]), fields: fc.option(fc.constantFrom(...INTERVAL_FIELD_LISTS), { nil: undefined }) },
  { name: "interval", args: fc.tuple(fc.integer({ min: 0, max: 6 })), fields: fc.option(fc.constantFrom("second", "day to second", "hour to second", "minute to second"), { nil: undefined }) },
];

/** Column and parameter types, with arrays, nullability and valid arguments. */
export const typeArb: fc.Arbitrary<A.TypeRef> = fc
  .record({ t: fc.constantFrom(...TYPES), arrayDims: fc.integer({ min: 0, max: 2 }), nullable: fc.boolean() })
  .chain(({ t, arrayDims, nullable }) =>
    fc.tuple(t.args, t.fields ?? fc.constant(undefined)).map(([args, fields]): A.TypeRef => ({ kind: "TypeRef", name: t.name, args, ...(fields ? { fields } : {}), arrayDims, nullable, span: SPAN })),
  );

const fkAction = fc.option(fc.constantFrom<A.FkAction>("cascade", "restrict", "no action", "set null", "set default"), { nil: null });
const reason = stringValue.map(stringLit);
const names = fc.array(name, { minLength: 1, maxLength: 3 });

const columnConstraint: fc.Arbitrary<A.ColumnConstraint> = fc.oneof(
  fc.constant<A.ColumnConstraint>({ kind: "PrimaryKeyMark", span: SPAN }),
  fc.constant<A.ColumnConstraint>({ kind: "UniqueMark", span: SPAN }),
  fc.record({ table: name, column: fc.option(name, { nil: null }), onDelete: fkAction, onUpdate: fkAction }).map((r): A.ColumnConstraint => ({ kind: "ReferencesMark", ...r, span: SPAN })),
  e.map((expr): A.ColumnConstraint => ({ kind: "CheckMark", expr, span: SPAN })),
);

/**
 * Soft keywords a column of `create table` cannot be called bare: there a line starting with
 * `index`, `unique`, `constraint` or `expect` starts that statement, and `where`,
 * `concurrently` or `on` continue the index or foreign key on the line before. No text spells
 * such a tree; the name has to be quoted. Everywhere else soft keywords are generated bare.
 */
const softExcept = (...words: string[]) => SOFT.filter((w) => !words.includes(w));
const columnName = nameArb(softExcept("constraint", "index", "unique", "expect", "where", "concurrently", "on"));

/** Optional parts of nodes are absent, not null, when not written (see grammar/ast.ts). */
const absentOr = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 3 });
const present = <T extends object>(r: T): T => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as T;

const signedNumber: fc.Arbitrary<A.NumberLit> = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => ({ kind: "NumberLit", text: String(n), span: SPAN }));

/** Sequence options as the parser makes them: a number where the option takes one, `no` where it may be. */
const sequenceOption: fc.Arbitrary<A.SequenceOption> = fc.oneof(
  fc.record({ option: fc.constantFrom<A.SequenceOption["option"]>("start", "increment", "minvalue", "maxvalue", "cache"), value: signedNumber }).map((r): A.SequenceOption => ({ kind: "SequenceOption", ...r, no: false, span: SPAN })),
  fc.constantFrom<A.SequenceOption["option"]>("minvalue", "maxvalue", "cycle").map((option): A.SequenceOption => ({ kind: "SequenceOption", option, value: null, no: true, span: SPAN })),
  fc.constant<A.SequenceOption>({ kind: "SequenceOption", option: "cycle", value: null, no: false, span: SPAN }),
  fc.option(signedNumber, { nil: null }).map((value): A.SequenceOption => ({ kind: "SequenceOption", option: "restart", value, no: false, span: SPAN })),
);

const sequenceItem: fc.Arbitrary<A.SequenceItem> = fc.oneof(
  { weight: 4, arbitrary: sequenceOption },
  { weight: 1, arbitrary: typeArb.map((type): A.SequenceItem => ({ kind: "SequenceAs", type: { ...type, nullable: false }, span: SPAN })) },
  { weight: 1, arbitrary: fc.option(fc.tuple(name, name), { nil: null }).map((tc): A.SequenceItem => ({ kind: "SequenceOwnedBy", table: tc?.[0] ?? null, column: tc?.[1] ?? null, span: SPAN })) },
);

const identitySpec: fc.Arbitrary<A.IdentitySpec> = fc.record({ always: fc.boolean(), options: fc.array(sequenceOption, { maxLength: 3 }) }).map((r) => ({ kind: "IdentitySpec", ...r, span: SPAN }));
const generatedSpec: fc.Arbitrary<A.GeneratedSpec> = e.map((expr) => ({ kind: "GeneratedSpec", expr, span: SPAN }));

const columnDef: fc.Arbitrary<A.ColumnDef> = fc
  .record({
    name: columnName,
    type: typeArb,
    default: optExpr,
    constraints: fc.array(columnConstraint, { maxLength: 3 }),
    comment: absentOr(reason),
    identity: absentOr(identitySpec),
    generated: absentOr(generatedSpec),
  })
  .map((r) => present({ kind: "ColumnDef", ...r, span: SPAN }));

const tableComment: fc.Arbitrary<A.TableComment> = fc.option(reason, { nil: null }).map((text) => ({ kind: "TableComment", text, span: SPAN }));

const constraintName = fc.option(name, { nil: null });
const include = absentOr(names);
const storageParams = absentOr(
  fc.array(
    fc.record({ name, value: fc.constantFrom("70", "off", "true", "auto", "100") }).map((r): A.StorageParam => ({ kind: "StorageParam", ...r, span: SPAN })),
    { minLength: 1, maxLength: 2 },
  ),
);
const deferral = absentOr(
  fc.constantFrom<[boolean, boolean]>([true, false], [true, true], [false, false]).map(([deferrable, initiallyDeferred]): A.Deferral => ({ kind: "Deferral", deferrable, initiallyDeferred, span: SPAN })),
);
const yes = absentOr(fc.constant<true>(true));
/** An operator class: not a word that would be read as the order or `nulls` after it. */
const opclass = absentOr(name.filter((n) => n.quoted || !["asc", "desc", "nulls", "with"].includes(n.name)));
const indexColumn = fc
  .record({ name, descending: fc.boolean(), opclass, nulls: absentOr(fc.constantFrom<"first" | "last">("first", "last")) })
  .map((c): A.IndexColumn => present({ kind: "IndexColumn", ...c, span: SPAN }));
const excludeElement = fc
  .record({ column: indexColumn, operator: fc.constantFrom("=", "<>", "&&", "<", ">=") })
  .map((r): A.ExcludeElement => ({ kind: "ExcludeElement", ...r, span: SPAN }));
const tableConstraint: fc.Arbitrary<A.TableConstraint> = fc.oneof(
  fc.record({ name: constraintName, columns: names, include, with: storageParams, deferral }).map((r): A.TableConstraint => present({ kind: "PrimaryKeyConstraint", ...r, span: SPAN })),
  fc.record({ name: constraintName, columns: names, nullsNotDistinct: yes, include, with: storageParams, deferral }).map((r): A.TableConstraint => present({ kind: "UniqueConstraint", ...r, span: SPAN })),
  fc.record({ name: constraintName, expr: e, notValid: yes }).map((r): A.TableConstraint => present({ kind: "CheckConstraint", ...r, span: SPAN })),
  fc
    .record({ name: constraintName, columns: names, refTable: name, refColumns: names, onDelete: fkAction, onUpdate: fkAction, deferral, notValid: yes })
    .map((r): A.TableConstraint => present({ kind: "ForeignKeyConstraint", ...r, span: SPAN })),
  fc
    .record({
      name: constraintName,
      method: fc.option(fc.constantFrom("gist", "btree").map((m) => ident(m, false)), { nil: null }),
      elements: fc.array(excludeElement, { minLength: 1, maxLength: 2 }),
      include,
      with: storageParams,
      where: optExpr,
      deferral,
    })
    .map((r): A.TableConstraint => present({ kind: "ExcludeConstraint", ...r, span: SPAN })),
);

const indexDef: fc.Arbitrary<A.IndexDef> = fc
  .record({
    name: fc.option(name, { nil: null }),
    unique: fc.boolean(),
    method: fc.option(fc.constantFrom("gin", "btree", "gist").map((m) => ident(m, false)), { nil: null }),
    columns: fc.array(indexColumn, { minLength: 1, maxLength: 3 }),
    include,
    nullsNotDistinct: yes,
    with: storageParams,
    where: optExpr,
    concurrently: fc.boolean(),
  })
  .map((r) => present({ kind: "IndexDef", ...r, nullsNotDistinct: r.unique ? r.nullsNotDistinct : undefined, span: SPAN }));

const expectClause: fc.Arbitrary<A.ExpectClause> = fc.record({ expr: e, when: optExpr }).map((r) => ({ kind: "ExpectClause", ...r, span: SPAN }));

const tableElement: fc.Arbitrary<A.TableElement> = fc.oneof(
  { weight: 6, arbitrary: columnDef },
  { weight: 2, arbitrary: tableConstraint },
  { weight: 1, arbitrary: indexDef },
  { weight: 1, arbitrary: expectClause },
  { weight: 1, arbitrary: tableComment },
);

const inverse: fc.Arbitrary<A.StepInverse | null> = fc.option(
  fc.oneof(
    e.map((expr): A.StepInverse => ({ kind: "ReverseClause", expr, span: SPAN })),
    reason.map((r): A.StepInverse => ({ kind: "IrreversibleClause", reason: r, span: SPAN })),
  ),
  { nil: null, freq: 2 },
);

const columnChange: fc.Arbitrary<A.ColumnChange> = fc.oneof(
  fc.record({ type: typeArb, using: optExpr }).map((r): A.ColumnChange => ({ kind: "SetType", ...r, span: SPAN })),
  e.map((expr): A.ColumnChange => ({ kind: "SetDefault", expr, span: SPAN })),
  fc.constantFrom<A.ColumnChange>({ kind: "DropDefault", span: SPAN }, { kind: "SetNotNull", span: SPAN }, { kind: "DropNotNull", span: SPAN }),
  fc.option(reason, { nil: null }).map((text): A.ColumnChange => ({ kind: "SetComment", text, span: SPAN })),
);

const tableAction: fc.Arbitrary<A.TableAction> = fc.oneof(
  fc.record({ column: columnDef, compute: optExpr, inverse }).map((r): A.TableAction => ({ kind: "AddColumn", ...r, span: SPAN })),
  fc
    .record({ name, inverse })
    // `drop index reverse x` drops the index `reverse`; a column `index` with an inverse needs quotes.
    .filter((r) => r.inverse === null || r.name.quoted || !["index", "constraint"].includes(r.name.name))
    .map((r): A.TableAction => ({ kind: "DropColumn", ...r, span: SPAN })),
  fc.record({ from: name, to: name, default: optExpr, compute: optExpr, inverse }).map((r): A.TableAction => ({ kind: "RenameColumn", ...r, span: SPAN })),
  fc.record({ name, change: columnChange, inverse }).map((r): A.TableAction => ({ kind: "AlterColumn", ...r, span: SPAN })),
  fc.record({ target: name, value: e, inverse }).map((r): A.TableAction => ({ kind: "AssignColumn", ...r, span: SPAN })),
  tableConstraint.map((constraint): A.TableAction => ({ kind: "AddConstraint", constraint, span: SPAN })),
  name.map((n): A.TableAction => ({ kind: "DropConstraint", name: n, span: SPAN })),
  indexDef,
  fc.record({ name, concurrently: fc.boolean() }).map((r): A.TableAction => ({ kind: "DropIndex", ...r, span: SPAN })),
  expectClause,
  tableComment,
  fc.record({ kind: fc.constantFrom<"RenameConstraint" | "RenameIndex">("RenameConstraint", "RenameIndex"), from: name, to: name }).map((r): A.TableAction => ({ ...r, span: SPAN })),
  name.map((n): A.TableAction => ({ kind: "ValidateConstraint", name: n, span: SPAN })),
  fc
    .oneof(fc.constantFrom<"default" | "full" | "nothing">("default", "full", "nothing").map((mode) => ({ mode, index: null })), name.map((index) => ({ mode: "index" as const, index })))
    .map((r): A.TableAction => ({ kind: "ReplicaIdentity", ...r, span: SPAN })),
  fc.constantFrom<"recreate views" | "triggers fire">("recreate views", "triggers fire").map((option): A.TableAction => ({ kind: "TableOption", option, span: SPAN })),
);

/** Map values: bare words (soft keywords too), odd strings, numbers (negative too), booleans, null. */
const mapValue: fc.Arbitrary<A.Literal> = fc.oneof(
  plainWord.map(stringLit),
  fc.constantFrom(...SOFT).map(stringLit),
  literalArb,
  fc.integer({ min: -99, max: -1 }).map((n): A.Literal => ({ kind: "NumberLit", text: String(n), span: SPAN })),
);

const mapItem: fc.Arbitrary<A.MapItem> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ inputs: fc.array(mapValue, { minLength: 1, maxLength: 3 }), output: mapValue }).map((r): A.MapItem => ({ kind: "MapEntry", ...r, span: SPAN })) },
  { weight: 1, arbitrary: mapValue.map((output): A.MapItem => ({ kind: "MapFallback", output, span: SPAN })) },
  { weight: 1, arbitrary: fc.record({ output: mapValue, input: mapValue }).map((r): A.MapItem => ({ kind: "MapReverseChoice", ...r, span: SPAN })) },
  { weight: 1, arbitrary: e.map((path): A.MapItem => ({ kind: "MapKeepOriginal", path, span: SPAN })) },
);

const keyPath: fc.Arbitrary<A.KeyPath> = fc.array(name, { minLength: 1, maxLength: 3 }).map((keys) => ({ kind: "KeyPath", keys, span: SPAN }));

const configItem: fc.Arbitrary<A.ConfigItem> = fc.letrec<{ item: A.ConfigItem }>((tie) => ({
  item: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ path: keyPath, value: e }).map((r): A.ConfigItem => ({ kind: "SetKey", ...r, span: SPAN })),
    fc
      .record({ path: keyPath, valueType: fc.option(fc.constantFrom<A.ConfigValueType>("string", "number", "boolean", "object", "array", "any"), { nil: null }) })
      .map((r): A.ConfigItem => ({ kind: "RequireKey", ...r, span: SPAN })),
    keyPath.map((path): A.ConfigItem => ({ kind: "RemoveKey", path, span: SPAN })),
    expectClause,
    fc.record({ path: keyPath, items: fc.array(tie("item"), { maxLength: 3 }) }).map((r): A.ConfigItem => ({ kind: "KeyBlock", ...r, span: SPAN })),
  ),
})).item;

const param: fc.Arbitrary<A.Param> = fc.record({ name, type: fc.option(typeArb, { nil: null }) }).map((r) => ({ kind: "Param", ...r, span: SPAN }));

const externalReads: fc.Arbitrary<A.ExternalReads> = fc.record({ table: name, columns: names }).map((r) => ({ kind: "ExternalReads", ...r, span: SPAN }));

const externalObject: fc.Arbitrary<A.MigrationItem> = fc
  .record({
    kind: fc.constantFrom(...EXTERNAL_KINDS),
    name,
    args: fc.option(fc.constantFrom("", "integer", "integer, text", "timestamp with time zone, numeric"), { nil: null }),
    on: fc.option(name, { nil: null }),
    partitionOf: fc.option(name, { nil: null }),
    reads: fc.array(externalReads, { maxLength: 2 }),
  })
  .map((r): A.MigrationItem => ({
    ...r,
    kind: "ExternalObject",
    objectKind: { kind: "Ident", name: r.kind, quoted: false, span: SPAN },
    args: r.args === null ? null : stringLit(r.args),
    span: SPAN,
  }));

/** The chain's own types: enum types and domains (one alternative of `item`, so as not to crowd out the others). */
const namedTypeItem: fc.Arbitrary<A.MigrationItem> = fc.oneof(
  fc.record({ name, labels: fc.array(reason, { maxLength: 4 }) }).map((r): A.MigrationItem => ({ kind: "CreateEnum", ...r, span: SPAN })),
  fc
    .record({ name, label: reason, position: fc.option(fc.record({ where: fc.constantFrom<"before" | "after">("before", "after"), label: reason }).map((p): A.EnumPosition => ({ kind: "EnumPosition", ...p, span: SPAN })), { nil: null }) })
    .map((r): A.MigrationItem => ({ kind: "AlterEnum", name: r.name, action: { kind: "AddEnumValue", label: r.label, position: r.position, span: SPAN }, span: SPAN })),
  fc.record({ name, from: reason, to: reason }).map((r): A.MigrationItem => ({ kind: "AlterEnum", name: r.name, action: { kind: "RenameEnumValue", from: r.from, to: r.to, span: SPAN }, span: SPAN })),
  fc
    .record({ name, type: typeArb, notNull: fc.boolean(), default: fc.option(e, { nil: null }), checks: fc.array(fc.record({ name: fc.option(name, { nil: null }), expr: e }), { maxLength: 2 }) })
    .map((r): A.MigrationItem => ({ kind: "CreateDomain", ...r, type: { ...r.type, nullable: false }, checks: r.checks.map((c) => ({ kind: "DomainCheckDef", ...c, span: SPAN })), span: SPAN })),
  fc
    .record({ what: fc.constantFrom<"type" | "domain">("type", "domain"), name, inverse: fc.option(reason.map((r): A.IrreversibleClause => ({ kind: "IrreversibleClause", reason: r, span: SPAN })), { nil: null }) })
    .map((r): A.MigrationItem => ({ kind: "DropNamedType", ...r, span: SPAN })),
);

const noInverse = null;

/** What a `sql` item declares (the item nodes with their verbs; `concurrently` and inverses are not part of one). */
const declaration: fc.Arbitrary<A.SqlDeclaration> = fc.oneof(
  fc.record({ name, elements: fc.array(tableElement, { maxLength: 3 }) }).map((r): A.SqlDeclaration => ({ kind: "CreateTable", ...r, span: SPAN })),
  fc.record({ name, actions: fc.array(tableAction, { maxLength: 3 }) }).map((r): A.SqlDeclaration => ({ kind: "AlterTable", ...r, span: SPAN })),
  fc.record({ table: name, index: indexDef, indexName: name }).map((r): A.SqlDeclaration => ({ kind: "CreatesIndex", table: r.table, index: { ...r.index, name: r.indexName, concurrently: false }, span: SPAN })),
  fc.record({ name, labels: fc.array(reason, { maxLength: 3 }) }).map((r): A.SqlDeclaration => ({ kind: "CreateEnum", ...r, span: SPAN })),
  fc
    .record({ name, type: typeArb, notNull: fc.boolean(), default: fc.option(e, { nil: null }), checks: fc.array(fc.record({ name: fc.option(name, { nil: null }), expr: e }), { maxLength: 2 }) })
    .map((r): A.SqlDeclaration => ({ kind: "CreateDomain", ...r, type: { ...r.type, nullable: false }, checks: r.checks.map((c) => ({ kind: "DomainCheckDef", ...c, span: SPAN })), span: SPAN })),
  fc.record({ name, options: fc.array(sequenceItem, { maxLength: 3 }) }).map((r): A.SqlDeclaration => ({ kind: "CreateSequence", ...r, span: SPAN })),
  name.map((n): A.SqlDeclaration => ({ kind: "DropTable", name: n, inverse: noInverse, span: SPAN })),
  name.map((n): A.SqlDeclaration => ({ kind: "DropsIndex", name: n, span: SPAN })),
  name.map((n): A.SqlDeclaration => ({ kind: "DropSequence", name: n, inverse: noInverse, span: SPAN })),
  fc.record({ what: fc.constantFrom<"type" | "domain">("type", "domain"), name }).map((r): A.SqlDeclaration => ({ kind: "DropNamedType", ...r, inverse: noInverse, span: SPAN })),
);

/** `allow K50xx 'reason'` (or without a reason, which parses and is K5027): an item, and an action of a table block. */
const allow: fc.Arbitrary<A.Allow> = fc
  .record({ n: fc.integer({ min: 1, max: 25 }), reason: fc.option(reason, { nil: null }) })
  .map((r): A.Allow => ({ kind: "Allow", code: { kind: "Ident", name: `K50${String(r.n).padStart(2, "0")}`, quoted: false, span: SPAN }, reason: r.reason, span: SPAN }));

/** Citus: `create reference table t` or `distributed by (c) [colocate with u]`. */
const distribution: fc.Arbitrary<A.Distribution> = fc.oneof(
  fc.constant<A.Distribution>({ kind: "ReferenceTable", span: SPAN }),
  fc.record({ column: name, colocateWith: fc.option(name, { nil: null }) }).map((r): A.Distribution => ({ kind: "DistributedBy", ...r, span: SPAN })),
);

const item: fc.Arbitrary<A.MigrationItem> = fc.oneof(
  externalObject,
  allow,
  reason.map((text): A.MigrationItem => ({ kind: "Describe", text, span: SPAN })),
  fc
    .record({ name, elements: fc.array(tableElement, { maxLength: 5 }), distribution: fc.option(distribution, { nil: undefined }) })
    .map((r): A.MigrationItem => ({ kind: "CreateTable", name: r.name, elements: r.elements, ...(r.distribution ? { distribution: r.distribution } : {}), span: SPAN })),
  fc.record({ name, actions: fc.array(fc.oneof(tableAction, allow), { maxLength: 5 }) }).map((r): A.MigrationItem => ({ kind: "AlterTable", ...r, span: SPAN })),
  fc
    .record({ name, inverse: fc.option(reason.map((r): A.IrreversibleClause => ({ kind: "IrreversibleClause", reason: r, span: SPAN })), { nil: null }) })
    .map((r): A.MigrationItem => ({ kind: "DropTable", ...r, span: SPAN })),
  fc.record({ from: name, to: name }).map((r): A.MigrationItem => ({ kind: "RenameTable", ...r, span: SPAN })),
  fc.record({ name, options: fc.array(sequenceItem, { maxLength: 4 }) }).map((r): A.MigrationItem => ({ kind: "CreateSequence", ...r, span: SPAN })),
  fc.record({ name, options: fc.array(sequenceItem, { minLength: 1, maxLength: 4 }) }).map((r): A.MigrationItem => ({ kind: "AlterSequence", ...r, span: SPAN })),
  fc
    .record({ name, inverse: fc.option(reason.map((r): A.IrreversibleClause => ({ kind: "IrreversibleClause", reason: r, span: SPAN })), { nil: null }) })
    .map((r): A.MigrationItem => ({ kind: "DropSequence", ...r, span: SPAN })),
  fc.record({ from: name, to: name }).map((r): A.MigrationItem => ({ kind: "RenameSequence", ...r, span: SPAN })),
  namedTypeItem,
  fc
    .record({
      up: reason,
      inverse: fc.option(
        fc.oneof(
          reason.map((sql): A.RawSql["inverse"] => ({ kind: "RawSqlReverse", sql, span: SPAN })),
          reason.map((r): A.RawSql["inverse"] => ({ kind: "IrreversibleClause", reason: r, span: SPAN })),
        ),
        { nil: null },
      ),
      declares: fc.array(declaration, { maxLength: 3 }),
    })
    // No key for no declarations, as the parser makes it.
    .map(({ declares, ...r }): A.MigrationItem => ({ kind: "RawSql", ...r, ...(declares.length > 0 ? { declares } : {}), span: SPAN })),
  fc
    .record({ name, types: fc.option(fc.tuple(typeArb, typeArb), { nil: null }), closed: fc.boolean(), items: fc.array(mapItem, { maxLength: 6 }) })
    .map(({ types, ...r }): A.MigrationItem => ({ kind: "ValueMap", ...r, inputType: types?.[0] ?? null, outputType: types?.[1] ?? null, span: SPAN })),
  fc.record({ name, params: fc.array(param, { maxLength: 3 }), body: e }).map((r): A.MigrationItem => ({ kind: "FunctionDef", ...r, span: SPAN })),
  fc
    .record({ source: reason, target: fc.option(reason, { nil: null }), patch: fc.boolean(), items: fc.array(configItem, { maxLength: 5 }) })
    .map((r): A.MigrationItem => ({ kind: "ConfigMigration", ...r, span: SPAN })),
);

const version = stringValue.map(stringLit);

const unit: fc.Arbitrary<A.Unit> = fc.oneof(
  fc.record({ id: name, from: version, to: version, items: fc.array(item, { maxLength: 3 }) }).map((r): A.Unit => ({ kind: "Migration", ...r, span: SPAN })),
  fc.record({ id: name, version, items: fc.array(item, { maxLength: 3 }) }).map((r): A.Unit => ({ kind: "Baseline", ...r, span: SPAN })),
);

/** A whole spec file, without comments. */
export const specFileArb: fc.Arbitrary<A.SpecFile> = fc
  .array(unit, { minLength: 1, maxLength: 2 })
  .map((units) => ({ kind: "SpecFile", units, comments: [], span: SPAN }));
