/**
 * Delivery rules shared by every channel (docs/notifications.md "Delivery"): what an answer means,
 * when to try again, and the key that keeps a title from being announced twice on one channel.
 *
 * Schedule: attempt 1 at once, then after ≈2 s, 8 s, 30 s, 2 min, 10 min, 30 min, 1 h (each ±25 %
 * jitter, so a recovering service is not hit by every Stellarr at once): 8 attempts at most, and
 * with the 10 s per-attempt deadline the first two always fall within 30 s. A 429's retry-after
 * is honoured when it asks for longer than the schedule.
 */

export type DeliveryOutcome =
  | { kind: "ok"; status: number }
  | { kind: "retry"; error: string; status?: number; retryAfterMs?: number }
  | { kind: "permanent"; error: string; status?: number };

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt n+1 (index n-1), before jitter. */
  delaysMs: readonly number[];
  /** ± fraction applied to each delay. */
  jitter: number;
  /** A retry-after beyond this is capped to it. */
  maxRetryAfterMs: number;
}

export const RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  delaysMs: [2_000, 8_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000],
  jitter: 0.25,
  maxRetryAfterMs: 3_600_000,
};

/** Per-attempt deadline: shorter than the first retry window, so two attempts fit in 30 s. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/** Each (title, channel) is announced at most once in this window, across webhook and sync paths. */
export const DEDUPE_WINDOW_MS = 24 * 3_600_000;

/** The claim key of one title on one channel. */
export function deliveryKey(title: { media_type: string; tmdb_id: number }, channelId: string): string {
  return `fulfilled:${title.media_type}:${title.tmdb_id}:${channelId}`;
}

/** 408 and 429 are worth repeating; every other 4xx will fail the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The outcome of an HTTP answer. Redirects are not followed (the SSRF guard checked only this
 * URL), so a 3xx is permanent like a 4xx. `error` must already be free of secrets.
 */
export function outcomeOfStatus(status: number, error: string, retryAfterMs?: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: "ok", status };
  if (isRetryableStatus(status))
    return retryAfterMs === undefined ? { kind: "retry", status, error } : { kind: "retry", status, error, retryAfterMs };
  return { kind: "permanent", status, error };
}

/** `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The wait before the next attempt after attempt number `attempt` (1-based) ended in `outcome`,
 * or null when there is none (delivered, permanent, or out of attempts). `random` is in [0, 1).
 */
export function nextRetryDelay(
  attempt: number,
  outcome: DeliveryOutcome,
  random: () => number,
  policy: RetryPolicy = RETRY_POLICY,
): number | null {
  if (outcome.kind !== "retry" || attempt >= policy.maxAttempts) return null;
  const base = policy.delaysMs[Math.min(attempt, policy.delaysMs.length) - 1] ?? 0;
  const jittered = Math.round(base * (1 - policy.jitter + 2 * policy.jitter * random()));
  const asked = outcome.retryAfterMs === undefined ? 0 : Math.min(Math.max(0, outcome.retryAfterMs), policy.maxRetryAfterMs);
  return Math.max(jittered, asked);
}
