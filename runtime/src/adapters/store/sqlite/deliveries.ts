/** Channel delivery claims and last deliveries on SQLite. */
import type { DeliveryStore, LastDelivery } from "../../../ports/store/deliveries.js";
import type { SqliteContext } from "./database.js";

interface StatusRow {
  channel_id: string;
  status: "ok" | "failed";
  at: string;
  error: string | null;
}

export function createSqliteDeliveries(ctx: SqliteContext): DeliveryStore {
  const { db, op } = ctx;
  const st = {
    // Insert, or take over an expired claim; an unexpired one is left alone (changes = 0).
    acquire: db.prepare<[key: string, until: number, now: number]>(
      `INSERT INTO delivery_claims (key, until) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET until = excluded.until WHERE delivery_claims.until <= ?`,
    ),
    extend: db.prepare<[until: number, key: string]>(`UPDATE delivery_claims SET until = ? WHERE key = ?`),
    release: db.prepare<[key: string]>(`DELETE FROM delivery_claims WHERE key = ?`),
    purge: db.prepare<[now: number]>(`DELETE FROM delivery_claims WHERE until <= ?`),
    record: db.prepare<[channelId: string, status: string, at: string, error: string | null]>(
      `INSERT INTO delivery_status (channel_id, status, at, error) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel_id) DO UPDATE SET status = excluded.status, at = excluded.at, error = excluded.error`,
    ),
    last: db.prepare<[ids: string], StatusRow>(`SELECT s.* FROM json_each(?) AS k JOIN delivery_status AS s ON s.channel_id = k.value`),
  };
  return {
    acquireDelivery: (key, nowMs, untilMs) =>
      op(() =>
        ctx.tx(() => {
          // Expired claims are dead weight: clear them while holding the write lock anyway.
          st.purge.run(nowMs - 1);
          return st.acquire.run(key, untilMs, nowMs).changes === 1;
        }),
      ),
    extendDelivery: (key, untilMs) => op(() => void st.extend.run(untilMs, key)),
    releaseDelivery: (key) => op(() => void st.release.run(key)),
    recordDelivery: (channelId, last) => op(() => void st.record.run(channelId, last.status, last.at, last.error ?? null)),
    async lastDeliveries(ids) {
      if (ids.length === 0) return [];
      const rows = await op(() => st.last.all(JSON.stringify(ids)));
      const byId = new Map(rows.map((r) => [r.channel_id, toLast(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    },
  };
}

const toLast = (row: StatusRow): LastDelivery =>
  row.error === null ? { status: row.status, at: row.at } : { status: row.status, at: row.at, error: row.error };
