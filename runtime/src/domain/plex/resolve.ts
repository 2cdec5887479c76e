/**
 * The resolution chain of product.md §5.1: which movie or show (TMDB id) a Plex item is about.
 * Pure: every lookup is a function passed in, so the order and the stop-at-first-hit rule are
 * unit-tested without I/O.
 *
 *   1. the movie's/show's own TMDB id (`Guid[]` or legacy agent guid); for movies an IMDb id
 *      converted by TMDB `/find` counts here too
 *   2. the show's TVDB id → TMDB via `/find` (or the cached mapping when it names the same TVDB id)
 *   3. the persistent Plex GUID cache
 *   4. season/episode ids → show: TMDB `/find` (`episode_show_ids`), then TheTVDB
 *      `/episodes/{id}` → series id → `/find`
 *   5. title fallback: exactly one pending request with the same normalised title (and year when
 *      both are known)
 */
import type { FindResult } from "../../ports/catalogue.js";
import type { GuidMapping, MediaType } from "../../ports/store/index.js";
import { sameGuidMapping } from "../titles/key.js";
import type { PlexItem } from "./metadata.js";
import { normaliseTitle } from "./title.js";

export type MatchedBy = "tmdb" | "tvdb" | "plex_guid" | "episode_lookup" | "title";

export interface PendingTitle {
  tmdb_id: number;
  tvdb_id: number | null;
  title: string | null;
  year: number | null;
}

export interface ResolveLookups {
  find(externalId: string, source: "tvdb_id" | "imdb_id"): Promise<FindResult>;
  /** The GUID cache (only called when the item has a show-level guid). */
  getGuid(guid: string): Promise<GuidMapping | null>;
  /** TheTVDB episode → series id; absent when `TVDB_API_KEY` is unset. */
  episodeSeriesId?: (episodeId: number) => Promise<number | null>;
  /** Pending requests of a type, for the title fallback. */
  pendingRequests(mediaType: MediaType): Promise<PendingTitle[]>;
  /** An upstream lookup failed; the chain goes on with the next step. */
  onLookupError?: (step: string, err: unknown) => void;
}

export interface Resolution {
  /** The resolved movie/show, or null. */
  mapping: GuidMapping | null;
  matchedBy: MatchedBy | null;
  /** What the GUID cache held for the item's show guid (null when absent or not read). */
  cached: GuidMapping | null;
}

export async function resolvePlexItem(item: PlexItem, lookups: ResolveLookups): Promise<Resolution> {
  const { mediaType } = item;
  // The cache is read up front: step 2 can use it to skip a TMDB call, and the caller needs it to
  // decide whether the mapping must be (re)written.
  const cachedRaw = item.showGuid ? await lookups.getGuid(item.showGuid) : null;
  const cached = cachedRaw && cachedRaw.media_type === mediaType ? cachedRaw : null;
  const done = (tmdb: number, tvdb: number | null, matchedBy: MatchedBy): Resolution => ({
    mapping: { media_type: mediaType, tmdb_id: tmdb, tvdb_id: mediaType === "tv" ? tvdb : null },
    matchedBy,
    cached: cachedRaw,
  });
  const safely = async <T>(step: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (err) {
      lookups.onLookupError?.(step, err);
      return null;
    }
  };

  // 1. own TMDB id
  if (item.ids.tmdb !== null) {
    const tvdb = item.ids.tvdb ?? (cached?.tmdb_id === item.ids.tmdb ? cached.tvdb_id : null);
    return done(item.ids.tmdb, tvdb, "tmdb");
  }
  if (mediaType === "movie" && item.ids.imdb !== null) {
    const found = await safely("find_imdb", () => lookups.find(item.ids.imdb!, "imdb_id"));
    const tmdb = found?.movie_ids[0];
    if (tmdb !== undefined) return done(tmdb, null, "tmdb");
  }

  // 2. show TVDB id
  if (mediaType === "tv" && item.ids.tvdb !== null) {
    const tvdb = item.ids.tvdb;
    if (cached?.tvdb_id === tvdb) return done(cached.tmdb_id, tvdb, "tvdb");
    const found = await safely("find_tvdb", () => lookups.find(String(tvdb), "tvdb_id"));
    const tmdb = found?.tv_ids[0];
    if (tmdb !== undefined) return done(tmdb, tvdb, "tvdb");
  }

  // 3. GUID cache
  if (cached) return done(cached.tmdb_id, cached.tvdb_id, "plex_guid");

  // 4. season/episode ids → show
  if (item.plexType === "episode" || item.plexType === "season") {
    const child = item.childIds;
    if (child.tvdb !== null) {
      const found = await safely("find_episode_tvdb", () => lookups.find(String(child.tvdb), "tvdb_id"));
      const tmdb = found?.episode_show_ids[0];
      if (tmdb !== undefined) return done(tmdb, null, "episode_lookup");
      if (item.plexType === "episode" && lookups.episodeSeriesId) {
        const seriesId = await safely("tvdb_episode", () => lookups.episodeSeriesId!(child.tvdb!));
        if (seriesId !== null) {
          const series = await safely("find_series_tvdb", () => lookups.find(String(seriesId), "tvdb_id"));
          const showTmdb = series?.tv_ids[0];
          if (showTmdb !== undefined) return done(showTmdb, seriesId, "episode_lookup");
        }
      }
    }
    if (child.imdb !== null) {
      const found = await safely("find_episode_imdb", () => lookups.find(child.imdb!, "imdb_id"));
      const tmdb = found?.episode_show_ids[0];
      if (tmdb !== undefined) return done(tmdb, null, "episode_lookup");
    }
  }

  // 5. title fallback
  if (item.title !== null) {
    const wanted = normaliseTitle(item.title);
    if (wanted !== "") {
      const pending = await lookups.pendingRequests(mediaType);
      const hits = pending.filter(
        (r) => r.title !== null && normaliseTitle(r.title) === wanted && (item.year === null || r.year === null || r.year === item.year),
      );
      if (hits.length === 1) return done(hits[0]!.tmdb_id, hits[0]!.tvdb_id, "title");
    }
  }

  return { mapping: null, matchedBy: null, cached: cachedRaw };
}

/** The mapping to write to the GUID cache, or null when the cache already says the same. */
export function guidCacheUpdate(resolution: Resolution): GuidMapping | null {
  const { mapping, cached } = resolution;
  if (mapping === null || sameGuidMapping(cached, mapping)) return null;
  return mapping;
}
