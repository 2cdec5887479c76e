/**
 * The answer of `GET /api/feeds` and the list bodies of `GET /list/*` (product.md §6). The server
 * never parses them: run-time code uses their types (re-exported by `feeds.ts`); only the OpenAPI
 * description and tests build them. They live apart from the request schemas so a cold start does
 * not construct them at load.
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

/**
 * An *arr "instance" list (Radarr's "Radarr", Sonarr's "Sonarr"): `url` is the list's Full URL
 * (no token in it), `api_key` the value for its API Key field (`FEED_TOKEN`, or any text when the
 * feeds are public).
 */
export const InstanceFeed = z.extend(Feed, { api_key: z.string() });
export type InstanceFeed = z.output<typeof InstanceFeed>;

export const FeedsResponse = z.object({
  token_required: z.boolean(),
  /** In the order to show them: the instance lists first, then the feeds, the recommended Radarr one first. */
  feeds: z.object({
    radarr_instance: InstanceFeed,
    sonarr_instance: InstanceFeed,
    radarr_tmdb: Feed,
    radarr: Feed,
    sonarr: Feed,
  }),
  warning: z.string(),
});
export type FeedsResponse = z.output<typeof FeedsResponse>;

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
