/**
 * Searching the catalogue (product.md §4 `POST /api/search`): one catalogue page, request/library
 * flags from ONE batched store read, and the season count and season numbers of every show from
 * cached catalogue details fetched with bounded concurrency.
 */
import type { SearchResponse } from "../../contract/api/search.js";
import { keysOf, mergeSearchPage } from "../../domain/catalogue/search-results.js";
import { showSeasons, UNKNOWN_SEASONS, type ShowSeasons } from "../../domain/catalogue/show-seasons.js";
import { errorMessage } from "../../lib/errors.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Catalogue, SearchQuery } from "../../ports/catalogue.js";
import type { Logger } from "../../ports/logger.js";
import type { TitleStatusStore } from "../../ports/store/title-status.js";

/** Details calls in flight per search page (cached after the first search). */
const SEASON_CONCURRENCY = 6;

export async function searchTitles(
  query: SearchQuery,
  deps: { store: TitleStatusStore; catalogue: Pick<Catalogue, "search" | "details">; logger: Logger },
): Promise<SearchResponse> {
  const { catalogue, store, logger } = deps;
  const page = await catalogue.search(query);
  const shows = page.results.filter((r) => r.media_type === "tv");

  const [status, seasonFacts] = await Promise.all([
    page.results.length > 0 ? store.titleStatus(keysOf(page.results)) : Promise.resolve(new Map()),
    mapLimit(shows, SEASON_CONCURRENCY, async (show): Promise<ShowSeasons> => {
      try {
        // Seasons do not depend on the language: share the cache entry request creation uses.
        return showSeasons(await catalogue.details("tv", show.id));
      } catch (err) {
        // Missing season facts must not fail the whole search.
        logger.debug("season count unavailable", { tmdb_id: show.id, error: errorMessage(err) });
        return UNKNOWN_SEASONS;
      }
    }),
  ]);
  const seasons = new Map(shows.map((s, i) => [s.id, seasonFacts[i] ?? UNKNOWN_SEASONS]));
  return mergeSearchPage(page, status, seasons);
}
