/** Push subscriptions on SQLite: one `push_subscriptions` row per endpoint. */
import type { PushSubscriptionRecord, SubscriptionStore } from "../../../ports/store/subscriptions.js";
import type { SqliteContext } from "./database.js";

export function createSqliteSubscriptions(ctx: SqliteContext): SubscriptionStore {
  const { db, op, tx } = ctx;
  const st = {
    get: db.prepare<[endpoint: string], PushSubscriptionRecord>(`SELECT * FROM push_subscriptions WHERE endpoint = ?`),
    put: db.prepare<PushSubscriptionRecord>(
      `INSERT INTO push_subscriptions (endpoint, owner, p256dh, auth, locale, vapid_key_id, created_at)
       VALUES (@endpoint, @owner, @p256dh, @auth, @locale, @vapid_key_id, @created_at)
       ON CONFLICT (endpoint) DO UPDATE SET owner = excluded.owner, p256dh = excluded.p256dh, auth = excluded.auth,
         locale = excluded.locale, vapid_key_id = excluded.vapid_key_id`,
    ),
    list: db.prepare<[owner: string], PushSubscriptionRecord>(
      `SELECT * FROM push_subscriptions WHERE owner = ? ORDER BY created_at, endpoint`,
    ),
    delete: db.prepare<[endpoint: string]>(`DELETE FROM push_subscriptions WHERE endpoint = ?`),
    deleteOwned: db.prepare<[endpoint: string, owner: string]>(`DELETE FROM push_subscriptions WHERE endpoint = ? AND owner = ?`),
  };
  return {
    putSubscription: (sub) =>
      op(() =>
        tx(() => {
          const existed = !!st.get.get(sub.endpoint);
          st.put.run(sub);
          return existed ? ("updated" as const) : ("created" as const);
        }),
      ),
    getSubscription: (endpoint) => op(() => st.get.get(endpoint) ?? null),
    listSubscriptions: (owner) => op(() => st.list.all(owner)),
    deleteSubscription: (endpoint, owner) =>
      op(() => (owner === undefined ? st.delete.run(endpoint) : st.deleteOwned.run(endpoint, owner)).changes > 0),
  };
}
