import { describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { element } from "./support.js";
import { compileFolder } from "../support/spec-chain.js";
import { tempSpecs, runCli } from "../support/cli.js";

/** Issue 13 item 5: a type kmig does not model is an opaque type, copied and compared, never computed on. */

const typeOf = (written: string) => (element(`c ${written}`) as { type: unknown }).type;

describe("opaque types: how they are written", () => {
  it.each([
    ["ltree", { kind: "TypeRef", name: "ltree", args: [], arrayDims: 0, nullable: false, named: true }],
    ["geometry(Point, 4326)?", { kind: "TypeRef", name: "geometry", args: [], arrayDims: 0, nullable: true, named: true, modifiers: ["Point", "4326"] }],
    ["vector(3)[]", { kind: "TypeRef", name: "vector", args: [], arrayDims: 1, nullable: false, named: true, modifiers: ["3"] }],
    ["public.mood", { kind: "TypeRef", name: "public.mood", args: [], arrayDims: 0, nullable: false, named: true }],
    ["postgis.geometry(Point, 4326)", { kind: "TypeRef", name: "postgis.geometry", args: [], arrayDims: 0, nullable: false, named: true, modifiers: ["Point", "4326"] }],
  ])("%s", (written, expected) => {
    expect(typeOf(written)).toEqual(expected);
  });
});

const BASE = `baseline places version '1.0.0' {
  external extension ltree
  external extension citext
  create table places {
    id     integer primary key
    path   ltree?
    email  citext
    stay   tstzrange?
    spot   geometry(Point, 4326)?
    mood   public.mood?
  }
}
`;

function check(migration: string) {
  const dir = tempSpecs({ "000_base.kmig": BASE, "001_m.kmig": `migration m from '1.0.0' to '1.1.0' {\n  describe 'm'\n  table places {\n${migration}\n  }\n}\n` });
  try {
    const chain = compileFolder(dir);
    return chain.diagnostics.map((d) => `${d.code} ${d.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("opaque types in the checker", () => {
  it("copies, ==, !=, in, ??, when, to_text and to_json are accepted", () => {
    expect(
      check(`    add path2 ltree? := path
    add spot2 geometry(Point, 4326)? := spot
    add same boolean := path == path or stay != stay or mood in [mood]
    add text_email text := to_text(email)
    add j jsonb? := to_json(stay)
    add either ltree? := path ?? path
    add pick public.mood? := when email == email then mood else null`),
    ).toEqual([]);
  });

  it.each([
    ["add p2 ltree? := path + 1", "K3060 `+` is not offered on ltree?, a type kmig does not model"],
    ["add b boolean := stay < stay", "K3060 `<` is not offered on tstzrange?, a type kmig does not model"],
    ["add t text := lower(email)", "K3060 `lower` is not offered on citext, a type kmig does not model"],
    ["add t text? := path || 'x'", "K3060 `||` is not offered on ltree?, a type kmig does not model"],
    ["add t text? := path", "K3060 column `places.t` is text?, found ltree?: kmig converts no value to or from a type it does not model"],
    ["add p2 ltree? := to_text(path)", "K3060 column `places.p2` is ltree?, found text?: kmig converts no value to or from a type it does not model"],
    ["add p2 citext? := path", "K3060 column `places.p2` is citext?, found ltree?: kmig converts no value to or from a type it does not model"],
    ["add b boolean := path == 'a.b'", "K3060 comparing with text is not offered on ltree?, a type kmig does not model"],
  ])("%s → K3060", (line, expected) => {
    expect(check(`    ${line}`)).toEqual([expected]);
  });

  it("an unknown unqualified name is still K1201; a qualified one is opaque", () => {
    expect(check("    add p2 ltreee? := null")[0]).toMatch(/^K1201 unknown type `ltreee`/);
    expect(check("    add p2 myschema.anything? := null")).toEqual([]);
  });

  it("kmig fmt writes modifiers and schemas back as read", () => {
    const dir = tempSpecs({ "000_base.kmig": BASE });
    try {
      const r = runCli(["fmt", "--stdout", `${dir}/000_base.kmig`]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("spot  geometry(Point, 4326)?");
      expect(r.stdout).toContain("mood  public.mood?");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
