import { ident, literal } from "./sql-quote.js";

/**
 * The catalog query behind `recreate views` (compiled into its steps) and plan's note on them:
 * the views and materialized views that read a table, and the views over those, each once with
 * its depth (1 reads the table, n a view of depth n − 1), its qualified name, its relkind, its
 * DROP, and the statements that make it again as it is — the definition PostgreSQL keeps
 * (`pg_get_viewdef`) with its options, owner, comments, column comments and defaults, indexes
 * and their comments, grants (column grants too), triggers and rules.
 */
export function dependentViewsSql(table: string): string {
  return `WITH RECURSIVE deps(oid, depth) AS (
  SELECT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
   WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass(${literal(ident(table))}) AND r.ev_class <> d.refobjid
  UNION
  SELECT r.ev_class, deps.depth + 1 FROM deps JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = deps.oid
   JOIN pg_rewrite r ON r.oid = d.objid WHERE r.ev_class <> deps.oid
), views AS (SELECT oid, max(depth) AS depth FROM deps GROUP BY oid)
SELECT v.depth, x.qn AS name, c.relkind::text AS relkind, format('DROP %s %s', x.kind, x.qn) AS drop_sql,
  ARRAY(SELECT s FROM (
    SELECT 1 AS o, format('CREATE %s %s%s AS %s%s', x.kind, x.qn, COALESCE(' WITH (' || array_to_string(c.reloptions, ', ') || ')', ''), rtrim(pg_get_viewdef(c.oid), '; '),
      CASE c.relkind WHEN 'm' THEN CASE WHEN c.relispopulated THEN ' WITH DATA' ELSE ' WITH NO DATA' END ELSE '' END) AS s
    UNION ALL SELECT 2, format('ALTER %s %s OWNER TO %I', x.kind, x.qn, pg_get_userbyid(c.relowner))
    UNION ALL SELECT 3, format('COMMENT ON %s %s IS %L', x.kind, x.qn, obj_description(c.oid, 'pg_class')) WHERE obj_description(c.oid, 'pg_class') IS NOT NULL
    UNION ALL SELECT 4, format('COMMENT ON COLUMN %s.%I IS %L', x.qn, a.attname, col_description(c.oid, a.attnum)) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND col_description(c.oid, a.attnum) IS NOT NULL
    UNION ALL SELECT 5, format('ALTER VIEW %s ALTER COLUMN %I SET DEFAULT %s', x.qn, a.attname, pg_get_expr(ad.adbin, ad.adrelid)) FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum WHERE ad.adrelid = c.oid
    UNION ALL SELECT 6, pg_get_indexdef(i.oid) FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE ix.indrelid = c.oid
    UNION ALL SELECT 7, format('COMMENT ON INDEX %I.%I IS %L', n.nspname, i.relname, obj_description(i.oid, 'pg_class')) FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE ix.indrelid = c.oid AND obj_description(i.oid, 'pg_class') IS NOT NULL
    UNION ALL SELECT 8, format('GRANT %s%s ON %s TO %s%s', g.privilege_type, COALESCE(format(' (%I)', a.attname), ''), x.qn, CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END, CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
      FROM (SELECT NULL::name AS attname, c.relacl AS acl UNION ALL SELECT attname, attacl FROM pg_attribute WHERE attrelid = c.oid AND attacl IS NOT NULL) a, aclexplode(a.acl) g WHERE g.grantee <> c.relowner OR a.attname IS NOT NULL
    UNION ALL SELECT 9, pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal
    UNION ALL SELECT 10, pg_get_ruledef(ru.oid) FROM pg_rewrite ru WHERE ru.ev_class = c.oid AND ru.rulename <> '_RETURN'
  ) parts ORDER BY o) AS create_sql
FROM views v JOIN pg_class c ON c.oid = v.oid JOIN pg_namespace n ON n.oid = c.relnamespace,
  LATERAL (SELECT format('%I.%I', n.nspname, c.relname) AS qn, CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END AS kind) x`;
}

