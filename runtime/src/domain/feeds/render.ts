/**
 * The *arr import-list bodies (product.md §6, formats.md A/B). Every body is a top-level JSON
 * array, ids are integers, and no field is ever null (Json.NET fails the whole list on a null
 * `int`, and Radarr's `MovieResultResource` must type-check): unknown values are omitted.
 */
import type { MediaRequest } from "../../ports/store/index.js";

export const POSTER_BASE = "https://image.tmdb.org/t/p/w300";

type FeedRequest = Pick<MediaRequest, "tmdb_id" | "title" | "year" | "imdb_id" | "tvdb_id" | "poster_path">;

/** Radarr "StevenLu Custom": `title` + `imdb_id` (Radarr maps by IMDb id, else searches the title). */
export interface StevenLuItem {
  title: string;
  imdb_id?: string;
  poster_url?: string;
}

/** Radarr "Custom Lists": only `id` (TMDB movie id) is used. */
export interface RadarrListItem {
  id: number;
  title: string;
}

/** Sonarr "Custom List": `tvdbId` (int) + `title`. */
export interface SonarrItem {
  tvdbId: number;
  title: string;
}

const IMDB = /^tt\d{7,10}$/;
const isPositiveInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0;

/**
 * "Title (Year)" — Radarr's title search parses the year out. Without a real title (none, or
 * the catalogue's "Unknown" placeholder), `tmdb:<id>` is a prefix Radarr's movie search maps by
 * TMDB id (formats.md A1), so the item still resolves to the right movie.
 */
export function stevenLuTitle(r: Pick<FeedRequest, "tmdb_id" | "title" | "year">): string {
  const title = r.title?.trim();
  if (!title || title === "Unknown") return `tmdb:${r.tmdb_id}`;
  return r.year ? `${title} (${r.year})` : title;
}

export function renderRadarrStevenLu(requests: FeedRequest[]): StevenLuItem[] {
  return requests.map((r) => {
    const item: StevenLuItem = { title: stevenLuTitle(r) };
    const imdb = r.imdb_id?.toLowerCase();
    if (imdb && IMDB.test(imdb)) item.imdb_id = imdb;
    if (r.poster_path && /^\/[\w.-]+$/.test(r.poster_path)) item.poster_url = `${POSTER_BASE}${r.poster_path}`;
    return item;
  });
}

export function renderRadarrTmdb(requests: FeedRequest[]): RadarrListItem[] {
  return requests.filter((r) => isPositiveInt(r.tmdb_id)).map((r) => ({ id: r.tmdb_id, title: r.title?.trim() || `TMDB ${r.tmdb_id}` }));
}

/** Shows without a TVDB id are left out: Sonarr v4 drops them anyway, and a null would fail the whole list. */
export function renderSonarr(requests: FeedRequest[]): SonarrItem[] {
  return requests
    .filter((r) => isPositiveInt(r.tvdb_id))
    .map((r) => ({ tvdbId: r.tvdb_id as number, title: r.title?.trim() || `TvdbId: ${r.tvdb_id}` }));
}

/**
 * The 4xx body for `/list/*`: our error model plus Radarr's `RadarrErrors` shape, which Radarr's
 * Custom Lists parser shows verbatim in its UI (formats.md A2).
 */
export function feedErrorBody(status: number, code: string, detail: string, title = detail) {
  return { detail, code, errors: [{ id: code, status, title, detail }] };
}
