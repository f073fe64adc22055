import type { Db } from "../../../runtime/db/connection.js";

/** A small two-table spec the runtime tests build on: customers and their orders, keyed by integer ids. */
export const SHOP_BASELINE = `baseline shop_v1 version '1' {
  describe 'a shop'
  create table customers {
    id    integer primary key
    email text?
    name  text
  }
  create table orders {
    id          integer primary key
    customer_id integer
    amount      integer?
    state       text?
  }
}
`;

/** A migration of the shop: \`items\` between a header (a status map) and nothing else. */
export function shopMigration(items: string, id = "shop_v2", from = "1", to = "2"): string {
  return `migration ${id} from '${from}' to '${to}' {
  describe 'the shop, version ${to}'
  map order_state {
    new, open -> open
    paid      -> paid
    else      -> unknown
  }
${items}
}
`;
}

/** Rows for the shop: `customers` customers, `orders` orders with every kind of state. */
export async function insertShopRows(db: Db, counts = { customers: 300, orders: 1000 }): Promise<void> {
  await db.query(`INSERT INTO customers (id, email, name) SELECT g, 'c' || g || '@example.org', 'n' || g FROM generate_series(1, $1::int) g`, [counts.customers]);
  await db.query(
    `INSERT INTO orders (id, customer_id, amount, state)
     SELECT g, 1 + g % $2::int, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 1000 END, (ARRAY['new', 'open', 'paid', 'weird', NULL, 'PAID'])[1 + g % 6]
     FROM generate_series(1, $1::int) g`,
    [counts.orders, counts.customers],
  );
}
