CREATE SCHEMA extra;
COMMENT ON SCHEMA extra IS 'odd things';
CREATE TYPE extra.mood AS ENUM ('sad', 'o''k', 'happy');
CREATE DOMAIN extra.posint AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
CREATE TYPE extra.pair AS (a int, b text);
CREATE SEQUENCE extra.counter START 100 INCREMENT 5 CACHE 3;
SELECT nextval('extra.counter'); SELECT nextval('extra.counter');
CREATE FUNCTION extra.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE FUNCTION extra.double(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE TABLE extra."Things" (
  id serial PRIMARY KEY,
  ident bigint GENERATED ALWAYS AS IDENTITY (START WITH 7 INCREMENT BY 3),
  name text COLLATE "C" NOT NULL CHECK (length(name) > 0),
  m extra.mood DEFAULT 'o''k',
  p extra.posint,
  pr extra.pair,
  twice int GENERATED ALWAYS AS (extra.double(p)) STORED,
  f float8, arr text[], j jsonb, b bytea, updated timestamptz,
  "weird ""col""" text
) WITH (fillfactor = 80);
COMMENT ON TABLE extra."Things" IS 'things';
COMMENT ON COLUMN extra."Things".name IS 'its name';
CREATE UNIQUE INDEX things_lower ON extra."Things" (lower(name)) WHERE m <> 'sad';
CREATE TABLE extra.child (id int PRIMARY KEY, thing int, CONSTRAINT child_thing FOREIGN KEY (thing) REFERENCES extra."Things"(id) ON DELETE CASCADE NOT VALID, CONSTRAINT later CHECK (id < 1000) NOT VALID);
CREATE TRIGGER touch BEFORE UPDATE ON extra."Things" FOR EACH ROW EXECUTE FUNCTION extra.touch();
CREATE VIEW extra.v AS SELECT id, name FROM extra."Things" WHERE m = 'happy';
CREATE MATERIALIZED VIEW extra.mv AS SELECT count(*) AS n FROM extra."Things";
CREATE TABLE extra.empty ();
INSERT INTO extra."Things" (name, m, p, pr, f, arr, j, b, updated, "weird ""col""") VALUES
 (E'line\nbreak\ttab\\back', 'happy', 3, ROW(1, 'x,y'), 0.1, '{a,"b c",NULL}', '{"k": [1, "é"]}', '\x00ff', '2026-01-02 03:04:05.123456+05', ''),
 ('ünï', 'sad', 2, NULL, 'NaN', '{}', 'null', '', NULL, NULL),
 ('third', NULL, 4, ROW(NULL, NULL), -1e300, NULL, NULL, NULL, NULL, 'q');
INSERT INTO extra.child VALUES (1, 1), (2, NULL);
INSERT INTO extra.empty DEFAULT VALUES; INSERT INTO extra.empty DEFAULT VALUES;
REFRESH MATERIALIZED VIEW extra.mv;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extra;
CREATE INDEX things_trgm ON extra."Things" USING gin (name extra.gin_trgm_ops);
ALTER TABLE extra."Things" ALTER COLUMN name SET STATISTICS 500;
ALTER TABLE extra."Things" ALTER COLUMN j SET STORAGE EXTERNAL;
CREATE DOMAIN extra.nn AS text NOT NULL CHECK (VALUE <> '');
CREATE FUNCTION extra.things_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM extra."Things"; END;
