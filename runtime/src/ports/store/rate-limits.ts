/** Rate-limit windows (login attempts): a fixed window from the first hit. */

export interface RateLimitWindow {
  count: number;
  /** Window end, ms since the epoch. */
  reset_at: number;
}

export interface RateLimitStore {
  getRateLimit(key: string, nowMs: number): Promise<RateLimitWindow | null>;
  hitRateLimit(key: string, windowMs: number, nowMs: number): Promise<RateLimitWindow>;
  clearRateLimit(key: string): Promise<void>;
}
