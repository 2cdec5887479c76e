/** Upstream services for the Node entry: TMDB or the demo catalogue, web push when VAPID keys exist, TheTVDB when keyed. */
import type { Config } from "../config/types.js";
import { lazyCatalogue } from "../adapters/catalogue/lazy.js";
import { createTmdbCatalogue } from "../adapters/catalogue/tmdb/index.js";
import { createWebPushNotifier } from "../adapters/notify/web-push.js";
import type { Catalogue } from "../ports/catalogue.js";
import type { SeriesLookup } from "../ports/lookup.js";
import type { Logger } from "../ports/logger.js";
import { silentNotifier, type Notifier } from "../ports/notifier.js";
import type { Store } from "../ports/store.js";

export async function buildServices(
  config: Config,
  store: Store,
  logger: Logger,
): Promise<{ catalogue: Catalogue; notifier: Notifier; lookup: SeriesLookup | null }> {
  const catalogue =
    config.tmdbApiKey !== null
      ? createTmdbCatalogue({ apiKey: config.tmdbApiKey, baseUrl: config.tmdbBaseUrl, logger })
      : lazyCatalogue("demo", async () => (await import("../adapters/catalogue/demo/index.js")).createDemoCatalogue());
  const notifier = config.vapid !== null ? createWebPushNotifier({ store, config, logger }) : silentNotifier;
  let lookup: SeriesLookup | null = null;
  if (config.tvdbApiKey !== null) {
    // Loaded lazily so bundles keep TheTVDB in its own chunk.
    const { createTvdbLookup } = await import("../adapters/lookup/tvdb.js");
    lookup = createTvdbLookup({ apiKey: config.tvdbApiKey, baseUrl: config.tvdbBaseUrl });
  }
  return { catalogue, notifier, lookup };
}
