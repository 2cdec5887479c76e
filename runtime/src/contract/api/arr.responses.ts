/**
 * The bodies the Radarr and Sonarr "instance" source API answers (product.md §6.1,
 * docs/arr-instance.md). The server never parses them: only the OpenAPI description and tests build
 * them. They live apart from the request schemas so a cold start does not construct them at load.
 */
import * as z from "zod/mini";

/** `GET …/api/v3/qualityprofile` and Sonarr's `languageprofile`: the lists read `id` and `name`. */
export const ArrProfileResource = z.object({ id: z.int(), name: z.string() });
/** `GET …/api/v3/tag`: `anime` and one `requested-by-<name>` per requester, ids that never shift. */
export const ArrTag = z.object({ id: z.int(), label: z.string() });
/** `GET …/api/v3/rootfolder`: the lists' root-folder filter matches a path. */
export const ArrRootFolder = z.object({ id: z.int(), path: z.string() });

/** Radarr's `MediaCover`: `coverType` is an enum there, so only "poster" is sent; the TMDB poster URL. */
export const ArrImage = z.object({ coverType: z.literal("poster"), remoteUrl: z.string() });

const listed = {
  title: z.string(),
  sortTitle: z.string(),
  year: z.optional(z.int()),
  overview: z.optional(z.string()),
  images: z.array(ArrImage),
  monitored: z.literal(true),
  /** 1 Default, 2 4K (the request's `profile`). */
  qualityProfileId: z.int(),
  /** `anime` (1) and the requester's tag. */
  tags: z.array(z.int()),
};

/** A pending movie request as Radarr's "Radarr" list reads it. */
export const RadarrMovie = z.object({
  tmdbId: z.int(),
  ...listed,
  /** `<root>/<Title (Year)>`: Radarr's root-folder filter matches a root path inside it. */
  path: z.string(),
  /** Radarr's own API uses the TMDB id as the slug. */
  titleSlug: z.string(),
});

/** A season of a series: `monitored` exactly for the requested ones (Sync Season Monitoring). */
export const SonarrSeason = z.object({ seasonNumber: z.int(), monitored: z.boolean() });

/**
 * A pending show request (one with a TVDB id) as Sonarr's "Sonarr" list reads it. `seasons` lists
 * every season TMDB knows; empty for an all-seasons request whose TMDB season list is not known yet.
 */
export const SonarrSeries = z.object({
  tvdbId: z.int(),
  ...listed,
  /** The root folder: Sonarr's root-folder filter matches it. */
  rootFolderPath: z.string(),
  languageProfileId: z.int(),
  seasons: z.array(SonarrSeason),
});
