import { describe, expect, it } from "vitest";
import { renameRelations } from "../../runtime/citus/rename-relations.js";

const renames = new Map([
  ['"tasks"', '"tasks_102008"'],
  ['"kmig"."stash__m__tasks"', '"kmig"."stash__m__tasks_102040"'],
]);

describe("renameRelations (a batch statement against one shard)", () => {
  it("renames the table, its qualified columns and kmig's colocated tables", () => {
    const sql = `INSERT INTO "kmig"."stash__m__tasks" ("id") SELECT "id" FROM "tasks" WHERE "tasks"."id" > $1::uuid /*kmig:range*/`;
    expect(renameRelations(sql, renames)).toBe(`INSERT INTO "kmig"."stash__m__tasks_102040" ("id") SELECT "id" FROM "tasks_102008" WHERE "tasks_102008"."id" > $1::uuid /*kmig:range*/`);
  });

  it("leaves string literals, dollar quotes, comments, other schemas and escaped quotes alone", () => {
    const sql = `SELECT '"tasks"', E'\\'"tasks"', $x$"tasks"$x$, "other"."tasks", "ta""sks" /* "tasks" */ -- "tasks"\nFROM "tasks"`;
    expect(renameRelations(sql, renames)).toBe(`SELECT '"tasks"', E'\\'"tasks"', $x$"tasks"$x$, "other"."tasks", "ta""sks" /* "tasks" */ -- "tasks"\nFROM "tasks_102008"`);
  });
});
