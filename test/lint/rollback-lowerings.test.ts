import { afterEach, describe, expect, it } from "vitest";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChains } from "../../cli/load-chains.js";
import { lintUnit } from "../../compiler/lint/index.js";
import { explainPlan } from "../../compiler/explain.js";
import type { CompiledUnit } from "../../compiler/migration/compile-unit.js";
import { deferredUndos } from "../../core/deferred-undo.js";

/**
 * What `kmig rollback` runs after its transaction has committed (core/deferred-undo.ts) — a
 * dropped index rebuilt CONCURRENTLY, an index the migration built dropped CONCURRENTLY, a
 * backfill's refill in batches — is a lowering: its rollback lint (K5001, K5012, and K5010 for
 * the locks it would hold) is not reported, and `kmig explain` says so. Where the undo of an
 * earlier step needs it first, it stays in the transaction: the lint is reported, saying why.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function unit(items: string): CompiledUnit {
  const dir = mkdtempSync(join(tmpdir(), "kmig-rollback-lowered-"));
  dirs.push(dir);
  copyFileSync("test/golden/lints/K5001/bad/000_baseline.kmig", join(dir, "000_baseline.kmig"));
  writeFileSync(join(dir, "001_change.kmig"), `migration shop_v2 from '1.0.0' to '1.1.0' {\n  describe 'x'\n${items}\n}\n`);
  const chain = loadChains([dir]).chains[0].result;
  expect(chain.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return chain.units[1];
}

const rollbackLints = (u: CompiledUnit) => lintUnit(u).filter((d) => d.message.startsWith("rolling this back"));

describe("rollback lowerings", () => {
  it("a dropped index is rebuilt CONCURRENTLY after the rollback's transaction: no K5001, explain says so", () => {
    const u = unit("  table orders {\n    drop index orders_total_idx concurrently\n  }");
    expect([...deferredUndos(u.plan, u.plan.steps.length).values()]).toEqual([expect.objectContaining({ kind: "build", index: "orders_total_idx" })]);
    expect(rollbackLints(u)).toEqual([]);
    expect(explainPlan(u.plan)).toMatch(/rollback: lowered \(instead of K5001\): once the rollback's transaction has committed, rebuilds the index CONCURRENTLY/);
  });

  it("an index built on a table with rows is dropped CONCURRENTLY by rollback, after its transaction", () => {
    const u = unit("  table orders {\n    index orders_note_idx (note) concurrently\n  }");
    expect(u.plan.steps[0].down).toEqual([`DROP INDEX CONCURRENTLY IF EXISTS "orders_note_idx"`]);
    expect([...deferredUndos(u.plan, 1).values()]).toEqual([expect.objectContaining({ kind: "drop", index: "orders_note_idx" })]);
    expect(explainPlan(u.plan)).toMatch(/rollback: lowered: once the rollback's transaction has committed, drops the index CONCURRENTLY/);
  });

  it("a rebuild the undo of an earlier step needs first (its column renamed back) stays in the transaction, and is reported with why", () => {
    const u = unit("  table orders {\n    rename total -> amount\n  }\n  table orders {\n    drop index orders_total_idx concurrently\n  }");
    expect(deferredUndos(u.plan, u.plan.steps.length).size).toBe(0);
    const [d] = rollbackLints(u).filter((x) => x.code === "K5001");
    expect(d.message).toMatch(/rebuilds index `orders_total_idx` without CONCURRENTLY/);
    expect(d.notes.join("\n")).toMatch(/here the undo of `rename column orders.total to amount` \(line 4\) does/);
    expect(explainPlan(u.plan)).toMatch(/rollback: rebuilds the index without CONCURRENTLY inside the rollback's transaction: the undo of `rename column orders.total to amount` \(line 4\)/);
  });

  it("a backfill's refill runs in batches after the rollback's transaction: no K5012 and no K5010 for it", () => {
    const u = unit("  table users {\n    name := name ?? ''\n    alter name set not null\n  }\n  table orders {\n    total := total * 2\n  }");
    expect([...deferredUndos(u.plan, u.plan.steps.length).values()].filter((d) => d.kind === "refill").map((d) => d.table)).toEqual(["users", "orders"]);
    expect(rollbackLints(u).map((d) => d.code)).toEqual([]);
    expect(explainPlan(u.plan)).toMatch(/rollback: lowered \(instead of K5012\): once the rollback's transaction has committed, refills orders in keyset batches by \(id\)/);
  });

  it("a refill whose column an earlier step's undo renames back stays one UPDATE in the transaction: K5012, saying why", () => {
    const u = unit("  table users {\n    rename name -> full_name\n  }\n  table users {\n    full_name := upper(full_name)\n  }");
    const [d] = rollbackLints(u).filter((x) => x.code === "K5012");
    expect(d.message).toMatch(/rolling this back refills `users` in one UPDATE/);
    expect(d.notes.join("\n")).toMatch(/the undo of `rename column users.name to full_name` \(line 4\) does/);
  });

  it("an earlier undo on the same table that leaves the refill's columns alone does not keep it in the transaction", () => {
    const u = unit("  table users {\n    add nickname text?\n  }\n  table users {\n    name := upper(name)\n  }");
    expect([...deferredUndos(u.plan, u.plan.steps.length).keys()]).toEqual([1]);
    expect(rollbackLints(u).map((d) => d.code)).not.toContain("K5012");
  });
});
