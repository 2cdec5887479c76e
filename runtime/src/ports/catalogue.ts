/**
 * The catalogue port: TMDB v3 or the offline demo catalogue. Results are already normalised and
 * filtered to movies and shows (persons and collections never leave an adapter).
 */
import type { MediaType } from "./store/index.js";

export interface CatalogueItem {
  id: number;
  media_type: MediaType;
  /** "Unknown" when the upstream has no title. */
  title: string;
  year: number | null;
  overview: string | null;
  poster_path: string | null;
  vote_average: number | null;
}

export interface SearchQuery {
  query: string;
  media_type?: MediaType;
  page: number;
  language: string;
}

export interface SearchPage {
  page: number;
  total_pages: number;
  total_results: number;
  results: CatalogueItem[];
}

/** One entry of TMDB `/tv/{id}`'s `seasons`. */
export interface TmdbSeason {
  /** 0 is TMDB's "Specials". */
  season_number: number;
  episode_count: number | null;
}

export interface TitleDetails extends CatalogueItem {
  imdb_id: string | null;
  tvdb_id: number | null;
  /** Shows only; null for movies. */
  number_of_seasons: number | null;
  /** Shows only (null for movies): TMDB's `seasons`, ascending, specials (0) when TMDB lists them; [] when TMDB lists none. */
  seasons: TmdbSeason[] | null;
  /** TMDB genre ids (`genres[].id`), in TMDB's order; 16 is Animation. */
  genre_ids: number[];
  /** ISO 639-1, lower case (TMDB also uses "cn" for Cantonese, "xx" for none); null when absent. */
  original_language: string | null;
  /**
   * ISO 3166-1 alpha-2, upper case: TMDB's `origin_country` (shows; movies since 2024), or for a
   * movie without it, its `production_countries`.
   */
  origin_country: string[];
}

/** TMDB `/find/{id}?external_source=…` reduced to ids. */
export interface FindResult {
  movie_ids: number[];
  tv_ids: number[];
  /** `tv_episode_results[].show_id` and `tv_season_results[].show_id`. */
  episode_show_ids: number[];
}

export type TrendingType = "all" | "movie" | "tv";

export interface Catalogue {
  readonly kind: "tmdb" | "demo";
  search(query: SearchQuery): Promise<SearchPage>;
  /** Details with external ids; null when the id is unknown (TMDB 404). Cached in memory with a TTL. */
  details(mediaType: MediaType, id: number, language?: string): Promise<TitleDetails | null>;
  find(externalId: string, source: "tvdb_id" | "imdb_id"): Promise<FindResult>;
  /** One page of `/trending/{type}/week`, non-video types removed. */
  trending(type: TrendingType, page: number, language: string): Promise<CatalogueItem[]>;
}

/** TMDB (or TheTVDB) failed or timed out: 502 `upstream_error` / 504 `upstream_timeout`. Messages never carry keys or URLs. */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  constructor(
    readonly kind: "error" | "timeout",
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
  readonly retryAfterSeconds: number | undefined;
}

/** The error of a catalogue call its caller's deadline ended (504). */
export const catalogueTimedOut = (): UpstreamError => new UpstreamError("timeout", "TMDB did not answer in time");
