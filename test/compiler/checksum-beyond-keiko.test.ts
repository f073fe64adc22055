import { describe, expect, it } from "vitest";
import type { Unit } from "../../grammar/ast.js";
import { canonicalMeaning, meaningChecksum } from "../../compiler/migration/checksum.js";
import { parseText } from "../support/parse.js";

/**
 * The meaning checksum pinned (as test/compiler/checksum.test.ts pins Keiko's) for what Keiko's
 * spec does not use: enum types, domains, sequences and serials, comments, index options,
 * constraint options, externals, raw SQL, status maps (closed, with `keep original`), config
 * steps with `require`, `expect` and `patch`. The literal values are the contract with ledgers
 * that applied such specs: do not update them (see checksum.ts to add a new canonical version).
 */

const BASELINE = `baseline shop_v1 version '1.0.0' {
  create type order_state as enum ('new', 'paid', 'void')
  create domain year as integer check (value between 1901 and 2155)
  create sequence order_numbers as bigint start with 1000 increment by 5 cache 10
  create table customers {
    id    serial primary key
    email text?  unique
    name  text?  comment 'as they write it'
    comment 'people who buy'
  }
  create table orders {
    id          bigint      generated always as identity primary key
    customer_id integer     references customers (id) on delete cascade
    state       order_state default 'new'
    total       numeric(10, 2)
    code        text?
    placed      year?
    check (total >= 0)
    foreign key (placed) references customers (id) deferrable initially deferred
    index idx_orders_code (code text_pattern_ops desc nulls last) include (state) with (fillfactor = 70) where code is not null
  }
  external extension pg_trgm
  external function stamp_updated_at()
  external trigger orders_stamp on orders
  external view order_totals reads orders (id, code)
}
`;

const MIGRATION = `migration shop_v2 from '1.0.0' to '2.0.0' {
  describe 'tiers and labels'
  map tier: text -> text closed {
    gold, silver -> premium
    bronze       -> basic
    keep original in meta.tier
  }
  alter type order_state add value 'refunded' after 'void'
  alter sequence order_numbers restart with 5000
  table customers {
    add badge smallserial
    add tier  text? := tier(email)
    add meta  jsonb? default {}
    alter name comment 'as printed'
    unique index customers_tier_uq (tier nulls first) nulls not distinct
    replica identity full
  }
  table orders {
    add constraint orders_total_ck check (total < 1000000) not valid
    index orders_code_idx (code) concurrently
  }
  sql '''ANALYZE orders''' irreversible 'statistics only'
  config 'app.yml' {
    require plan
    tier := tier(plan)
    name := name ?? 'shop'
    expect tier != null
  }
  config 'flags/*.yml' -> 'features/' patch {
    remove legacy
    beta := false
  }
}
`;

function unitOf(text: string): Unit {
  const r = parseText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return r.ast.units[0];
}

describe("the meaning checksum beyond Keiko, format m1", () => {
  it("is pinned for a baseline with enums, domains, sequences, serials, identities, comments, index and constraint options, externals", () => {
    expect(meaningChecksum(unitOf(BASELINE))).toBe("m1:11fa6cab3b040b34d79e55990e279c254f16fca30df56f013ff6637fa832d380");
  });

  it("is pinned for a migration with a closed map keeping originals, enum and sequence changes, index options, raw SQL and config steps", () => {
    expect(meaningChecksum(unitOf(MIGRATION))).toBe("m1:ab1fd34b79083ed73baf9838c54a918f2a7a49e872b65de426c73ffee4f2aad6");
    expect(canonicalMeaning(unitOf(MIGRATION)).split("\n").slice(0, 8)).toEqual([
      "migration shop_v2 from '1.0.0' to '2.0.0' {",
      "map tier : text -> text closed {",
      "gold , silver -> premium",
      "bronze -> basic",
      "keep original in meta . tier",
      "}",
      "alter type order_state add value 'refunded' after 'void'",
      "alter sequence order_numbers restart with 5000",
    ]);
  });
});
