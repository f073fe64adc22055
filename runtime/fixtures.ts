import { isDbError, type Db } from "./db/connection.js";
import { RunError } from "./errors.js";

/** A SQL file of sample rows loaded after kmig creates the baseline on an empty database (`--fixtures`). */
export interface Fixture {
  /** The file, as shown in messages. */
  readonly file: string;
  readonly sql: string;
}

/**
 * Loads one fixture file in one go (one implicit transaction: a failing statement undoes the
 * file's others). A statement PostgreSQL rejects is the file's fault, not kmig's: the error points
 * at the statement's line in the file with PostgreSQL's message.
 */
export async function loadFixture(db: Db, f: Fixture): Promise<void> {
  try {
    await db.exec(f.sql);
  } catch (e) {
    if (!isDbError(e)) throw e;
    const offset = Number(e.position ?? "0") - 1;
    const origin = offset >= 0 ? { file: f.file, ...lineColumn(f.sql, offset) } : null;
    const detail = e.detail ? ` (${e.detail})` : "";
    throw new RunError(
      "K9030",
      `the fixture file ${f.file} does not load: ${e.message}${detail} [SQLSTATE ${e.code}]`,
      "fix the file; the baseline's tables were created and none of the file's rows kept: start again from an empty database (for the embedded one, `rm -rf .kmig`)",
      origin,
      e.message,
      { label: "here" },
    );
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
