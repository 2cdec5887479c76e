/**
 * HTTP with retries and exponential backoff for the library-sync clients (media servers, Stellarr):
 * network errors, timeouts, 429 and 5xx are retried (every call the CLI makes is idempotent: GETs,
 * library upserts, staging batches, commits); other statuses are returned to the caller at once.
 */

export interface RetryOptions {
  attempts: number;
  /** First delay; doubled per attempt, ±25 % jitter, capped at 30 s (or Retry-After when given). */
  baseDelayMs: number;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  /** Called before each retry (for a log line). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  sleep?: (ms: number) => Promise<void>;
}

export class HttpFailure extends Error {
  override readonly name = "HttpFailure";
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const retryable = (status: number) => status === 429 || status >= 500;

export async function fetchWithRetry(url: string, init: RequestInit, opts: RetryOptions, label: string): Promise<Response> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let retryAfterMs: number | null = null;
    try {
      const res = await opts.fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) });
      if (!retryable(res.status) || attempt >= opts.attempts) return res;
      reason = `HTTP ${res.status}`;
      const ra = Number(res.headers.get("retry-after"));
      if (Number.isFinite(ra) && ra > 0) retryAfterMs = Math.min(ra * 1000, 60_000);
      await res.body?.cancel();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      reason = e.name === "TimeoutError" ? "timed out" : (e.cause?.code ?? e.message);
      if (attempt >= opts.attempts) throw new HttpFailure(`${label}: ${reason} (after ${attempt} attempts)`, null);
    }
    const backoff = Math.min(opts.baseDelayMs * 2 ** (attempt - 1), 30_000);
    const delayMs = retryAfterMs ?? Math.round(backoff * (0.75 + Math.random() * 0.5));
    opts.onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs);
  }
}
