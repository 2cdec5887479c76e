/**
 * Adapters more than one deployment shape loads on first use, so cold starts that never need them
 * do not pay for them (each is its own chunk in the Lambda bundles).
 */
import type { Config } from "../config/types.js";
import type { SeriesLookup } from "../ports/lookup.js";
import type { PushEndpointGuard } from "../ports/push-endpoint-guard.js";

/** TheTVDB when keyed: a lazy chunk, so bundles and processes without a key never load it. */
export async function seriesLookupFor(config: Pick<Config, "tvdbApiKey" | "tvdbBaseUrl">): Promise<SeriesLookup | null> {
  if (config.tvdbApiKey === null) return null;
  const { createTvdbLookup } = await import("../adapters/lookup/tvdb.js");
  return createTvdbLookup({ apiKey: config.tvdbApiKey, baseUrl: config.tvdbBaseUrl });
}

/**
 * The push-endpoint SSRF guard, loaded on the first subscription: it brings node:dns and node:net,
 * ≈3 ms of every Lambda cold start that only a subscribing device needs.
 */
export function lazyPushEndpointGuard(allowPrivate: boolean): PushEndpointGuard {
  return {
    async check(endpoint) {
      const { checkPushEndpoint } = await import("../adapters/notify/endpoint-guard.js");
      return checkPushEndpoint(endpoint, { allowPrivate });
    },
  };
}
