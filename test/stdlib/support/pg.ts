import pg from "pg";

/**
 * A connection to the test server, in the session settings the value model assumes: UTC, ISO dates,
 * shortest float output, hex bytea. Tests only read: they create no tables, so files run in parallel.
 */
export async function connectTestDb(): Promise<pg.Client> {
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "test" });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at 127.0.0.1:5432 (${String(e)}); ` +
        "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    );
  }
  await client.query(
    "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; " +
      "SET extra_float_digits = 1; SET bytea_output = 'hex'; SET standard_conforming_strings = on",
  );
  return client;
}
