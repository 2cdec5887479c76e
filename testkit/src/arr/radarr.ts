/**
 * Radarr's "Radarr" import list (another Radarr instance as a source), replayed against a URL:
 * `ImportLists/Radarr/{RadarrV3Proxy,RadarrImport,RadarrSettings,RadarrAPIResource}.cs` and
 * `FetchAndParseImportListService`/`ImportListSyncService`, Radarr v5.28 – v6.0.3 – develop.
 *
 * - Sync and Test: `GET {Full URL}/api/v3/movie?excludeLocalCovers=True` (`RadarrV3Proxy.GetMovies`).
 * - Drop-downs: `/api/v3/qualityprofile`, `/api/v3/tag`, `/api/v3/rootfolder`.
 * - Filters (`RadarrImport.Fetch`): quality profile ids contain `qualityProfileId`; any tag id in
 *   the item's `tags` (dereferenced: a null `tags` fails the list once a tag filter is set); any
 *   root folder path is a case-insensitive *substring* of `path` (likewise dereferenced).
 * - The list reports `{tmdbId, title, year}` per movie; Radarr then looks each movie up by TMDB id
 *   (a `tmdbId` of 0 makes it search the title instead — a Stellarr-contract violation here).
 *
 * Usage: `const radarr = radarrList({ baseUrl, apiKey, tagIds: [1] }); const r = await radarr.fetch();`
 * then assert on `r.ok`, `r.items`, `r.remote` (the parsed objects), `r.violations`, `radarr.calls`.
 */
import type { ReplayOptions } from "./http.js";
import { deserializeList, NULL_REFERENCE, T } from "./json-net.js";
import { active, type DropDown, type ListFetchResult, ListReplay, type ListSettings, type ValidationFailure } from "./list.js";

export type RadarrListSettings = ListSettings;

/** `MediaCover` (Radarr and Sonarr): `coverType` is an enum. */
export const MEDIA_COVER = T.object({
  coverType: T.enumOf("Unknown", "Poster", "Banner", "Fanart", "Screenshot", "Headshot", "Clearlogo"),
  url: T.string,
  remoteUrl: T.string,
});

/** `RadarrMovie` in `RadarrAPIResource.cs`: every property the list deserialises. */
const RADARR_MOVIE = T.object({
  title: T.string,
  sortTitle: T.string,
  tmdbId: T.int,
  overview: T.string,
  images: T.list(MEDIA_COVER),
  monitored: T.bool,
  inCinemas: T.datetime,
  physicalRelease: T.datetime,
  year: T.int,
  titleSlug: T.string,
  qualityProfileId: T.int,
  path: T.string,
  tags: T.list(T.int),
});

export interface RadarrMovieModel {
  title: string | null;
  sortTitle: string | null;
  tmdbId: number;
  overview: string | null;
  images: { coverType: string; url: string | null; remoteUrl: string | null }[] | null;
  monitored: boolean;
  inCinemas: string;
  physicalRelease: string;
  year: number;
  titleSlug: string | null;
  qualityProfileId: number;
  path: string | null;
  tags: number[] | null;
}

/** `ImportListMovie` as `RadarrImport.Fetch` fills it. */
export interface RadarrListItem {
  tmdbId: number;
  title: string | null;
  year: number;
}

export type RadarrFetchResult = ListFetchResult<RadarrMovieModel, RadarrListItem>;

/** Stellarr's own rules for every movie object, beyond what Json.NET enforces. */
function contractViolations(movies: (RadarrMovieModel | null)[]): string[] {
  const out: string[] = [];
  movies.forEach((m, i) => {
    if (m === null) return out.push(`[${i}]: null movie`);
    if (!(m.tmdbId > 0)) out.push(`[${i}].tmdbId: ${m.tmdbId} (must be > 0, else Radarr searches the title)`);
    if (m.tags === null) out.push(`[${i}].tags: missing (a tag filter would fail the whole list)`);
    if (m.path === null) out.push(`[${i}].path: missing (a root-folder filter would fail the whole list)`);
  });
  return out;
}

/**
 * A `/api/v3/movie` body as Radarr deserialises it, without HTTP: the movies (null for a null
 * list) and every violation, Json.NET's and Stellarr's contract's. Throws where Radarr would.
 */
export function parseRadarrMovies(content: string): { movies: (RadarrMovieModel | null)[] | null; violations: string[] } {
  const violations: string[] = [];
  const movies = deserializeList(content, RADARR_MOVIE, violations) as (RadarrMovieModel | null)[] | null;
  if (movies !== null) violations.push(...contractViolations(movies));
  return { movies, violations };
}

/** `RadarrImport.Fetch`'s loop: the filters, throwing where Radarr dereferences a null. */
export function filterRadarrMovies(movies: (RadarrMovieModel | null)[], settings: ListSettings): RadarrListItem[] {
  const out: RadarrListItem[] = [];
  for (const m of movies) {
    if (m === null) throw new TypeError(NULL_REFERENCE);
    if (active(settings.profileIds) && !settings.profileIds.includes(m.qualityProfileId)) continue;
    if (active(settings.tagIds)) {
      if (m.tags === null) throw new TypeError(NULL_REFERENCE);
      if (!settings.tagIds.some((id) => m.tags!.includes(id))) continue;
    }
    if (active(settings.rootFolderPaths)) {
      if (m.path === null) throw new TypeError(NULL_REFERENCE);
      const path = m.path.toLowerCase();
      if (!settings.rootFolderPaths.some((root) => path.includes(root.toLowerCase()))) continue;
    }
    out.push({ tmdbId: m.tmdbId, title: m.title, year: m.year });
  }
  return out;
}

export function radarrList(settings: RadarrListSettings, opts: ReplayOptions = {}) {
  const list = new ListReplay("Radarr", settings, opts);
  /** `RadarrV3Proxy.GetMovies`: request and deserialisation. */
  const getMovies = async () => {
    const content = await list.getContent("/api/v3/movie", [["excludeLocalCovers", "True"]]);
    return content === null ? { movies: [], violations: [] } : parseRadarrMovies(content);
  };

  return {
    calls: list.calls,
    violations: list.violations,
    /** One sync of the list (`RadarrImport.Fetch`). */
    async fetch(): Promise<RadarrFetchResult> {
      const from = list.calls.length;
      let violations: string[] = [];
      try {
        const got = await getMovies();
        violations = got.violations;
        list.violations.push(...violations);
        if (got.movies === null) throw new TypeError(NULL_REFERENCE);
        const items = filterRadarrMovies(got.movies, settings);
        return { ok: true, remote: got.movies as RadarrMovieModel[], items, violations, calls: list.calls.slice(from) };
      } catch (err) {
        return { ok: false, error: (err as Error).message, remote: [], items: [], violations, calls: list.calls.slice(from) };
      }
    },
    /** The Test button: null when it passes. */
    test(): Promise<ValidationFailure | null> {
      return list.test(async () => list.violations.push(...(await getMovies()).violations));
    },
    qualityProfiles: (): Promise<DropDown> => list.dropDown("profiles"),
    tags: (): Promise<DropDown> => list.dropDown("tags"),
    rootFolders: (): Promise<DropDown> => list.dropDown("rootFolders"),
  };
}

export interface RadarrLibrary {
  /** TMDB ids already in Radarr. */
  tmdbIds?: readonly number[];
  /** TMDB ids on Radarr's import-list exclusions. */
  exclusions?: readonly number[];
}

/**
 * The movies Radarr would add from one fetch (list with "Enable Automatic Add" on): nothing when
 * the fetch failed; ids ≤ 0 dropped (Radarr would search their titles instead — see the fetch's
 * violations); duplicates by TMDB id, movies already in the library and excluded ones skipped.
 */
export function radarrWouldAdd(result: RadarrFetchResult, library: RadarrLibrary = {}): RadarrListItem[] {
  if (!result.ok) return [];
  const seen = new Set<number>();
  return result.items.filter((m) => {
    if (m.tmdbId <= 0 || seen.has(m.tmdbId)) return false;
    seen.add(m.tmdbId);
    return !library.tmdbIds?.includes(m.tmdbId) && !library.exclusions?.includes(m.tmdbId);
  });
}
