/**
 * `GET /api/feeds` (the feed URLs a user pastes into Radarr and Sonarr, and the Clean Library
 * warning) and the list bodies of `GET /list/*` (product.md §6).
 */
import * as z from "zod/mini";

export const Feed = z.object({
  name: z.string(),
  description: z.string(),
  url: z.string(),
  format: z.literal("json"),
  setup: z.string(),
});
export type Feed = z.output<typeof Feed>;

export const FeedsResponse = z.object({
  token_required: z.boolean(),
  feeds: z.object({ radarr: Feed, radarr_tmdb: Feed, sonarr: Feed }),
  warning: z.string(),
});
export type FeedsResponse = z.output<typeof FeedsResponse>;

/** `GET /list/*` query (besides `token`, which the feed-token rule checks first). */
export const FeedListQuery = z.looseObject({
  status: z.optional(z.enum(["pending", "all"], "status must be pending or all")),
});

/** Radarr "StevenLu Custom": `title` + `imdb_id` (Radarr maps by IMDb id, else searches the title). */
export const StevenLuItem = z.object({
  title: z.string(),
  imdb_id: z.optional(z.string()),
  poster_url: z.optional(z.string()),
});
export type StevenLuItem = z.output<typeof StevenLuItem>;

/** Radarr "Custom Lists": only `id` (TMDB movie id) is used. */
export const RadarrListItem = z.object({ id: z.int(), title: z.string() });
export type RadarrListItem = z.output<typeof RadarrListItem>;

/** Sonarr "Custom List": `tvdbId` + `title` (v4); Sonarr's next version also reads `tmdbId`/`imdbId`. */
export const SonarrItem = z.object({
  tvdbId: z.optional(z.int()),
  tmdbId: z.optional(z.int()),
  imdbId: z.optional(z.string()),
  title: z.string(),
});
export type SonarrItem = z.output<typeof SonarrItem>;
