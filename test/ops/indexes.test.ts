import { expect } from "vitest";
import type { Catalog } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { opSuite } from "./support/suite.js";

const DOCS = `
  create table docs {
    id       bigint        primary key
    owner    uuid?
    title    varchar(200)
    body     text?
    tags     text[]?
    meta     jsonb?
    created  timestamptz
    index docs_created_idx (created)
    index (owner, created desc)
  }`;

const defs = (cat: Catalog) => Object.fromEntries(cat.indexes.map((i) => [i.name, i.def]));

const CASES: OpCase[] = [
  {
    name: "create indexes: btree, multi-column, desc, gin on jsonb and arrays, unique, partial, hash, brin",
    baseline: DOCS,
    migrations: [
      `table docs {
        index (title)
        index docs_recent (created desc, id)
        index using gin (meta)
        index docs_tags using gin (tags)
        unique index (id, title)
        unique index docs_titled (title, id) where body is not null and title != ''
        index using hash (title)
        index docs_created_brin using brin (created)
      }`,
    ],
    steps: Array(8).fill("create-index:reversible"),
    after: ({ catalog }) => {
      expect(defs(catalog)).toMatchObject({
        docs_title_idx: "CREATE INDEX docs_title_idx ON public.docs USING btree (title)",
        docs_recent: "CREATE INDEX docs_recent ON public.docs USING btree (created DESC, id)",
        docs_meta_idx: "CREATE INDEX docs_meta_idx ON public.docs USING gin (meta)",
        docs_tags: "CREATE INDEX docs_tags ON public.docs USING gin (tags)",
        docs_id_title_idx: "CREATE UNIQUE INDEX docs_id_title_idx ON public.docs USING btree (id, title)",
        docs_titled: "CREATE UNIQUE INDEX docs_titled ON public.docs USING btree (title, id) WHERE ((NOT (body IS NULL)) AND ((title)::text <> ''::text))",
        docs_title_idx1: "CREATE INDEX docs_title_idx1 ON public.docs USING hash (title)",
        docs_created_brin: "CREATE INDEX docs_created_brin ON public.docs USING brin (created)",
      });
    },
  },
  {
    name: "drop indexes, named and derived: rollback rebuilds them",
    baseline: DOCS,
    migrations: ["table docs {\n  drop index docs_created_idx\n  drop index docs_owner_created_idx\n}"],
    steps: ["drop-index:reversible", "drop-index:reversible"],
    after: ({ catalog }) => expect(Object.keys(defs(catalog))).toEqual(["docs_pkey"]),
  },
  {
    name: "create and drop indexes concurrently (outside the migration's transaction)",
    baseline: DOCS,
    runs: 4,
    migrations: ["table docs {\n  index docs_body (body) concurrently\n  drop index docs_created_idx concurrently\n}"],
    steps: ["drop-index:reversible", "create-index:reversible"],
    after: ({ catalog }) => expect(Object.keys(defs(catalog)).sort()).toEqual(["docs_body", "docs_owner_created_idx", "docs_pkey"]),
  },
  {
    name: "an index on a column renamed in the same block, built after the backfill",
    baseline: DOCS,
    migrations: ["table docs {\n  rename title -> headline := upper(title)\n  index (headline)\n}"],
    steps: ["rename-column:reversible", "backfill:stash", "create-index:reversible"],
    after: ({ catalog }) => expect(defs(catalog).docs_headline_idx).toBe("CREATE INDEX docs_headline_idx ON public.docs USING btree (headline)"),
  },
];

opSuite("indexes on PostgreSQL", CASES);
