/**
 * Severity by size, for the lints `kmig plan` and `kmig apply` run against a live database: a lock
 * held for a scan, an index build or a rewrite costs in proportion to the table's rows, so on a
 * table of 10 rows it is noise. Below `ignoreBelowRows` such a lint is dropped, below
 * `noteBelowRows` it is a note, above it stays what kmig.yaml makes it. Lints about clients
 * (drops, renames) and type choices do not depend on size and are left as they are.
 */

/** A table's size as the server estimates it: `pg_class.reltuples` and `pg_relation_size`. */
export interface TableSize {
  /** Null when the server has no estimate yet (never analyzed or vacuumed). */
  readonly rows: number | null;
  readonly bytes: number;
}

/** kmig.yaml `lint-ignore-below-rows` and `lint-note-below-rows`. */
export interface SizeThresholds {
  readonly ignoreBelowRows: number;
  readonly noteBelowRows: number;
}

export const DEFAULT_SIZE_THRESHOLDS: SizeThresholds = { ignoreBelowRows: 100, noteBelowRows: 10_000 };

/** The lints whose cost grows with the table's rows. */
export const SIZE_BOUND_CODES: readonly string[] = ["K5001", "K5002", "K5003", "K5004", "K5005", "K5006", "K5007", "K5008", "K5009", "K5010", "K5012", "K5020", "K5021", "K5022", "K5023", "K5024"];

/** A table with no estimate yet: one 8 kB page holds at most a few hundred rows. */
const PAGE = 8192;

/**
 * What the size of `table` does to a lint `code`: `off` (drop it), `note`, or null (as configured).
 */
export function sizedLevel(code: string, table: string | null, sizes: ReadonlyMap<string, TableSize>, t: SizeThresholds): "off" | "note" | null {
  if (table === null || !SIZE_BOUND_CODES.includes(code)) return null;
  // Not in the database yet: a pending migration (or the baseline, on an empty database) creates it empty.
  const s = sizes.get(table) ?? { rows: 0, bytes: 0 };
  // No estimate: an empty file is no rows; a bigger one is not guessed.
  const rows = s.rows ?? (s.bytes === 0 ? 0 : s.bytes <= PAGE ? t.ignoreBelowRows - 1 : null);
  if (rows === null) return null;
  if (rows < t.ignoreBelowRows) return "off";
  if (rows < t.noteBelowRows) return "note";
  return null;
}
