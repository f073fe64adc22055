import type { IrExpr } from "../ir/expr.js";
import type { Type } from "../../core/types.js";

/**
 * The types a chain declares, as the schema model keeps them: enum types with their labels in
 * PostgreSQL's order, and domains with their base type and checks. They share one namespace
 * (PostgreSQL's `pg_type`), apart from tables and sequences.
 */
export type NamedTypeState = EnumState | DomainState;

/** `create type name as enum ('a', 'b')`: its labels in sort order (`add value … before` places one). */
export interface EnumState {
  readonly kind: "enum";
  readonly name: string;
  readonly labels: readonly string[];
}

/** One `check (…)` of a domain: its SQL (reading `VALUE`), and the typed expression (reading `value`). */
export interface DomainCheck {
  readonly name: string;
  readonly sql: string;
  readonly expr: IrExpr;
}

/** `create domain name as base [not null] [default e] [check (…)]…`. */
export interface DomainState {
  readonly kind: "domain";
  readonly name: string;
  /** The base type (never nullable: nullability is the column's). */
  readonly base: Type;
  readonly notNull: boolean;
  /** The default's SQL, if it has one. */
  readonly defaultSql: string | null;
  readonly checks: readonly DomainCheck[];
}

/** The parameter name a domain's check reads its value by (SQL's `VALUE`). */
export const DOMAIN_VALUE = "value";
