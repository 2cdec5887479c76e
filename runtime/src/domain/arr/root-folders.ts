/**
 * The root folders Stellarr's instance lists offer as filters (issue #22). Radarr and Sonarr
 * match their "Root Folders" filter as a case-insensitive *substring* of each item's `path`
 * (Radarr) or `rootFolderPath` (Sonarr) — `RadarrImport.Fetch`, `SonarrImport.Fetch` use
 * `ContainsIgnoreCase` — so no root path may contain another and no folder name may contain `/`.
 * Ids and paths are part of users' list settings: never change them.
 */

export interface ArrRootFolder {
  id: number;
  path: string;
}

export const ROOT_FOLDERS = {
  movies: { id: 1, path: "/stellarr/movies" },
  tv: { id: 2, path: "/stellarr/tv" },
  anime: { id: 3, path: "/stellarr/anime" },
} as const satisfies Record<string, ArrRootFolder>;

/** `GET /arr/radarr/api/v3/rootfolder`. */
export const RADARR_ROOT_FOLDERS: readonly ArrRootFolder[] = [ROOT_FOLDERS.movies, ROOT_FOLDERS.anime];
/** `GET /arr/sonarr/api/v3/rootfolder`. */
export const SONARR_ROOT_FOLDERS: readonly ArrRootFolder[] = [ROOT_FOLDERS.tv, ROOT_FOLDERS.anime];

export const movieRootFolder = (anime: boolean): ArrRootFolder => (anime ? ROOT_FOLDERS.anime : ROOT_FOLDERS.movies);
export const seriesRootFolder = (anime: boolean): ArrRootFolder => (anime ? ROOT_FOLDERS.anime : ROOT_FOLDERS.tv);

/**
 * A folder name as Radarr would make one: "Title (Year)", without the characters Windows and
 * POSIX forbid (above all `/`, which would let a title reach into another root's path), never
 * empty.
 */
export function folderName(title: string | null, year: number | null, tmdbId: number): string {
  const clean = (title ?? "")
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[. ]+$/, "");
  const name = clean || `TMDB ${tmdbId}`;
  return year ? `${name} (${year})` : name;
}
