import fc from "fast-check";
import { expect } from "vitest";
import type { Catalog } from "./support/catalog.js";
import type { OpCase } from "./support/round-trip.js";
import { sameAsSqlSuite } from "./support/same-as-sql.js";
import { opSuite } from "./support/suite.js";

const ROOMS = `
  create table rooms {
    id       bigint     primary key
    code     text
    name     text
    floor    integer?
    area   box?
    note     text?
    index rooms_code (code)
  }
  create table bookings {
    id       bigint     primary key
    room_id  bigint
  }`;

const defs = (cat: Catalog) => Object.fromEntries([...cat.indexes, ...cat.constraints].map((i) => [i.name, i.def]));

/** The box column is left NULL: the rows generator has no boxes (gist and the exclusion need only the type). */
const NO_AREA = { "rooms.area": fc.constant(null) };

const CASES: OpCase[] = [
  {
    name: "index options: operator class, desc nulls last, include, with, nulls not distinct, hash with fillfactor",
    baseline: ROOMS,
    migrations: [
      `table rooms {
        index rooms_name_pattern (name text_pattern_ops desc nulls last) include (floor, note) with (fillfactor = 70)
        unique index rooms_floor_uq (floor) nulls not distinct
        index rooms_code_hash using hash (code) with (fillfactor = 80)
        index rooms_floor_first (floor nulls first, id desc) with (deduplicate_items = off)
        index rooms_area using gist (area) with (buffering = auto)
      }`,
    ],
    steps: Array(5).fill("create-index:reversible"),
    values: NO_AREA,
    setup: ["UPDATE rooms r SET floor = s.n FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM rooms) s WHERE r.id = s.id"],
    after: ({ catalog }) => {
      expect(defs(catalog)).toMatchObject({
        rooms_name_pattern: "CREATE INDEX rooms_name_pattern ON public.rooms USING btree (name text_pattern_ops DESC NULLS LAST) INCLUDE (floor, note) WITH (fillfactor='70')",
        rooms_floor_uq: "CREATE UNIQUE INDEX rooms_floor_uq ON public.rooms USING btree (floor) NULLS NOT DISTINCT",
        rooms_code_hash: "CREATE INDEX rooms_code_hash ON public.rooms USING hash (code) WITH (fillfactor='80')",
        rooms_floor_first: "CREATE INDEX rooms_floor_first ON public.rooms USING btree (floor NULLS FIRST, id DESC) WITH (deduplicate_items=off)",
        rooms_area: "CREATE INDEX rooms_area ON public.rooms USING gist (area) WITH (buffering=auto)",
      });
    },
  },
  {
    name: "constraint options: unique include with deferrable, exclusion, not valid then validate",
    baseline: ROOMS,
    migrations: [
      `table rooms {
        add constraint rooms_code_uq unique nulls not distinct (code) include (name) with (fillfactor = 90) deferrable initially deferred
        add exclude using gist (area with &&) where area is not null
        add constraint rooms_floor_ck check (floor >= -5) not valid
      }
      table bookings {
        add constraint bookings_room_fk foreign key (room_id) references rooms (id) on delete cascade deferrable not valid
      }`,
      `table rooms {
        validate constraint rooms_floor_ck
      }
      table bookings {
        validate constraint bookings_room_fk
      }`,
    ],
    // The unique constraint on an existing table: its index built concurrently first (a safe lowering), then attached.
    steps: ["create-index:reversible", "add-constraint:reversible", "add-constraint:reversible", "add-constraint:reversible", "add-constraint:reversible", "validate-constraint:reversible", "validate-constraint:reversible"],
    values: NO_AREA,
    setup: ["UPDATE rooms SET code = id::text, floor = NULL", "UPDATE bookings SET room_id = (SELECT min(id) FROM rooms)"],
    after: ({ catalog }) => {
      expect(defs(catalog)).toMatchObject({
        rooms_code_uq: "UNIQUE NULLS NOT DISTINCT (code) INCLUDE (name) DEFERRABLE INITIALLY DEFERRED",
        rooms_area_excl: "EXCLUDE USING gist (area WITH &&) WHERE ((NOT (area IS NULL)))",
        rooms_floor_ck: "CHECK ((floor >= '-5'::integer))",
        bookings_room_fk: "FOREIGN KEY (room_id) REFERENCES rooms(id) ON DELETE CASCADE DEFERRABLE",
      });
    },
  },
  {
    name: "rename a constraint, an index, and the index behind a key; replica identity using index, full, nothing, default",
    baseline: ROOMS,
    migrations: [
      `table rooms {
        add constraint rooms_code_key unique (code)
        rename index rooms_code -> rooms_code_idx2
        rename constraint rooms_pkey -> rooms_pk
        replica identity using index rooms_code_key
      }`,
      `table rooms {
        rename index rooms_code_key -> rooms_code_uq
        replica identity full
      }`,
      `table rooms {
        replica identity nothing
      }`,
      `table rooms {
        replica identity default
      }`,
    ],
    steps: ["create-index:reversible", "add-constraint:reversible", "rename-index:reversible", "rename-constraint:reversible", "replica-identity:reversible", "rename-index:reversible", "replica-identity:reversible", "replica-identity:reversible", "replica-identity:reversible"],
    values: NO_AREA,
    setup: ["UPDATE rooms SET code = id::text"],
  },
];

opSuite("index and constraint options", CASES, { pgliteRuns: 2 });

sameAsSqlSuite("index and constraint options", [
  {
    name: "the options as PostgreSQL's own SQL makes them",
    baseline: `${ROOMS}
      create table slots {
        id     integer
        label  text
        primary key (id) include (label) with (fillfactor = 60)
        at     box
        constraint slots_label_key unique (label) deferrable
        exclude using gist (at with &&) deferrable initially deferred
      }`,
    migrations: [
      `table rooms {
        index (name text_pattern_ops) include (note)
        add constraint rooms_floor_ck check (floor > 0) not valid
        rename constraint rooms_floor_ck -> rooms_floor_positive
        replica identity full
      }`,
    ],
    sql: [
      "CREATE TABLE rooms (id bigint PRIMARY KEY, code text NOT NULL, name text NOT NULL, floor integer, area box, note text)",
      "CREATE INDEX rooms_code ON rooms (code)",
      "CREATE TABLE bookings (id bigint PRIMARY KEY, room_id bigint NOT NULL)",
      "CREATE TABLE slots (id integer, label text NOT NULL, at box NOT NULL, PRIMARY KEY (id) INCLUDE (label) WITH (fillfactor = 60), UNIQUE (label) DEFERRABLE, EXCLUDE USING gist (at WITH &&) DEFERRABLE INITIALLY DEFERRED)",
      "CREATE INDEX ON rooms (name text_pattern_ops) INCLUDE (note)",
      "ALTER TABLE rooms ADD CONSTRAINT rooms_floor_ck CHECK (floor > 0) NOT VALID",
      "ALTER TABLE rooms RENAME CONSTRAINT rooms_floor_ck TO rooms_floor_positive",
      "ALTER TABLE rooms REPLICA IDENTITY FULL",
    ],
  },
]);
