/**
 * The offline demo catalogue (no `TMDB_API_KEY`): real titles with their real TMDB, IMDb and TVDB
 * ids, so requests made in demo mode are valid in Radarr/Sonarr. Search is a case- and
 * accent-insensitive word-prefix match over the title and the original title, 20 per page like
 * TMDB; trending is a deterministic selection by the data's popularity order.
 */
import type {
  Catalogue,
  CatalogueItem,
  FindResult,
  SearchPage,
  SearchQuery,
  TitleDetails,
  TmdbSeason,
  TrendingType,
} from "../../../ports/catalogue.js";
import type { MediaType } from "../../../ports/store.js";
import { queryMatcher } from "../../../domain/catalogue/search-text.js";
import { DEMO_ANIMATION, DEMO_ORIGINS, DEMO_SEASONS, TMDB_ANIMATION } from "./facts.js";
import { DEMO_MOVIES } from "./movies.js";
import { DEMO_SHOWS } from "./shows.js";

export const DEMO_PAGE_SIZE = 20;

export interface DemoTitle extends TitleDetails {
  original_title: string | null;
  /** 0 = most popular. */
  rank: number;
}

/** Genres, language and countries of a demo title (facts.ts). */
function routingFacts(mediaType: MediaType, id: number): Pick<TitleDetails, "genre_ids" | "original_language" | "origin_country"> {
  const key = `${mediaType}:${id}` as const;
  const [language, countries] = DEMO_ORIGINS.get(key) ?? ["en", ["US"]];
  return { genre_ids: DEMO_ANIMATION.has(key) ? [TMDB_ANIMATION] : [], original_language: language, origin_country: [...countries] };
}

/** Seasons 1…count (real episode counts where facts.ts has them), plus specials where TMDB lists them. */
function demoSeasons(id: number, count: number): TmdbSeason[] {
  const known = DEMO_SEASONS.get(id);
  const regular = Array.from({ length: count }, (_, i) => ({ season_number: i + 1, episode_count: known?.episodes[i] ?? null }));
  return known?.specials ? [{ season_number: 0, episode_count: null }, ...regular] : regular;
}

/** All demo titles as details (movies, then shows), built once per process. */
let built: DemoTitle[] | null = null;
export function demoTitles(): DemoTitle[] {
  if (built) return built;
  const movies = DEMO_MOVIES.map(([id, imdb, year, title, description, original], i): DemoTitle => ({
    id,
    media_type: "movie",
    title,
    year,
    overview: description,
    poster_path: null,
    vote_average: null,
    imdb_id: imdb,
    tvdb_id: null,
    number_of_seasons: null,
    seasons: null,
    ...routingFacts("movie", id),
    original_title: original ?? null,
    rank: i,
  }));
  const shows = DEMO_SHOWS.map(([id, tvdb, imdb, year, seasons, title, description, original], i): DemoTitle => ({
    id,
    media_type: "tv",
    title,
    year,
    overview: description,
    poster_path: null,
    vote_average: null,
    imdb_id: imdb,
    tvdb_id: tvdb,
    number_of_seasons: seasons,
    seasons: demoSeasons(id, seasons),
    ...routingFacts("tv", id),
    original_title: original ?? null,
    rank: i,
  }));
  return (built = [...movies, ...shows]);
}

const toItem = (t: DemoTitle): CatalogueItem => ({
  id: t.id,
  media_type: t.media_type,
  title: t.title,
  year: t.year,
  overview: t.overview,
  poster_path: t.poster_path,
  vote_average: t.vote_average,
});

const toDetails = ({ original_title: _o, rank: _r, ...d }: DemoTitle): TitleDetails => d;

export function createDemoCatalogue(): Catalogue {
  const titles = demoTitles();
  const byKey = new Map(titles.map((t) => [`${t.media_type}:${t.id}`, t]));
  // Interleave movies and shows by rank so "all" trending and multi search mix both kinds.
  const byPopularity = [...titles].sort((a, b) => a.rank - b.rank || (a.media_type === "movie" ? -1 : 1));

  return {
    kind: "demo",
    async search(q: SearchQuery): Promise<SearchPage> {
      const match = queryMatcher(q.query);
      const hits = match
        ? byPopularity.filter((t) => (!q.media_type || t.media_type === q.media_type) && match([t.title, t.original_title]))
        : [];
      const total_pages = Math.max(1, Math.ceil(hits.length / DEMO_PAGE_SIZE));
      const start = (q.page - 1) * DEMO_PAGE_SIZE;
      return { page: q.page, total_pages, total_results: hits.length, results: hits.slice(start, start + DEMO_PAGE_SIZE).map(toItem) };
    },
    async details(mediaType: MediaType, id: number): Promise<TitleDetails | null> {
      const t = byKey.get(`${mediaType}:${id}`);
      return t ? toDetails(t) : null;
    },
    async find(externalId: string, source: "tvdb_id" | "imdb_id"): Promise<FindResult> {
      const id = externalId.trim().toLowerCase();
      const hits = titles.filter((t) => (source === "imdb_id" ? t.imdb_id === id : t.tvdb_id !== null && String(t.tvdb_id) === id));
      return {
        movie_ids: hits.filter((t) => t.media_type === "movie").map((t) => t.id),
        tv_ids: hits.filter((t) => t.media_type === "tv").map((t) => t.id),
        // The demo has no episode ids.
        episode_show_ids: [],
      };
    },
    async trending(type: TrendingType, page: number): Promise<CatalogueItem[]> {
      const pool = type === "all" ? byPopularity : byPopularity.filter((t) => t.media_type === type);
      const start = (Math.max(1, page) - 1) * DEMO_PAGE_SIZE;
      return pool.slice(start, start + DEMO_PAGE_SIZE).map(toItem);
    },
  };
}
