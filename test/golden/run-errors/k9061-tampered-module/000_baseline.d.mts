/** A JSON value as `JSON.parse` returns it (SQL NULL and missing keys are `undefined`, not `null`). */
export type Json = null | boolean | number | string | readonly Json[] | {
    readonly [key: string]: Json;
};
/** A kmig expression type, as the lowered JavaScript passes it to `rt` helpers. */
export type KmigType = {
    readonly kind: "scalar";
    readonly name: string;
    readonly args: readonly number[];
    readonly nullable: boolean;
} | {
    readonly kind: "array";
    readonly element: KmigType;
    readonly nullable: boolean;
} | {
    readonly kind: "json";
    readonly storage: "json" | "jsonb";
    readonly nullable: boolean;
} | {
    readonly kind: "null";
} | {
    readonly kind: "error";
};
/** The helpers lowered expressions call; kmig's runtime (runtime/js-runtime.ts) implements them, three-valued logic included. */
export interface Rt {
    call(fn: string, args: unknown[], types: KmigType[]): unknown;
    get(object: unknown, key: unknown): unknown;
    and(a: unknown, b: () => unknown): boolean | undefined;
    or(a: unknown, b: () => unknown): boolean | undefined;
    not(a: unknown): boolean | undefined;
    truthyCond(a: unknown): boolean;
    compare(op: string, a: unknown, b: unknown, json: boolean): boolean | undefined;
    arith(op: string, a: unknown, b: unknown, type: KmigType): unknown;
    concat(a: unknown, b: unknown): unknown;
    inList(x: unknown, list: unknown[], negated: boolean, json: boolean): boolean | undefined;
    isNull(x: unknown): boolean;
    object(parts: ({
        spread: unknown;
    } | {
        key: string;
        value: unknown;
        optional: boolean;
        guard?: unknown;
    })[]): Record<string, unknown>;
    array(parts: ({
        spread: unknown;
    } | {
        value: unknown;
        guard?: unknown;
    })[]): unknown[];
    fromJson(v: unknown, type: KmigType): unknown;
}
/** An `expect` of the spec, over the row (or document) before and after: false, or undefined for NULL, where it is broken. */
export interface Expectation<Old, New> {
    readonly origin: {
        readonly file: string;
        readonly line: number;
        readonly column: number;
    };
    readonly text: string;
    holds(row: Old, next: New, rt: Rt): boolean | undefined;
}
/** One key of a config step's new document: its path, and its value over the old document (a missing value is written as null). */
export interface ConfigKey {
    readonly path: readonly string[];
    value(row: Json, rt: Rt): unknown;
}
/** The JavaScript of a config step: the keys the runtime writes, and the block's expects (which `kmig test` checks). */
export interface ConfigBlock {
    readonly keys: readonly ConfigKey[];
    readonly expects: readonly Expectation<Json, Json>[];
}
/** The plan of `shop_v1` (as kmig's core/plan.ts declares a `Plan`), as `kmig explain` shows it. */
export declare const plan: {
    readonly planFormat: 1;
    readonly id: "shop_v1";
    readonly kind: "baseline";
    readonly from: null;
    readonly to: "1.0.0";
    readonly description: "";
    readonly file: "/tmp/h12-spec/000_baseline.kmig";
    readonly checksum: "m1:a0f722b56c9b93bbdf71f44502791a1172f686eac6cade0810c6cfb6235e97e3";
    readonly legacyChecksum: "f273aec2bd1815a0acce1861bd422ef9149c630a7c5900f9ce7abb48b28d8117";
    readonly steps: readonly [{
        readonly kind: "sql";
        readonly id: "shop_v1:001:create-table";
        readonly op: "create-table";
        readonly summary: "create table products (2 columns)";
        readonly origin: {
            readonly file: "/tmp/h12-spec/000_baseline.kmig";
            readonly line: 2;
            readonly column: 3;
        };
        readonly table: "products";
        readonly up: readonly ["CREATE TABLE \"products\" (\n  \"id\" integer NOT NULL,\n  \"name\" text NOT NULL,\n  CONSTRAINT \"products_pkey\" PRIMARY KEY (\"id\")\n)"];
        readonly down: readonly ["DROP TABLE \"products\""];
        readonly reversibility: {
            readonly kind: "reversible";
            readonly why: "a new table: rollback drops it (refusing if rows were written since, unless --accept-data-loss)";
        };
        readonly transactional: true;
        readonly lossChecks: readonly [{
            readonly what: "rows in table products";
            readonly sql: "SELECT count(*)::bigint AS n FROM \"products\"";
        }];
    }];
    readonly config: readonly [];
};
/** Where each backfill keeps the originals its rollback cannot recompute, by step id. */
export declare const stashLayout: {};
/** How each step rolls back; `overall` is the least reversible of them. */
export declare const reversibility: {
    readonly overall: "reversible";
    readonly steps: {
        readonly "shop_v1:001:create-table": "reversible";
    };
};
/** A row of `products` after shop_v1. */
export interface ProductsAfter {
    readonly id: number;
    readonly name: string;
}
/** The JavaScript of each table block, with the backfill step that runs it in SQL. */
export declare const tableMappings: readonly [];
/** The JavaScript of each config step, by step id: what the runtime runs when it applies the step. */
export declare const configs: {
    readonly [step: string]: ConfigBlock;
};
