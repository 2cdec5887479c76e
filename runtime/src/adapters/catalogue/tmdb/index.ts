/**
 * The TMDB v3 catalogue (`TMDB_API_KEY` set). Details are cached in memory with a TTL (search
 * pages ask for every show's season count, request creation asks again), identical concurrent
 * calls share one upstream request, and every upstream failure is an `UpstreamError` (502/504).
 */
import type {
  Catalogue,
  CatalogueItem,
  FindResult,
  SearchPage,
  SearchQuery,
  TitleDetails,
  TrendingType,
} from "../../../ports/catalogue.js";
import { catalogueTimedOut, UpstreamError } from "../../../ports/catalogue.js";
import { systemClock } from "../../../lib/clock.js";
import { createSingleFlight } from "../../../lib/single-flight.js";
import { createTtlCache } from "../../../lib/ttl-cache.js";
import type { Clock } from "../../../ports/clock.js";
import type { Logger } from "../../../ports/logger.js";
import type { MediaType } from "../../../ports/store/index.js";
import { normaliseDetails, normaliseFind, normaliseItems, pageNumbers } from "../../../domain/catalogue/normalise.js";
import { createTmdbHttp, NOT_FOUND, type TmdbHttpOptions } from "./http.js";

export interface TmdbCatalogueOptions extends Omit<TmdbHttpOptions, "logger" | "apiKey" | "baseUrl"> {
  apiKey: string;
  baseUrl: string;
  logger: Logger;
  /** Details cache lifetime. Default 6 h (titles, ids and season counts change rarely). */
  detailsTtlMs?: number;
  /** Unknown ids (404) are remembered this long. Default 10 min. */
  notFoundTtlMs?: number;
  /** Default 5000 entries. */
  detailsCacheSize?: number;
  clock?: Clock;
}

const DEFAULT_LANGUAGE = "en-US";
const MAX_SEARCH_PAGE = 500;

export function createTmdbCatalogue(opts: TmdbCatalogueOptions): Catalogue & { readonly cacheSize: number } {
  const http = createTmdbHttp(opts);
  const clock = opts.clock ?? systemClock;
  const cache = createTtlCache<TitleDetails | null>({
    ttlMs: opts.detailsTtlMs ?? 6 * 3600_000,
    maxEntries: opts.detailsCacheSize ?? 5000,
    now: () => clock.now(),
  });
  const notFoundTtl = opts.notFoundTtlMs ?? 10 * 60_000;
  // The HTTP layer already single-flights identical GETs; this one also covers the cache fill.
  const detailsFlight = createSingleFlight({ timeoutError: catalogueTimedOut });

  async function search(q: SearchQuery): Promise<SearchPage> {
    const path = q.media_type === "movie" ? "/search/movie" : q.media_type === "tv" ? "/search/tv" : "/search/multi";
    const raw = await http.get(path, { query: q.query, page: q.page, include_adult: false, language: q.language || DEFAULT_LANGUAGE });
    if (raw === NOT_FOUND) throw new UpstreamError("error", "TMDB search endpoint not found");
    const paging = pageNumbers(raw, q.page);
    // TMDB serves at most 500 pages of any search; never advertise pages the API would refuse.
    return { ...paging, total_pages: Math.min(paging.total_pages, MAX_SEARCH_PAGE), results: normaliseItems(resultsOf(raw), q.media_type) };
  }

  function details(mediaType: MediaType, id: number, language = DEFAULT_LANGUAGE): Promise<TitleDetails | null> {
    const key = `${mediaType}:${id}:${language}`;
    const hit = cache.get(key);
    if (hit) return Promise.resolve(hit.value);
    return detailsFlight(key, async () => {
      const raw = await http.get(`/${mediaType}/${id}`, { append_to_response: "external_ids", language });
      if (raw === NOT_FOUND) {
        cache.set(key, null, notFoundTtl);
        return null;
      }
      const d = normaliseDetails(raw, mediaType);
      if (!d) throw new UpstreamError("error", "TMDB sent malformed details");
      cache.set(key, d);
      return d;
    });
  }

  async function find(externalId: string, source: "tvdb_id" | "imdb_id"): Promise<FindResult> {
    const raw = await http.get(`/find/${encodeURIComponent(externalId)}`, { external_source: source });
    if (raw === NOT_FOUND) return { movie_ids: [], tv_ids: [], episode_show_ids: [] };
    return normaliseFind(raw);
  }

  async function trending(type: TrendingType, page: number, language: string): Promise<CatalogueItem[]> {
    const raw = await http.get(`/trending/${type}/week`, { page, language: language || DEFAULT_LANGUAGE });
    if (raw === NOT_FOUND) return [];
    return normaliseItems(resultsOf(raw), type === "all" ? undefined : type);
  }

  return {
    kind: "tmdb",
    search,
    details,
    find,
    trending,
    get cacheSize() {
      return cache.size;
    },
  };
}

const resultsOf = (raw: unknown): unknown => (typeof raw === "object" && raw !== null ? (raw as { results?: unknown }).results : undefined);
