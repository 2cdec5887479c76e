/**
 * Per-name limit on search and request creation (`API_RATE_LIMIT_PER_MINUTE`, 0 = off), kept in
 * process memory on purpose: it protects the TMDB quota and must cost no store round trip.
 * One limiter per app (`AppState.apiRateLimit`).
 */
import type { Clock } from "../ports/clock.js";
import { HttpError } from "./errors.js";

interface Window {
  start: number;
  count: number;
}

const WINDOW_MS = 60_000;

export interface ApiRateLimiter {
  /** Counts one call of `name`; throws a 429 `rate_limited` when the minute's budget is spent. */
  enforce(name: string): void;
}

export function createApiRateLimiter(limitPerMinute: number, clock: Clock): ApiRateLimiter {
  const byName = new Map<string, Window>();
  return {
    enforce(name) {
      if (limitPerMinute <= 0) return;
      const now = clock.now();
      let w = byName.get(name);
      if (!w || now - w.start >= WINDOW_MS) {
        // Drop stale windows now and then so the map stays bounded by active names.
        if (byName.size > 10_000) for (const [k, v] of byName) if (now - v.start >= WINDOW_MS) byName.delete(k);
        w = { start: now, count: 0 };
        byName.set(name, w);
      }
      if (w.count >= limitPerMinute) {
        const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
        throw new HttpError(429, "rate_limited", "Too many requests; slow down", { headers: { "retry-after": String(retryAfter) } });
      }
      w.count++;
    },
  };
}
