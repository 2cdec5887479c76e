/** Rate-limit windows on SQLite: one `rate_limits` row per key, read and bumped in one transaction. */
import type { RateLimitStore, RateLimitWindow } from "../../../ports/store/rate-limits.js";
import type { SqliteContext } from "./database.js";

export function createSqliteRateLimits(ctx: SqliteContext): RateLimitStore {
  const { db, op, tx } = ctx;
  const st = {
    get: db.prepare<[key: string], RateLimitWindow>(`SELECT count, reset_at FROM rate_limits WHERE key = ?`),
    put: db.prepare<[key: string, count: number, resetAt: number]>(
      `INSERT INTO rate_limits (key, count, reset_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET count = excluded.count, reset_at = excluded.reset_at`,
    ),
    clear: db.prepare<[key: string]>(`DELETE FROM rate_limits WHERE key = ?`),
  };
  return {
    getRateLimit: (key, nowMs) =>
      op(() => {
        const r = st.get.get(key);
        return r && r.reset_at > nowMs ? { count: r.count, reset_at: r.reset_at } : null;
      }),
    hitRateLimit: (key, windowMs, nowMs) =>
      op(() =>
        tx((): RateLimitWindow => {
          const r = st.get.get(key);
          const next = r && r.reset_at > nowMs ? { count: r.count + 1, reset_at: r.reset_at } : { count: 1, reset_at: nowMs + windowMs };
          st.put.run(key, next.count, next.reset_at);
          return next;
        }),
      ),
    clearRateLimit: (key) => op(() => void st.clear.run(key)),
  };
}
