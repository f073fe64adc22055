import { describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { compileFolder } from "../support/spec-chain.js";
import { positionOf } from "../../core/source-file.js";
import { freshServer } from "./support/engines.js";
import { applyAll, runErrorOf, planAll } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder } from "./support/specs.js";

const plan = planAll;

const BASE = `baseline shop version '1.0.0' {
  create table items {
    id   integer primary key
    name text
    code text
  }
}
`;

const NARROW = `migration m1 from '1.0.0' to '1.1.0' {
  describe 'values that may not fit'
  table items {
    alter code type varchar(5)
    add category varchar(10)? := name || '-category'
  }
}
`;

/**
 * Issue 11 item 9: values too long for their new varchar are predicted: `plan` counts and names the
 * values a `text → varchar(n)` change cuts (the stash keeps them) and the rows a mapping would fail
 * on; `check` warns (K3010) on a type change to a shorter text type.
 */
describe("too-long values (PostgreSQL server)", () => {
  const server = freshServer();

  it("plan counts and names the values a text → varchar(n) change cuts (a note) and the rows a mapping into varchar(10) would fail on (a violation)", async () => {
    const db = server.db();
    const spec = specFolder({ "000_base.kmig": BASE, "001_narrow.kmig": NARROW });
    try {
      await applyAll(db, spec.plans, { to: "1.0.0" });
      await db.exec(`INSERT INTO "items" VALUES (1, 'ab', 'abc'), (2, 'abcdef', 'abcdefgh'), (3, 'x', '123456')`);
      const before = await snapshotDb(db);
      const p = await plan(db, spec.plans);
      expect(p.migrations[0].steps[0].notes).toEqual(["cuts 2 values of items.code longer than varchar(5) allows to 5 characters (the stash keeps them for rollback) — e.g. id=2; id=3"]);
      expect(p.violations.map((v) => `${v.origin.line}: ${v.rows} ${v.what} — ${v.examples.join("; ")}`)).toEqual([
        `${spec.lineOf("001_narrow.kmig", "table items")}: 2 a value longer than varchar(10) allows for items.category (line ${spec.lineOf("001_narrow.kmig", "add category")}) — id=1; id=2`,
      ]);
      const e = await runErrorOf(applyAll(db, spec.plans));
      expect(e.code).toBe("K9101");
      expect(e.message).toContain("value too long for type character varying(10)");
      expect(await snapshotDb(db)).toEqual(before);
    } finally {
      spec.remove();
    }
  });

  it("check warns (K3010) on text → varchar(n) and on varchar(20) → varchar(5), not on a widening or with `using` (checked as a mapping)", () => {
    const spec = specFolder({
      "000_base.kmig": BASE.replace("code text", "code text\n    label varchar(20)\n    tag varchar(5)"),
      "001_types.kmig": `migration m1 from '1.0.0' to '1.1.0' {
  describe 'narrowing and widening'
  table items {
    alter code type varchar(5)
    alter label type varchar(5)
    alter tag type varchar(50)
    alter name type varchar(8) using name
  }
}
`,
    });
    try {
      const d = compileFolder(spec.dir).diagnostics.filter((x) => x.code === "K3010");
      expect(d.map((x) => `${positionOf(x.primary.file, x.primary.span.start).line}: ${x.message}`)).toEqual([
        `${spec.lineOf("001_types.kmig", "alter code")}: a text value of \`items.code\` may be longer than varchar(5) allows`,
        `${spec.lineOf("001_types.kmig", "alter label")}: a varchar(20) value of \`items.label\` may be longer than varchar(5) allows`,
      ]);
    } finally {
      spec.remove();
    }
  });
});
