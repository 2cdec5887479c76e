/**
 * The *arr import-list bodies (product.md §6, formats.md A/B). Every body is a top-level JSON
 * array, ids are integers, and no field is ever null (Json.NET fails the whole list on a null
 * `int`, and Radarr's `MovieResultResource` must type-check): unknown values are omitted.
 */
import type { RadarrListItem, SonarrItem, StevenLuItem } from "../../contract/api/feeds.js";
import type { MediaRequest } from "../../ports/store/index.js";

export type { RadarrListItem, SonarrItem, StevenLuItem };

export const POSTER_BASE = "https://image.tmdb.org/t/p/w300";

type FeedRequest = Pick<MediaRequest, "tmdb_id" | "title" | "year" | "imdb_id" | "tvdb_id" | "poster_path">;

const IMDB = /^tt\d{7,10}$/;
const isPositiveInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0;

/** A TMDB poster URL, or undefined when the path is not a TMDB image path. */
export function posterUrl(posterPath: string | null): string | undefined {
  return posterPath && /^\/[\w.-]+$/.test(posterPath) ? `${POSTER_BASE}${posterPath}` : undefined;
}

const imdbIdOf = (r: Pick<FeedRequest, "imdb_id">): string | undefined => {
  const imdb = r.imdb_id?.toLowerCase();
  return imdb && IMDB.test(imdb) ? imdb : undefined;
};

/**
 * With an IMDb id Radarr maps the item by it and the title is only a label: "Title (Year)".
 * Without one Radarr searches the title, so the title becomes `tmdb:<id>`, which Radarr's search
 * (`SkyHookProxy.SearchForNewMovie`) maps exactly by TMDB id instead of guessing by name.
 */
export function stevenLuTitle(r: Pick<FeedRequest, "tmdb_id" | "title" | "year" | "imdb_id">): string {
  const title = r.title?.trim();
  if (!imdbIdOf(r) || !title || title === "Unknown") return `tmdb:${r.tmdb_id}`;
  return r.year ? `${title} (${r.year})` : title;
}

export function renderRadarrStevenLu(requests: FeedRequest[]): StevenLuItem[] {
  return requests.map((r) => {
    const item: StevenLuItem = { title: stevenLuTitle(r) };
    const imdb = imdbIdOf(r);
    if (imdb) item.imdb_id = imdb;
    const poster = posterUrl(r.poster_path);
    if (poster) item.poster_url = poster;
    return item;
  });
}

export function renderRadarrTmdb(requests: FeedRequest[]): RadarrListItem[] {
  return requests.filter((r) => isPositiveInt(r.tmdb_id)).map((r) => ({ id: r.tmdb_id, title: r.title?.trim() || `TMDB ${r.tmdb_id}` }));
}

/**
 * Every show with at least one usable id. Without a TVDB id `tvdbId` is left out: Sonarr v4
 * reads it as 0 and rejects the item ("unable to find TVDB ID") without a title search, while the
 * next version maps it by `tmdbId`/`imdbId`; a null would fail the whole list.
 */
export function renderSonarr(requests: FeedRequest[]): SonarrItem[] {
  return requests.flatMap((r) => {
    const tvdbId = isPositiveInt(r.tvdb_id) ? r.tvdb_id : undefined;
    const tmdbId = isPositiveInt(r.tmdb_id) ? r.tmdb_id : undefined;
    const imdbId = imdbIdOf(r);
    if (tvdbId === undefined && tmdbId === undefined && imdbId === undefined) return [];
    return [
      {
        ...(tvdbId !== undefined ? { tvdbId } : {}),
        ...(tmdbId !== undefined ? { tmdbId } : {}),
        ...(imdbId !== undefined ? { imdbId } : {}),
        title: r.title?.trim() || (tvdbId !== undefined ? `TvdbId: ${tvdbId}` : `TMDB ${tmdbId ?? imdbId}`),
      },
    ];
  });
}

/**
 * The 4xx body for `/list/*`: our error model plus Radarr's `RadarrErrors` shape, which Radarr's
 * Custom Lists parser shows verbatim in its UI (formats.md A2).
 */
export function feedErrorBody(status: number, code: string, detail: string, title = detail) {
  return { detail, code, errors: [{ id: code, status, title, detail }] };
}
