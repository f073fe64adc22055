import { join } from "node:path";
import { tempSpecs } from "../../support/cli.js";
import { uriOf } from "./client.js";

/** A small chain with a rename, a map, a def, a type change and a mapping: what the feature tests ask about. */
export const BASE = `baseline shop version '1.0' {
  create table users {
    id     uuid primary key
    email  text
    status text
    type   text?
    age    integer?
  }
}
`;

export const V2 = `migration shop_v2 from '1.0' to '2.0' {
  describe 'contacts and states'
  map user_state: text -> text {
    new, fresh -> active
    gone       -> inactive
    else       -> active
  }
  def clean(x) := lower(trim(x))
  table users {
    rename email -> contact_email := clean(email)
    status := user_state(status)
    alter age type bigint?
    add note varchar(20)? := when age > 60 then 'senior' else type
  }
}
`;

export const V3 = `migration shop_v3 from '2.0' to '3.0' {
  describe 'drop the contact'
  table users {
    drop contact_email irreversible 'no longer kept'
  }
}
`;

/** The chain in a fresh folder: its path and the URIs of its files. */
export function shopChain(files: Record<string, string> = { "000_base.kmig": BASE, "001_v2.kmig": V2, "002_v3.kmig": V3 }): { dir: string; uri: (name: string) => string } {
  const dir = tempSpecs(files);
  return { dir, uri: (name) => uriOf(join(dir, name)) };
}

/** The LSP position of the `nth` occurrence of `needle` in `text`, `delta` characters into it. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` (#${nth}) not in the text`);
  }
  const before = text.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}
