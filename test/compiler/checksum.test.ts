import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Unit } from "../../grammar/ast.js";
import { lex } from "../../grammar/lexer.js";
import { printSpec } from "../../grammar/print/index.js";
import { canonicalMeaning, legacyChecksum, meaningChecksum } from "../../compiler/migration/checksum.js";
import { specFileArb } from "../format/arbitrary-ast.js";
import { parsePath, parseText } from "../support/parse.js";

/**
 * The meaning checksum is a versioned canonical form (docs/ledger.md). The literal values below
 * are the contract with every ledger kmig has written: a change to kmig that changes one of them
 * makes every database that applied that spec report it as edited. Do not update them; if the
 * canonical form must change, add a new version beside the old one (see checksum.ts).
 */

const SMALL = `migration shop_v2 from '1.0' to '2.0' {
  describe 'orders get a state'
  map order_state: text -> text closed {
    new, open -> pending
    done      -> completed
  }
  table orders {
    add note text? default 'x'
    state := order_state(state)
    add tags jsonb? := [state, 'v2']
  }
}
`;

function unitOf(text: string): Unit {
  const r = parseText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.ast.units[0];
}

const keiko = (file: string) => parsePath(`specs/keiko/${file}`).ast.units[0];

describe("the meaning checksum, format m1", () => {
  it("is pinned: literal canonical text and checksums (sha256 of `kmig meaning 1\\n` and the text)", () => {
    expect(canonicalMeaning(unitOf(SMALL))).toBe(
      [
        "migration shop_v2 from '1.0' to '2.0' {",
        "map order_state : text -> text closed {",
        "new , open -> pending",
        "done -> completed",
        "}",
        "table orders {",
        "add note text ? default 'x'",
        "state := order_state ( state )",
        "add tags jsonb ? := [ state , 'v2' ]",
        "}",
        "}",
      ].join("\n"),
    );
    expect(meaningChecksum(unitOf(SMALL))).toBe("m1:87042f668bf3ae85e564acaf1e37698afcccd2e96161c00c4c5d0a7c7a8d681a");
    expect(meaningChecksum(keiko("000_baseline.kmig"))).toBe("m1:ff2736050e27e65116ae86fdcee0db86c6bbec12b1fd16f8ea94563299778bc6");
    expect(meaningChecksum(keiko("001_keiko_v2.kmig"))).toBe("m1:df860724683296afd6defb93cec2d3f78ce54c1f283b4c94bde4b42c66bda3f6");
  });

  it("pins the checksum kmig 0.1 recorded, which ledgers written by it hold", () => {
    expect(legacyChecksum(keiko("000_baseline.kmig"))).toBe("6672b69abf9d8177d628d1ce2d83d9929812a47db65037a4f560ab8bef6251c7");
    expect(legacyChecksum(keiko("001_keiko_v2.kmig"))).toBe("21b614f2d6e773fe6e5c2684ec4a1c9ae8caba2ae43027ca5bb19a2fbe175609");
  });

  it("ignores layout, comments, trailing commas, describe text and the quoting of plain names", () => {
    const same = [
      SMALL.replace(/\n {2,}/g, "\n\t").replace(/ -> /g, "->"),
      SMALL.replace("table orders {", "// why: the new states\n  table /* here */ orders {\n"),
      SMALL.replace("[state, 'v2']", "[\n      state,\n      'v2',\n    ]"),
      SMALL.replace("orders get a state", "orders get their state"),
      SMALL.replace("  describe 'orders get a state'\n", ""),
      SMALL.replace("table orders", 'table "orders"').replace("add note", 'add "note"'),
    ];
    const base = meaningChecksum(unitOf(SMALL));
    for (const text of same) expect(meaningChecksum(unitOf(text)), text).toBe(base);
  });

  it("changes with anything that runs", () => {
    const edits = [
      SMALL.replace("default 'x'", "default 'y'"),
      SMALL.replace("new, open", "new"),
      SMALL.replace("text -> text closed", "text -> text"),
      SMALL.replace("'v2'", "'v3'"),
      SMALL.replace("table orders", 'table "Orders"'),
      SMALL.replace("note text?", "note varchar(10)?"),
      SMALL.replace("to '2.0'", "to '2.1'"),
    ];
    const seen = new Set([meaningChecksum(unitOf(SMALL))]);
    for (const text of edits) seen.add(meaningChecksum(unitOf(text)));
    expect(seen.size).toBe(edits.length + 1);
  });

  it("does not depend on the AST's shape: a field added to every node changes nothing (the 0.1 form did change)", () => {
    const unit = keiko("001_keiko_v2.kmig");
    const reshaped = addField(unit) as Unit;
    expect(meaningChecksum(reshaped)).toBe(meaningChecksum(unit));
    expect(legacyChecksum(reshaped)).not.toBe(legacyChecksum(unit));
  });

  it("on generated specs: the same whatever the printer's width, and the canonical text is itself a spec with that canonical text", () => {
    fc.assert(
      fc.property(specFileArb, fc.integer({ min: 10, max: 120 }), (ast, width) => {
        const printed = printSpec(ast, "", width);
        const reparsed = parseText(printed).ast.units;
        ast.units.forEach((u, i) => {
          const canonical = canonicalMeaning(u);
          expect(canonicalMeaning(reparsed[i]), printed).toBe(canonical);
          expect(canonicalMeaning(unitOf(canonical)), canonical).toBe(canonical);
          expect(separators(canonical).every((x) => x === " " || x === "\n"), canonical).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("keeps formatting-only edits of the Keiko spec equal", () => {
    const text = readFileSync("specs/keiko/001_keiko_v2.kmig", "utf8");
    const stripped = text
      .split("\n")
      .filter((l) => !/^\s*\/\//.test(l))
      .map((l) => l.replace(/\s+\/\/ .*$/, "").replace(/ {2,}/g, " "))
      .join("\n\n");
    expect(meaningChecksum(unitOf(stripped))).toBe(meaningChecksum(keiko("001_keiko_v2.kmig")));
  });
});

/** What stands between the tokens of `text`. */
function separators(text: string): string[] {
  const tokens = lex(text).tokens;
  return tokens.slice(1).map((t, i) => text.slice(tokens[i].startOffset + tokens[i].image.length, t.startOffset));
}

/** A copy of the tree with a new field on every node, as a later kmig's AST might have. */
function addField(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(addField);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = addField(v);
  return "kind" in node ? { ...out, annotations: [] } : out;
}
