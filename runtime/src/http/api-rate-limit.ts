/**
 * Per-name limit on search and request creation (`API_RATE_LIMIT_PER_MINUTE`, 0 = off), kept in
 * process memory on purpose: it protects the TMDB quota and must cost no store round trip.
 */
import type { AppDeps } from "./deps.js";
import { HttpError } from "./errors.js";

interface Window {
  start: number;
  count: number;
}

const windows = new WeakMap<object, Map<string, Window>>();
const WINDOW_MS = 60_000;

export function enforceApiRateLimit(deps: Pick<AppDeps, "config" | "clock">, name: string): void {
  const limit = deps.config.apiRateLimitPerMinute;
  if (limit <= 0) return;
  let byName = windows.get(deps.config);
  if (!byName) windows.set(deps.config, (byName = new Map()));
  const now = deps.clock.now();
  let w = byName.get(name);
  if (!w || now - w.start >= WINDOW_MS) {
    // Drop stale windows now and then so the map stays bounded by active names.
    if (byName.size > 10_000) for (const [k, v] of byName) if (now - v.start >= WINDOW_MS) byName.delete(k);
    w = { start: now, count: 0 };
    byName.set(name, w);
  }
  if (w.count >= limit) {
    const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
    throw new HttpError(429, "rate_limited", "Too many requests; slow down", { headers: { "retry-after": String(retryAfter) } });
  }
  w.count++;
}
