/**
 * TMDB v3 payloads → the catalogue port's shapes. Pure: the TMDB adapter and the TMDB fake's
 * tests feed raw JSON in; persons, collections and anything malformed never come out.
 */
import type { CatalogueItem, FindResult, TitleDetails, TmdbSeason } from "../../ports/catalogue.js";
import type { MediaType } from "../../ports/store.js";

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const positiveInt = (v: unknown): number | null =>
  typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : typeof v === "string" && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : null;

/** Year of a TMDB date (`"YYYY-MM-DD"`, sometimes `""` or missing). */
export function yearOf(date: unknown): number | null {
  if (typeof date !== "string") return null;
  const m = /^(\d{4})/.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  return y >= 1800 && y <= 2200 ? y : null;
}

/**
 * IMDb ids as Radarr's `Parser.NormalizeImdbId` accepts them: lower-case `tt` and digits. TMDB
 * sometimes returns `""` or null; anything that is not an IMDb title id becomes null.
 */
export function normaliseImdbId(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const m = /^tt(\d{7,10})$/i.exec(v.trim());
  return m ? `tt${m[1]}` : null;
}

/** A TMDB poster path is `/<file>`; anything else (null, "", a URL) is dropped. */
const posterPath = (v: unknown): string | null => (typeof v === "string" && /^\/[\w.-]+$/.test(v) ? v : null);

const voteAverage = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * One result of `/search/*`, `/trending/*` or `/find` → a catalogue item, or null for persons,
 * collections and malformed entries. `/search/movie` and `/search/tv` results carry no
 * `media_type`; the caller passes the endpoint's type as `fallbackType`.
 */
export function normaliseItem(raw: unknown, fallbackType?: MediaType): CatalogueItem | null {
  if (!isObject(raw)) return null;
  const declared = raw.media_type;
  const mediaType = declared === undefined ? fallbackType : declared === "movie" || declared === "tv" ? declared : undefined;
  if (!mediaType) return null;
  const id = positiveInt(raw.id);
  if (id === null) return null;
  const title = mediaType === "tv" ? (str(raw.name) ?? str(raw.original_name)) : (str(raw.title) ?? str(raw.original_title));
  return {
    id,
    media_type: mediaType,
    title: title ?? "Unknown",
    year: yearOf(mediaType === "tv" ? raw.first_air_date : raw.release_date),
    overview: str(raw.overview),
    poster_path: posterPath(raw.poster_path),
    vote_average: voteAverage(raw.vote_average),
  };
}

/** Normalises a list of results, dropping what is not a movie or show, and duplicates (TMDB pages can repeat an id). */
export function normaliseItems(raw: unknown, fallbackType?: MediaType): CatalogueItem[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: CatalogueItem[] = [];
  for (const r of raw) {
    const item = normaliseItem(r, fallbackType);
    if (!item) continue;
    const key = `${item.media_type}:${item.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** `/movie/{id}` or `/tv/{id}` with `append_to_response=external_ids` → details, or null when the payload is unusable. */
export function normaliseDetails(raw: unknown, mediaType: MediaType): TitleDetails | null {
  if (!isObject(raw)) return null;
  const item = normaliseItem({ ...raw, media_type: mediaType });
  if (!item) return null;
  const ext = isObject(raw.external_ids) ? raw.external_ids : {};
  const seasons = raw.number_of_seasons;
  const origin = countryCodes(raw.origin_country);
  return {
    ...item,
    imdb_id: normaliseImdbId(ext.imdb_id) ?? normaliseImdbId(raw.imdb_id),
    // Movies have no TVDB id in practice; only trust it for shows.
    tvdb_id: mediaType === "tv" ? positiveInt(ext.tvdb_id) : null,
    number_of_seasons: mediaType === "tv" && typeof seasons === "number" && Number.isSafeInteger(seasons) && seasons >= 0 ? seasons : null,
    seasons: mediaType === "tv" ? seasonList(raw.seasons) : null,
    // Details carry `genres: [{id, name}]`; list results carry `genre_ids`.
    genre_ids: uniqueIds(Array.isArray(raw.genres) ? raw.genres.map((g) => (isObject(g) ? g.id : null)) : raw.genre_ids),
    original_language:
      typeof raw.original_language === "string" && /^[a-z]{2,3}$/i.test(raw.original_language) ? raw.original_language.toLowerCase() : null,
    origin_country:
      origin.length > 0 || mediaType === "tv"
        ? origin
        : countryCodes(
            Array.isArray(raw.production_countries) ? raw.production_countries.map((c) => (isObject(c) ? c.iso_3166_1 : null)) : [],
          ),
  };
}

const nonNegativeInt = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : null);

function uniqueIds(list: unknown): number[] {
  if (!Array.isArray(list)) return [];
  return [...new Set(list.map(positiveInt).filter((id): id is number => id !== null))];
}

function countryCodes(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const codes = list.filter((c): c is string => typeof c === "string" && /^[a-z]{2}$/i.test(c)).map((c) => c.toUpperCase());
  return [...new Set(codes)];
}

/** `/tv/{id}`'s `seasons`: entries without a usable season number dropped, one per number, ascending. */
function seasonList(list: unknown): TmdbSeason[] {
  if (!Array.isArray(list)) return [];
  const byNumber = new Map<number, TmdbSeason>();
  for (const s of list) {
    const n = isObject(s) ? nonNegativeInt(s.season_number) : null;
    if (n === null || byNumber.has(n)) continue;
    byNumber.set(n, { season_number: n, episode_count: nonNegativeInt((s as Raw).episode_count) });
  }
  return [...byNumber.values()].sort((a, b) => a.season_number - b.season_number);
}

/** `/find/{id}` → ids of movies, shows and the shows of matching episodes/seasons. */
export function normaliseFind(raw: unknown): FindResult {
  const r = isObject(raw) ? raw : {};
  const ids = (list: unknown, field: string): number[] => {
    if (!Array.isArray(list)) return [];
    const out: number[] = [];
    for (const e of list) {
      const id = isObject(e) ? positiveInt(e[field]) : null;
      if (id !== null && !out.includes(id)) out.push(id);
    }
    return out;
  };
  const episodeShows = [...ids(r.tv_episode_results, "show_id"), ...ids(r.tv_season_results, "show_id")];
  return {
    movie_ids: ids(r.movie_results, "id"),
    tv_ids: ids(r.tv_results, "id"),
    episode_show_ids: [...new Set(episodeShows)],
  };
}

/** TMDB paging numbers, defensively. */
export function pageNumbers(raw: unknown, requestedPage: number): { page: number; total_pages: number; total_results: number } {
  const r = isObject(raw) ? raw : {};
  const n = (v: unknown, d: number) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : d);
  return { page: n(r.page, requestedPage), total_pages: n(r.total_pages, 1), total_results: n(r.total_results, 0) };
}
