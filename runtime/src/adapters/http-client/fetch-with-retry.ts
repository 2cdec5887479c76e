/**
 * HTTP with a per-attempt deadline, retries and exponential backoff, for the library-sync clients
 * (Plex, Jellyfin/Emby, Stellarr). Network errors, timeouts, 429 and 5xx are retried (every call the CLI
 * makes is idempotent: GETs, library upserts, staging batches, commits); other statuses are handed
 * to the caller at once.
 *
 * `requestWithRetry` also reads the body inside the attempt, under the same deadline: a server that
 * sends its headers and then stalls, or drops the connection halfway through a large page, is
 * retried like one that never answered.
 *
 * Attempts and waits end before the current deadline (`lib/deadline.ts`; the CLIs run without one,
 * so only their own limits apply): no retry starts whose wait would not leave time for an attempt.
 */
import { currentDeadline } from "../../lib/deadline.js";

export interface RetryOptions {
  attempts: number;
  /** First delay; doubled per attempt, ±25 % jitter, capped at 30 s (or Retry-After when given). */
  baseDelayMs: number;
  /** Deadline of one attempt: connecting, the headers and (with `requestWithRetry`) the body. */
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  /** Called before each retry (for a log line). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** A definitive failure: thrown by the helpers here, and by `read` callbacks to stop the retries. */
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
/** A retry is worth its wait only when this much is left of the deadline after it. */
const MIN_ATTEMPT_MS = 250;

/**
 * One request, retried; `read` turns the response into the result within the attempt's deadline.
 * A `read` that throws `HttpFailure` ends the request with that error (a 401, a wrong shape); any
 * other throw (a reset or a timeout while reading the body) counts as a failed attempt.
 */
export async function requestWithRetry<T>(
  url: string,
  init: RequestInit,
  opts: RetryOptions,
  label: string,
  read: (res: Response) => Promise<T>,
): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = currentDeadline();
  for (let attempt = 1; ; attempt++) {
    const backoff = Math.min(opts.baseDelayMs * 2 ** (attempt - 1), 30_000);
    let delayMs = Math.round(backoff * (0.75 + Math.random() * 0.5));
    // The last attempt: the retries are used up, or the wait for another would not leave it time.
    const last = () => attempt >= opts.attempts || !deadline.fits(delayMs + MIN_ATTEMPT_MS);
    if (deadline.remaining() === 0) throw new HttpFailure(`${label}: the deadline passed before attempt ${attempt}`, null);
    let reason: string;
    try {
      const res = await opts.fetch(url, { ...init, signal: deadline.signalFor(opts.timeoutMs) });
      const ra = Number(res.headers.get("retry-after"));
      if (Number.isFinite(ra) && ra > 0) delayMs = Math.min(ra * 1000, 60_000);
      if (!retryable(res.status) || last()) return await read(res);
      reason = `HTTP ${res.status}`;
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      if (err instanceof HttpFailure) throw err;
      reason = failureReason(err);
      if (last()) throw new HttpFailure(`${label}: ${reason} (after ${attempt} attempts)`, null);
    }
    opts.onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs);
  }
}

/** The response itself once it is not retryable (or the retries are used up); the caller reads the body. */
export function fetchWithRetry(url: string, init: RequestInit, opts: RetryOptions, label: string): Promise<Response> {
  return requestWithRetry(url, init, opts, label, async (res) => res);
}

/** "timed out", a socket error code (`ECONNREFUSED`, `UND_ERR_SOCKET`), or the error's message. */
function failureReason(err: unknown): string {
  const e = err as Error & { cause?: { code?: string } };
  if (e?.name === "TimeoutError") return "timed out";
  return e?.cause?.code ?? (e instanceof Error ? e.message : String(err));
}
