/**
 * GET /api/feeds (session) and the *arr import lists GET /list/radarr, /list/radarr/tmdb,
 * /list/sonarr (feed token, product.md §6). Lists are pending requests by default, newest first;
 * `?status=all` keeps fulfilled ones (safe with Clean Library). Every 4xx here uses the body shape
 * Radarr displays (`errors: [{id, status, title, detail}]`).
 */
import { feedRequests } from "../../app/feeds/feed-requests.js";
import { FeedListQuery, type FeedsResponse } from "../../contract/api/feeds.js";
import { FEED_PATHS } from "../../contract/urls.js";
import { safeEqual } from "../../domain/auth/constant-time.js";
import { describeFeeds } from "../../domain/feeds/describe.js";
import { feedErrorBody, renderRadarrStevenLu, renderRadarrTmdb, renderSonarr } from "../../domain/feeds/render.js";
import type { MediaType } from "../../ports/store/index.js";
import type { StoredRequest } from "../../ports/store/requests.js";
import { HttpError } from "../errors.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { queryObject } from "../validate.js";

const FEED_HEADERS = { "cache-control": "max-age=300" };

function feedError(status: number, code: string, detail: string): HttpError {
  const { errors } = feedErrorBody(status, code, detail);
  return new HttpError(status, code, detail, { body: { errors } });
}

export const registerFeedRoutes: RouteModule = (router, deps, state) => {
  const { config, store } = deps;

  function checkFeedToken(url: URL): void {
    if (config.feedToken === null) return; // FEED_TOKEN unset: public feeds (documented)
    const given = url.searchParams.get("token");
    if (given === null || given === "")
      throw feedError(401, "unauthorized", "Feed token required: add ?token=<FEED_TOKEN> to the list URL");
    if (!safeEqual(given, config.feedToken)) throw feedError(401, "invalid_token", "Invalid feed token");
  }

  async function listed(request: AppRequest, mediaType: MediaType): Promise<StoredRequest[]> {
    const url = new URL(request.url);
    checkFeedToken(url);
    const query = FeedListQuery.safeParse(queryObject(url));
    if (!query.success) throw feedError(422, "validation_failed", query.error.issues[0]?.message ?? "Invalid query");
    return feedRequests(mediaType, query.data.status ?? "pending", store);
  }

  router
    .get("/api/feeds", (request: AppRequest) => {
      state.requireSession(request);
      return json(describeFeeds(request.ctx.origin, config.feedToken) satisfies FeedsResponse, 200, { "cache-control": "no-store" });
    })
    .get(FEED_PATHS.radarr, async (request: AppRequest) => json(renderRadarrStevenLu(await listed(request, "movie")), 200, FEED_HEADERS))
    .get(FEED_PATHS.radarr_tmdb, async (request: AppRequest) => json(renderRadarrTmdb(await listed(request, "movie")), 200, FEED_HEADERS))
    .get(FEED_PATHS.sonarr, async (request: AppRequest) => json(renderSonarr(await listed(request, "tv")), 200, FEED_HEADERS));
};
