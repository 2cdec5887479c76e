/** OpenAPI descriptions of `feeds.ts`. */
import * as z from "zod/mini";
import { FeedListQuery } from "../../contract/api/feeds.js";
import { FeedsResponse, RadarrListItem, SonarrItem, StevenLuItem } from "../../contract/api/feeds.responses.js";
import { FEED_PATHS } from "../../contract/urls.js";
import { CACHE_CONTROL, ETAG, NOT_MODIFIED, type RouteDoc } from "../openapi/describe.js";

const list = (path: string, summary: string, item: z.ZodMiniType): RouteDoc => ({
  method: "GET",
  path,
  tag: "lists",
  summary,
  description:
    "Pending requests by default, newest first; `?status=all` keeps fulfilled ones (safe with Clean Library). " +
    "Errors carry Radarr's `errors[]` shape, which Radarr and Sonarr display. " +
    "Conditional GET: the ETag follows the store's change token, so an unchanged list answers 304.",
  auth: "feed",
  listErrors: true,
  query: FeedListQuery,
  responses: {
    200: { description: "The list", schema: z.array(item), headers: { etag: ETAG, "cache-control": CACHE_CONTROL } },
    304: NOT_MODIFIED,
  },
});

export const feedRouteDocs: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/feeds",
    tag: "lists",
    summary: "The list URLs to paste into Radarr and Sonarr, and the Clean Library warning",
    auth: "session",
    store: false,
    responses: { 200: { description: "The feeds", schema: FeedsResponse, headers: { "cache-control": CACHE_CONTROL } } },
  },
  list(FEED_PATHS.radarr, "Movies for Radarr's StevenLu Custom list (title and IMDb id)", StevenLuItem),
  list(FEED_PATHS.radarr_tmdb, "Movies for Radarr's Custom Lists (TMDB ids)", RadarrListItem),
  list(FEED_PATHS.sonarr, "Shows for Sonarr's Custom List (TVDB ids)", SonarrItem),
];
