/**
 * Stellarr as a Radarr / Sonarr *instance* for their "Radarr" and "Sonarr" import lists
 * (product.md §6, docs/arr-instance.md): the few `GET …/api/v3/*` calls those lists make.
 *
 * - Auth: the *arr sends its list's API Key as `X-Api-Key` (`?apikey=` also accepted); it must be
 *   `FEED_TOKEN` (constant-time). Without `FEED_TOKEN` these endpoints are public like the feeds
 *   and any key passes. A missing or wrong key is a JSON 401, which the *arr reports as an invalid key.
 * - Never a redirect: release builds follow it and resend the key, and report it as a wrong URL base.
 * - Trailing slashes and `excludeLocalCovers` (Radarr sends `True`) are accepted; `status` is
 *   `pending` (default) or `all` as for the feeds, anything else 422.
 */
import { radarrMovies, requesterTags, sonarrSeries } from "../../app/arr/instance-lists.js";
import type { FeedStatus } from "../../app/feeds/feed-requests.js";
import { ArrListQuery } from "../../contract/api/arr.js";
import { ARR_PATHS } from "../../contract/urls.js";
import { LANGUAGE_PROFILES, QUALITY_PROFILES } from "../../domain/arr/profiles.js";
import { RADARR_ROOT_FOLDERS, SONARR_ROOT_FOLDERS } from "../../domain/arr/root-folders.js";
import { safeEqual } from "../../domain/auth/constant-time.js";
import { json } from "../../lib/json-response.js";
import { stringifyArray } from "../../lib/json-chunks.js";
import { cachedRead } from "../cached-read.js";
import { HttpError } from "../errors.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith, queryObject } from "../validate.js";

/** The *arrs poll every 5–15 minutes and must see a request at once: never cached on the way. */
const ARR_HEADERS = { "cache-control": "no-store" };

export const registerArrRoutes: RouteModule = (router, deps, state) => {
  const { config, store } = deps;

  function checkApiKey(request: AppRequest, url: URL): void {
    if (config.feedToken === null) return; // FEED_TOKEN unset: public, like the feeds (documented)
    const given = request.headers.get("x-api-key") ?? url.searchParams.get("apikey");
    if (given === null || given === "") throw new HttpError(401, "unauthorized", "API key required: set the list's API Key to FEED_TOKEN");
    if (!safeEqual(given, config.feedToken)) throw new HttpError(401, "invalid_api_key", "Invalid API key");
  }

  const status = (url: URL): FeedStatus => parseWith(ArrListQuery, queryObject(url)).status ?? "pending";

  /** One GET route behind the key check (the router's patterns also match a trailing slash). */
  const get = (path: string, body: (url: URL) => unknown) => {
    router.get(path, async (request: AppRequest) => {
      const url = new URL(request.url);
      checkApiKey(request, url);
      return json(await body(url), 200, ARR_HEADERS);
    });
  };

  /** A list of requests: multi-megabyte at 10,000 requests, so built once per change token (cached-read.ts) and served from memory until the next write. */
  const list = (path: string, name: string, items: (status: FeedStatus) => Promise<unknown[]>) => {
    router.get(path, async (request: AppRequest) => {
      const url = new URL(request.url);
      checkApiKey(request, url);
      const listed = status(url);
      return cachedRead(request, store, state.bodies, {
        shape: `arr-${name}-${listed}`,
        headers: ARR_HEADERS,
        build: async () => stringifyArray(await items(listed)),
      });
    });
  };

  const radarr = `${ARR_PATHS.radarr}/api/v3`;
  list(`${radarr}/movie`, "movie", (listed) => radarrMovies(listed, store));
  get(`${radarr}/qualityprofile`, () => QUALITY_PROFILES);
  get(`${radarr}/tag`, () => requesterTags(store));
  get(`${radarr}/rootfolder`, () => RADARR_ROOT_FOLDERS);

  const sonarr = `${ARR_PATHS.sonarr}/api/v3`;
  list(`${sonarr}/series`, "series", (listed) => sonarrSeries(listed, store));
  get(`${sonarr}/qualityprofile`, () => QUALITY_PROFILES);
  get(`${sonarr}/languageprofile`, () => LANGUAGE_PROFILES);
  get(`${sonarr}/tag`, () => requesterTags(store));
  get(`${sonarr}/rootfolder`, () => SONARR_ROOT_FOLDERS);
};
