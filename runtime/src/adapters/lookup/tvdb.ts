/**
 * TheTVDB v4 client implementing `SeriesLookup` (episode id → series id, formats.md G2).
 *
 * `POST /login {apikey}` gives a bearer token valid for about a month; it is reused by every call,
 * refreshed after 25 days and on a 401 (revoked or expired early), and concurrent calls share one
 * login. Failures become `UpstreamError` whose messages never carry the key, the token or a URL.
 * Deliberately tiny and dependency-free: the Lambda bundle loads it lazily.
 */
import { currentDeadline, isTimeout } from "../../lib/deadline.js";
import { UpstreamError } from "../../ports/catalogue.js";
import type { SeriesLookup } from "../../ports/lookup.js";

export interface TvdbLookupOptions {
  apiKey: string;
  /** e.g. `https://api4.thetvdb.com/v4` (no trailing slash needed). */
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  /** Per-call timeout, shortened to what is left of the current deadline. */
  timeoutMs?: number;
  now?: () => number;
}

const TOKEN_LIFETIME_MS = 25 * 24 * 3600 * 1000;

export function createTvdbLookup(opts: TvdbLookupOptions): SeriesLookup {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? Date.now;
  let token: { value: string; expiresAt: number } | null = null;
  let loggingIn: Promise<string> | null = null;

  async function call(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(`${base}${path}`, { ...init, signal: currentDeadline().signalFor(timeoutMs) });
    } catch (err) {
      const timedOut = isTimeout(err);
      throw new UpstreamError(timedOut ? "timeout" : "error", timedOut ? "TheTVDB did not answer in time" : "TheTVDB is unreachable", {
        cause: err,
      });
    }
  }

  function login(): Promise<string> {
    loggingIn ??= (async () => {
      const res = await call("/login", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ apikey: opts.apiKey }),
      });
      if (!res.ok) throw failure(res, `TheTVDB login failed (${res.status})`);
      const body = (await res.json().catch(() => null)) as { data?: { token?: unknown } } | null;
      const value = body?.data?.token;
      if (typeof value !== "string" || value === "") throw new UpstreamError("error", "TheTVDB login returned no token");
      token = { value, expiresAt: now() + TOKEN_LIFETIME_MS };
      return value;
    })().finally(() => {
      loggingIn = null;
    });
    return loggingIn;
  }

  const currentToken = async (): Promise<string> => (token && token.expiresAt > now() ? token.value : login());

  return {
    async episodeSeriesId(episodeId) {
      if (!Number.isSafeInteger(episodeId) || episodeId <= 0) return null;
      for (let attempt = 0; ; attempt++) {
        const bearer = await currentToken();
        const res = await call(`/episodes/${episodeId}`, { headers: { authorization: `Bearer ${bearer}`, accept: "application/json" } });
        if (res.status === 401 && attempt === 0) {
          // Expired or revoked: forget it (unless another call already replaced it) and log in again once.
          await res.body?.cancel();
          if (token?.value === bearer) token = null;
          continue;
        }
        if (res.status === 404) {
          await res.body?.cancel();
          return null;
        }
        if (!res.ok) throw failure(res, `TheTVDB answered ${res.status}`);
        const body = (await res.json().catch(() => null)) as { data?: { seriesId?: unknown } } | null;
        const seriesId = body?.data?.seriesId;
        return typeof seriesId === "number" && Number.isSafeInteger(seriesId) && seriesId > 0 ? seriesId : null;
      }
    },
  };
}

function failure(res: Response, message: string): UpstreamError {
  void res.body?.cancel();
  const retryAfter = Number(res.headers.get("retry-after"));
  return new UpstreamError("error", message, Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {});
}
