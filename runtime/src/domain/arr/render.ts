/**
 * The bodies of Stellarr's Radarr and Sonarr "instance" source API (issue #22, docs/arr-instance.md):
 * pending requests as the movie objects Radarr's "Radarr" import list reads and the series objects
 * Sonarr's "Sonarr" list reads.
 *
 * Both apps parse with Json.NET into `RadarrMovie` / `SonarrSeries` (`ImportLists/Radarr/RadarrAPIResource.cs`,
 * `ImportLists/Sonarr/SonarrAPIResource.cs`):
 * a JSON `null` in a non-nullable `int`, `bool` or `DateTime` fails the *whole* list, so an unknown
 * value is omitted, never null. `tags` and the path fields are always present: the list
 * dereferences them as soon as the user sets a tag or root-folder filter. Nothing else is sent: a
 * property those classes do not declare is skipped by Json.NET unread, and at 10,000 pending
 * requests every byte is written on each poll (imdbId, Radarr's rootFolderPath, Sonarr's tmdbId and
 * path, and the cover's local `url` went that way).
 */
import { posterUrl } from "../feeds/render.js";
import { type ArrProfile, LANGUAGE_PROFILE_ID, qualityProfileId } from "./profiles.js";
import { folderName, movieRootFolder, seriesRootFolder } from "./root-folders.js";
import { type SeasonSelection, type SonarrSeason, ALL_SEASONS, sonarrSeasons } from "./seasons.js";
import { itemTagIds } from "./tags.js";

/** What the renderers need of a stored request (the integration stores `profile`, `anime`, the selection and TMDB's season numbers). */
export interface ArrRequest {
  tmdb_id: number;
  title: string | null;
  year: number | null;
  overview: string | null;
  poster_path: string | null;
  imdb_id: string | null;
  tvdb_id: number | null;
  requested_by: string | null;
  profile: ArrProfile;
  /** Precomputed at request time with `isAnime` from TMDB's genres, language and countries. */
  anime: boolean;
  /** TV: the seasons asked for; absent (or null) means all. */
  seasons?: SeasonSelection | null;
  /**
   * TV: TMDB's season numbers (specials included when TMDB has them) when the request was made or
   * last refreshed; absent or null when unknown (rows stored before per-season requests, until the
   * daily refresh reads them).
   */
  tmdb_seasons?: readonly number[] | null;
}

/**
 * Radarr `MediaCover`: `coverType` is an enum there (an unknown name fails the list), so only
 * "poster" is sent; `url` (the *arr's local cover path, which `excludeLocalCovers` asks it to
 * leave out) is not.
 */
export interface ArrImage {
  coverType: "poster";
  remoteUrl: string;
}

export interface RadarrMovie {
  tmdbId: number;
  title: string;
  sortTitle: string;
  /** Radarr's own API uses the TMDB id as the slug. */
  titleSlug: string;
  year?: number;
  overview?: string;
  images: ArrImage[];
  monitored: true;
  qualityProfileId: number;
  /** `<root>/<Title (Year)>`; Radarr's root-folder filter matches a root path inside it. */
  path: string;
  tags: number[];
}

export interface SonarrSeries {
  tvdbId: number;
  title: string;
  sortTitle: string;
  year?: number;
  overview?: string;
  images: ArrImage[];
  monitored: true;
  qualityProfileId: number;
  languageProfileId: number;
  /** `<root>`; Sonarr's root-folder filter matches a root path inside it. */
  rootFolderPath: string;
  tags: number[];
  seasons: SonarrSeason[];
}

const isPositiveInt = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0 && n <= 2 ** 31 - 1;

const displayTitle = (r: Pick<ArrRequest, "title" | "tmdb_id">): string => {
  const title = r.title?.trim();
  return title && title !== "Unknown" ? title : `TMDB ${r.tmdb_id}`;
};

/** Lower-case, leading article and punctuation dropped: how the *arrs sort titles (cosmetic; the lists never read it). */
export function sortTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/^(the|a|an)\s+/, "")
    .replace(/[^\p{L}\p{N}\s]+/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

function images(posterPath: string | null): ArrImage[] {
  const url = posterUrl(posterPath);
  return url ? [{ coverType: "poster", remoteUrl: url }] : [];
}

/** Optional fields that are only sent when known. */
function known(r: ArrRequest): { year?: number; overview?: string } {
  const out: { year?: number; overview?: string } = {};
  if (isPositiveInt(r.year)) out.year = r.year;
  const overview = r.overview?.trim();
  if (overview) out.overview = overview;
  return out;
}

export function renderRadarrMovie(r: ArrRequest): RadarrMovie | null {
  if (!isPositiveInt(r.tmdb_id)) return null;
  const title = displayTitle(r);
  const root = movieRootFolder(r.anime);
  const { year, overview } = known(r);
  return {
    tmdbId: r.tmdb_id,
    title,
    sortTitle: sortTitle(title),
    titleSlug: String(r.tmdb_id),
    ...(year ? { year } : {}),
    ...(overview ? { overview } : {}),
    images: images(r.poster_path),
    monitored: true,
    qualityProfileId: qualityProfileId(r.profile),
    path: `${root.path}/${folderName(title, r.year, r.tmdb_id)}`,
    tags: itemTagIds(r),
  };
}

/**
 * The series object's `seasons`, or null when it cannot be told yet. With TMDB's season list
 * unknown, a plain "all seasons" request is sent with no seasons at all — Sonarr then applies the
 * list's own "Monitor" option (documented as anything but None) — while any other selection would
 * leave seasons out (which Sonarr may monitor), so that show waits for the daily refresh.
 */
function seriesSeasons(r: ArrRequest): SonarrSeason[] | null {
  const selection = r.seasons ?? ALL_SEASONS;
  if (r.tmdb_seasons !== null && r.tmdb_seasons !== undefined) return sonarrSeasons(selection, r.tmdb_seasons);
  return selection.all && selection.seasons.length === 0 ? [] : null;
}

/**
 * Shows without a TVDB id are left out (Sonarr's list keys series by TVDB id and drops the rest),
 * and so are shows whose seasons cannot be told yet (`seriesSeasons`).
 */
export function renderSonarrSeries(r: ArrRequest): SonarrSeries | null {
  if (!isPositiveInt(r.tvdb_id) || !isPositiveInt(r.tmdb_id)) return null;
  const seasons = seriesSeasons(r);
  if (seasons === null) return null;
  const title = displayTitle(r);
  const root = seriesRootFolder(r.anime);
  const { year, overview } = known(r);
  return {
    tvdbId: r.tvdb_id,
    title,
    sortTitle: sortTitle(title),
    ...(year ? { year } : {}),
    ...(overview ? { overview } : {}),
    images: images(r.poster_path),
    monitored: true,
    qualityProfileId: qualityProfileId(r.profile),
    languageProfileId: LANGUAGE_PROFILE_ID,
    rootFolderPath: root.path,
    tags: itemTagIds(r),
    seasons,
  };
}

/** `GET /arr/radarr/api/v3/movie`: one movie per request, in the order given. */
export function renderRadarrMovies(requests: readonly ArrRequest[]): RadarrMovie[] {
  return requests.flatMap((r) => renderRadarrMovie(r) ?? []);
}

/** `GET /arr/sonarr/api/v3/series`: one series per request that has a TVDB id, in the order given. */
export function renderSonarrSeriesList(requests: readonly ArrRequest[]): SonarrSeries[] {
  return requests.flatMap((r) => renderSonarrSeries(r) ?? []);
}
