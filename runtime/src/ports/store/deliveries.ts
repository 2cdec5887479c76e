/**
 * Channel deliveries: the claims that announce each (title, channel) at most once in 24 h across
 * processes and paths (webhook, sync, the AWS notifier), and the last delivery per channel
 * (personal and household) that `GET /api/channels` shows.
 */

export interface LastDelivery {
  status: "ok" | "failed";
  /** ISO-8601 UTC. */
  at: string;
  /** Already free of secrets (`redactForChannel`). */
  error?: string;
}

export interface DeliveryStore {
  /** Takes `key` until `untilMs`; false while an unexpired claim holds it (one winner under any concurrency). */
  acquireDelivery(key: string, nowMs: number, untilMs: number): Promise<boolean>;
  /** Moves the claim's expiry (after a delivery: the dedupe window). */
  extendDelivery(key: string, untilMs: number): Promise<void>;
  /** Frees the claim (nothing was delivered). Releasing a free key is a no-op. */
  releaseDelivery(key: string): Promise<void>;
  recordDelivery(channelId: string, last: LastDelivery): Promise<void>;
  /** Aligned with `channelIds`: null where nothing was recorded. */
  lastDeliveries(channelIds: readonly string[]): Promise<(LastDelivery | null)[]>;
}
