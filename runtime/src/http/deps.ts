/** Everything the app needs, built once per process by a wiring module and passed in (no module singletons). */
import type { PublicOrigin } from "../app/notify/public-origin.js";
import type { Config } from "../config/types.js";
import type { AssetServer } from "../ports/assets.js";
import type { Catalogue } from "../ports/catalogue.js";
import type { ChannelTester } from "../ports/channel-tester.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { SeriesLookup } from "../ports/lookup.js";
import type { Notifier } from "../ports/notifier.js";
import type { PushEndpointGuard } from "../ports/push-endpoint-guard.js";
import type { Store } from "../ports/store/index.js";

export type { AssetServer };

export interface AppDeps {
  config: Config;
  store: Store;
  catalogue: Catalogue;
  notifier: Notifier;
  lookup: SeriesLookup | null;
  clock: Clock;
  logger: Logger;
  /** The SSRF guard of push endpoints (the wiring loads the DNS-based adapter on first use). */
  pushEndpointGuard: PushEndpointGuard;
  assets?: AssetServer;
  /**
   * `POST /api/channels/{id}/test` (in process, or through the AWS notifier function) and the origin of
   * channel links; absent (AWS without a notifier function) → 501 on test.
   */
  channels?: { test: ChannelTester; origin: PublicOrigin };
}
