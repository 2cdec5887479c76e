/** Everything the app needs, built once per process by an entry adapter and passed in (no module singletons). */
import type { Config } from "../config/types.js";
import type { Catalogue } from "../ports/catalogue.js";
import type { Clock } from "../ports/clock.js";
import type { SeriesLookup } from "../ports/lookup.js";
import type { Logger } from "../ports/logger.js";
import type { Notifier } from "../ports/notifier.js";
import type { Store } from "../ports/store/index.js";

/** Serves files the runtime hosts itself (embedded/Docker): the SPA and `DATA_DIR/trending/`. Absent on Lambda. */
export interface AssetServer {
  /** A Response for a GET/HEAD of a static path, or null when this server does not own the path. */
  serve(request: Request, url: URL): Promise<Response | null>;
}

export interface AppDeps {
  config: Config;
  store: Store;
  catalogue: Catalogue;
  notifier: Notifier;
  lookup: SeriesLookup | null;
  clock: Clock;
  logger: Logger;
  assets?: AssetServer;
}
