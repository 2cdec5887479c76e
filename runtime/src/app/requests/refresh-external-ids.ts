/**
 * Daily: pending requests that lack the external id their *arr feed needs (IMDb for movies, TVDB
 * for shows — new shows often have none yet) are looked up again, so they reach Radarr/Sonarr once
 * TMDB knows the id. Pending shows whose TMDB season list is unknown (requests stored before
 * per-season requests) or that ask for some seasons only are looked up too, and their season list
 * and `anime` flag refreshed, so the Sonarr series object lists every season TMDB has now.
 * Run daily by the embedded scheduler and by the AWS warmer Lambda.
 *
 * Never throws: a store or catalogue failure is logged and counted.
 */
import { isAnime } from "../../domain/arr/anime.js";
import { missingExternalIds, tmdbSeasonNumbers } from "../../domain/requests/shape.js";
import { describeError } from "../../lib/errors.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Catalogue } from "../../ports/catalogue.js";
import type { Logger } from "../../ports/logger.js";
import type { RequestStore, StoredRequest } from "../../ports/store/requests.js";

export interface RefreshExternalIdsResult {
  /** Pending requests looked up: lacking an id, or shows whose season list is unknown or partly requested. */
  checked: number;
  /** Requests that got at least one new id. */
  updated: number;
  /** Lookups that still found nothing (or titles TMDB no longer knows). */
  still_missing: number;
  /** Lookups or writes that failed. */
  failed: number;
  /** Set when the pending list itself could not be read. */
  error?: string;
}

export async function refreshExternalIds(deps: {
  store: Pick<RequestStore, "allRequests" | "setExternalIds" | "setArrFacts">;
  catalogue: Pick<Catalogue, "details">;
  logger: Logger;
  /** Catalogue calls in flight at once. Default 4 (a background job should not crowd out users). */
  concurrency?: number;
}): Promise<RefreshExternalIdsResult> {
  const { store, catalogue, logger } = deps;
  const result: RefreshExternalIdsResult = { checked: 0, updated: 0, still_missing: 0, failed: 0 };
  let pending: StoredRequest[];
  try {
    pending = await store.allRequests({ status: "pending" });
  } catch (err) {
    result.error = describeError(err);
    logger.error("external id refresh: cannot list pending requests", { error: result.error });
    return result;
  }
  const lacking = pending.filter((r) => missingExternalIds(r) || seasonsToRefresh(r));
  result.checked = lacking.length;

  await mapLimit(lacking, deps.concurrency ?? 4, async (r) => {
    const key = { media_type: r.media_type, tmdb_id: r.tmdb_id };
    try {
      const details = await catalogue.details(r.media_type, r.tmdb_id);
      const ids: { imdb_id?: string; tvdb_id?: number } = {};
      if (r.imdb_id === null && details?.imdb_id) ids.imdb_id = details.imdb_id;
      if (r.media_type === "tv" && r.tvdb_id === null && details?.tvdb_id) ids.tvdb_id = details.tvdb_id;
      if (Object.keys(ids).length > 0) {
        await store.setExternalIds(key, ids);
      }
      if (details && r.media_type === "tv") {
        const facts = { anime: isAnime(details), tmdb_seasons: tmdbSeasonNumbers(details) };
        if (facts.anime !== r.anime || !sameNumbers(facts.tmdb_seasons, r.tmdb_seasons)) await store.setArrFacts(key, facts);
      }
      const stillMissing = missingExternalIds({
        media_type: r.media_type,
        imdb_id: ids.imdb_id ?? r.imdb_id,
        tvdb_id: ids.tvdb_id ?? r.tvdb_id,
      });
      if (Object.keys(ids).length > 0) result.updated++;
      if (stillMissing) result.still_missing++;
    } catch (err) {
      result.failed++;
      logger.warn("external id refresh failed for a title", { ...key, error: describeError(err) });
    }
  });
  logger.info("external id refresh done", { ...result });
  return result;
}

/** A pending show whose series object depends on TMDB's season list: unknown yet, or only some seasons asked for. */
const seasonsToRefresh = (r: StoredRequest): boolean =>
  r.media_type === "tv" && (r.tmdb_seasons === null || (r.seasons !== null && (!r.seasons.all || r.seasons.seasons.length > 0)));

const sameNumbers = (a: readonly number[] | null, b: readonly number[] | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((n, i) => n === b[i]));
