import type { Step } from "../core/plan.js";
import { literal } from "../core/sql-quote.js";

/**
 * `kmig test` runs a migration inside one transaction (rolled back), but PostgreSQL refuses a label
 * that `ALTER TYPE … ADD VALUE` added in the transaction that uses it ("unsafe use of new value"),
 * where `kmig apply` commits between the steps. In the law session the step is therefore done the
 * way PostgreSQL allows in one transaction: the type is made again with the new label in its place
 * (a label made by CREATE TYPE is usable at once), every column of it (or an array of it) moved to
 * the new type, defaults set aside and back, and the constraints and indexes whose expressions hold
 * a label of the old type dropped and made again. Rows, labels and their order end as `add value`
 * leaves them.
 */
export const ADD_ENUM_VALUE_FUNCTION = `CREATE FUNCTION "kmig_proptest"."kmig_add_enum_value"(t regtype, label text, place text, anchor text) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  labels text[];
  at int;
  type_name text;
  type_schema text;
  temp text := 'kmig_enum_' || t::oid::text;
  c record;
  defaults text[] := '{}';
  again text[] := '{}';
BEGIN
  SELECT array_agg(enumlabel::text ORDER BY enumsortorder) INTO labels FROM pg_enum WHERE enumtypid = t;
  IF label = ANY (labels) THEN RETURN; END IF;
  IF place IS NULL THEN
    labels := labels || label;
  ELSE
    at := array_position(labels, anchor) + CASE WHEN place = 'AFTER' THEN 1 ELSE 0 END;
    labels := labels[1:at - 1] || label || labels[at:];
  END IF;
  SELECT y.typname, n.nspname INTO type_name, type_schema FROM pg_type y JOIN pg_namespace n ON n.oid = y.typnamespace WHERE y.oid = t;
  EXECUTE format('CREATE TYPE %I.%I AS ENUM (%s)', type_schema, temp, (SELECT string_agg(quote_literal(x), ', ') FROM unnest(labels) AS x));
  FOR c IN
    SELECT co.conrelid::regclass::text AS rel, co.conname::text AS name, pg_get_constraintdef(co.oid) AS def FROM pg_constraint co
    WHERE co.conrelid <> 0 AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.refobjid = t AND ((d.classid = 'pg_constraint'::regclass AND d.objid = co.oid) OR (d.classid = 'pg_class'::regclass AND d.objid = co.conindid)))
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.rel, c.name);
    again := again || format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.rel, c.name, c.def);
  END LOOP;
  FOR c IN
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
    WHERE EXISTS (SELECT 1 FROM pg_depend d WHERE d.refobjid = t AND d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid)
  LOOP
    EXECUTE format('DROP INDEX %s', c.name);
    again := again || c.def;
  END LOOP;
  FOR c IN
    SELECT a.attrelid::regclass::text AS rel, a.attname::text AS col, a.atttypid <> t AS arr, pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.atttypid IN (t, (SELECT typarray FROM pg_type WHERE oid = t)) AND a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'p')
  LOOP
    IF c.def IS NOT NULL THEN
      EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', c.rel, c.col);
      defaults := defaults || format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', c.rel, c.col, c.def);
    END IF;
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE %I.%I%s USING %I::text%s::%I.%I%s', c.rel, c.col, type_schema, temp,
      CASE WHEN c.arr THEN '[]' ELSE '' END, c.col, CASE WHEN c.arr THEN '[]' ELSE '' END, type_schema, temp, CASE WHEN c.arr THEN '[]' ELSE '' END);
  END LOOP;
  EXECUTE format('DROP TYPE %I.%I', type_schema, type_name);
  EXECUTE format('ALTER TYPE %I.%I RENAME TO %I', type_schema, temp, type_name);
  defaults := defaults || again;
  FOR at IN 1 .. coalesce(array_length(defaults, 1), 0) LOOP
    EXECUTE defaults[at];
  END LOOP;
END
$fn$`;

const ADD_VALUE = /^ALTER TYPE (.+) ADD VALUE IF NOT EXISTS ('(?:[^']|'')*')(?: (BEFORE|AFTER) ('(?:[^']|'')*'))?$/s;

/** A step's statement as the law session runs it: `add value` through the function above, anything else as it is. */
export function addEnumValueInTransaction(step: Step, sql: string): string {
  if (step.op !== "add-enum-value") return sql;
  const m = ADD_VALUE.exec(sql);
  if (!m) return sql;
  const [, type, label, place, anchor] = m;
  return `SELECT "kmig_proptest"."kmig_add_enum_value"(${literal(type)}::regtype, ${label}, ${place ? literal(place) : "NULL"}, ${anchor ?? "NULL"})`;
}
