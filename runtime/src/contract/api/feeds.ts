/**
 * `GET /api/feeds` (the feed URLs a user pastes into Radarr and Sonarr, and the Clean Library
 * warning) and the list bodies of `GET /list/*` (product.md §6): what the server parses. The answers'
 * schemas are in `feeds.responses.ts`, which a cold start does not load (their types are re-exported
 * here).
 */
import * as z from "zod/mini";

export type { Feed, FeedsResponse, InstanceFeed, RadarrListItem, SonarrItem, StevenLuItem } from "./feeds.responses.js";

/** `GET /list/*` query (besides `token`, which the feed-token rule checks first). */
export const FeedListQuery = z.looseObject({
  status: z.optional(z.enum(["pending", "all"], "status must be pending or all")),
});
