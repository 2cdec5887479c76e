/**
 * The TMDB v3 transport: `api_key` query auth, a timeout per attempt, bounded concurrency,
 * bounded retries of 429 honouring `Retry-After`, single-flight for identical GETs.
 *
 * Keep-alive: Node's global `fetch` (undici) pools connections per origin and keeps them alive,
 * so one client per process reuses its sockets (verified by a test that counts the fake's TCP
 * connections). Every response body is consumed or cancelled, otherwise its socket is not reused.
 *
 * Every attempt — and every wait for a concurrency slot — ends before the current deadline
 * (`lib/deadline.ts`), and a 429's `Retry-After` is waited for only when the wait and another
 * attempt fit before it; otherwise the caller fails fast with 502 and that `Retry-After` (a timeout
 * at the deadline is a 504).
 *
 * Errors never carry the URL or the key: `UpstreamError` messages are fixed strings plus a status.
 */
import { catalogueTimedOut, UpstreamError } from "../../../ports/catalogue.js";
import type { Logger } from "../../../ports/logger.js";
import { currentDeadline, isTimeout } from "../../../lib/deadline.js";
import { createLimiter } from "../../../lib/limiter.js";
import { createSingleFlight } from "../../../lib/single-flight.js";

export interface TmdbHttpOptions {
  apiKey: string;
  baseUrl: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** Per attempt. Default 8000 ms. */
  timeoutMs?: number;
  /** Requests in flight to TMDB at once (Overseerr settled on 20). Default 16. */
  maxConcurrency?: number;
  /** Retries after a 429. Default 2. */
  maxRetries?: number;
  /** A `Retry-After` longer than this — or than what is left of the deadline — is not waited for (the caller gets a 502 with Retry-After). Default 10 s. */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type TmdbParams = Record<string, string | number | boolean | undefined>;

/** A retry after a 429 is worth its wait only when this much is left after it. */
export const MIN_ATTEMPT_MS = 250;

/** 404 from TMDB: the resource does not exist. */
export const NOT_FOUND = Symbol("tmdb-not-found");

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createTmdbHttp(opts: TmdbHttpOptions) {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 8000;
  const maxRetries = opts.maxRetries ?? 2;
  const maxRetryAfter = opts.maxRetryAfterSeconds ?? 10;
  const sleep = opts.sleep ?? defaultSleep;
  const limiter = createLimiter(opts.maxConcurrency ?? 16);
  // A joiner waits no longer than its own deadline (`lib/single-flight.ts`).
  const singleFlight = createSingleFlight({ timeoutError: catalogueTimedOut });

  /** `path` starts with "/"; params are sorted so identical calls share a flight. */
  function get(path: string, params: TmdbParams = {}): Promise<unknown> {
    const query = new URLSearchParams();
    for (const k of Object.keys(params).sort()) {
      const v = params[k];
      if (v !== undefined) query.set(k, String(v));
    }
    const keyless = `${path}?${query}`;
    return singleFlight(keyless, () => {
      const deadline = currentDeadline();
      // A wait for a slot ends at the deadline too: a queued call never starts after its caller gave up.
      const queued = Number.isFinite(deadline.at) ? deadline.signal : undefined;
      return limiter
        .run(() => attempt(path, query, 0), queued)
        .catch((err: unknown) => {
          throw err instanceof UpstreamError || !isTimeout(err) ? err : catalogueTimedOut();
        });
    });
  }

  async function attempt(path: string, query: URLSearchParams, retry: number): Promise<unknown> {
    const q = new URLSearchParams(query);
    q.set("api_key", opts.apiKey);
    const url = `${base}${path}?${q}`;
    const deadline = currentDeadline();
    if (deadline.remaining() === 0) throw new UpstreamError("timeout", "TMDB was not asked: the request's deadline passed");
    let res: Response;
    try {
      res = await doFetch(url, { headers: { accept: "application/json" }, signal: deadline.signalFor(timeoutMs) });
    } catch (err) {
      if (isTimeout(err)) throw new UpstreamError("timeout", "TMDB did not answer in time");
      // undici puts the socket error in `cause` (ECONNREFUSED, ENOTFOUND…): keep only its code.
      const code = (err as { cause?: { code?: unknown } })?.cause?.code;
      throw new UpstreamError("error", `TMDB request failed${typeof code === "string" ? ` (${code})` : ""}`);
    }

    if (res.status === 429) {
      await discard(res);
      const wait = retryAfterSeconds(res.headers.get("retry-after"));
      if (retry < maxRetries && wait <= maxRetryAfter && deadline.fits(wait * 1000 + MIN_ATTEMPT_MS)) {
        opts.logger.warn("tmdb rate limited, retrying", { path, retry_after: wait, retry: retry + 1 });
        await sleep(wait * 1000);
        return attempt(path, query, retry + 1);
      }
      throw new UpstreamError("error", "TMDB rate limit exceeded", { retryAfterSeconds: Math.max(1, Math.ceil(wait)) });
    }
    if (res.status === 404) {
      await discard(res);
      return NOT_FOUND;
    }
    if (!res.ok) {
      await discard(res);
      if (res.status === 401) throw new UpstreamError("error", "TMDB rejected the API key (401)");
      throw new UpstreamError("error", `TMDB answered ${res.status}`);
    }
    try {
      return await res.json();
    } catch (err) {
      if (isTimeout(err)) throw new UpstreamError("timeout", "TMDB did not answer in time");
      throw new UpstreamError("error", "TMDB sent an unreadable body");
    }
  }

  return { get, limiter };
}

async function discard(res: Response): Promise<void> {
  try {
    await res.arrayBuffer();
  } catch {
    /* the socket is dropped instead of reused; nothing else to do */
  }
}

/** `Retry-After` is delta-seconds or an HTTP date; missing or unparsable → 1 s. */
export function retryAfterSeconds(header: string | null, nowMs = Date.now()): number {
  if (!header) return 1;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1 : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
