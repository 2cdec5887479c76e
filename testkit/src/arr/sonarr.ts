/**
 * Sonarr's "Sonarr" import list (another Sonarr instance as a source), replayed against a URL:
 * `ImportLists/Sonarr/{SonarrV3Proxy,SonarrImport,SonarrSettings,SonarrAPIResource}.cs`,
 * `FetchAndParseImportListService`, `ImportListSyncService.ProcessListItems` and
 * `RefreshSeriesService.UpdateSeasons` — Sonarr v4.0.19 (unchanged on develop and v5-develop).
 *
 * - Sync and Test: `GET {Full URL}/api/v3/series` (no query string).
 * - Drop-downs: `/api/v3/qualityprofile`, `/api/v3/languageprofile`, `/api/v3/tag`, `/api/v3/rootfolder`.
 * - Filters (`SonarrImport.Fetch`): quality profile ids, language profile ids, tag ids (any; a null
 *   `tags` fails the list once set), root folder paths (case-insensitive *substring* of
 *   `rootFolderPath`, likewise dereferenced).
 * - "Sync Season Monitoring" on: each item carries `seasons` (a null `seasons` or season fails the
 *   list); Sonarr adds the series with monitor mode "skip" and exactly those season flags; seasons
 *   missing from the list are monitored iff the list's "Monitor New Seasons" is "all" (never
 *   season 0). Off: no seasons, the list's "Monitor" option decides.
 */
import type { ReplayOptions } from "./http.js";
import { deserializeList, NULL_REFERENCE, T } from "./json-net.js";
import { active, type DropDown, type ListFetchResult, ListReplay, type ListSettings, type ValidationFailure } from "./list.js";
import { MEDIA_COVER } from "./radarr.js";

export interface SonarrListSettings extends ListSettings {
  /** The deprecated "Language Profiles" filter (ids). */
  languageProfileIds?: readonly number[];
  /** "Sync Season Monitoring". Default false, as in Sonarr. */
  syncSeasonMonitoring?: boolean;
}

const SONARR_SEASON = T.object({ seasonNumber: T.int, monitored: T.bool });

/** `SonarrSeries` in `SonarrAPIResource.cs`. */
const SONARR_SERIES = T.object({
  title: T.string,
  sortTitle: T.string,
  tvdbId: T.int,
  overview: T.string,
  images: T.list(MEDIA_COVER),
  monitored: T.bool,
  year: T.int,
  titleSlug: T.string,
  qualityProfileId: T.int,
  languageProfileId: T.int,
  rootFolderPath: T.string,
  seasons: T.list(SONARR_SEASON),
  tags: T.list(T.int),
});

export interface SonarrSeasonModel {
  seasonNumber: number;
  monitored: boolean;
}

export interface SonarrSeriesModel {
  title: string | null;
  sortTitle: string | null;
  tvdbId: number;
  overview: string | null;
  images: { coverType: string; url: string | null; remoteUrl: string | null }[] | null;
  monitored: boolean;
  year: number;
  titleSlug: string | null;
  qualityProfileId: number;
  languageProfileId: number;
  rootFolderPath: string | null;
  seasons: (SonarrSeasonModel | null)[] | null;
  tags: number[] | null;
}

/** `ImportListItemInfo` as `SonarrImport.Fetch` fills it (`seasons` empty unless Sync Season Monitoring). */
export interface SonarrListItem {
  tvdbId: number;
  title: string | null;
  seasons: SonarrSeasonModel[];
}

export type SonarrFetchResult = ListFetchResult<SonarrSeriesModel, SonarrListItem>;

function contractViolations(series: (SonarrSeriesModel | null)[]): string[] {
  const out: string[] = [];
  series.forEach((s, i) => {
    if (s === null) return out.push(`[${i}]: null series`);
    if (!(s.tvdbId > 0)) out.push(`[${i}].tvdbId: ${s.tvdbId} (must be > 0, else Sonarr rejects the series)`);
    if (s.tags === null) out.push(`[${i}].tags: missing (a tag filter would fail the whole list)`);
    if (s.rootFolderPath === null) out.push(`[${i}].rootFolderPath: missing (a root-folder filter would fail the whole list)`);
    if (s.seasons === null) out.push(`[${i}].seasons: missing (Sync Season Monitoring would fail the whole list)`);
    else {
      const numbers = s.seasons.flatMap((x) => (x === null ? [] : [x.seasonNumber]));
      if (new Set(numbers).size !== numbers.length) out.push(`[${i}].seasons: a season number appears twice`);
    }
  });
  return out;
}

/** A `/api/v3/series` body as Sonarr deserialises it, without HTTP (see `parseRadarrMovies`). */
export function parseSonarrSeries(content: string): { series: (SonarrSeriesModel | null)[] | null; violations: string[] } {
  const violations: string[] = [];
  const series = deserializeList(content, SONARR_SERIES, violations) as (SonarrSeriesModel | null)[] | null;
  if (series !== null) violations.push(...contractViolations(series));
  return { series, violations };
}

/** `SonarrImport.Fetch`'s loop: the filters and the season copy, throwing where Sonarr dereferences a null. */
export function filterSonarrSeries(series: (SonarrSeriesModel | null)[], settings: SonarrListSettings): SonarrListItem[] {
  const out: SonarrListItem[] = [];
  for (const s of series) {
    if (s === null) throw new TypeError(NULL_REFERENCE);
    if (active(settings.profileIds) && !settings.profileIds.includes(s.qualityProfileId)) continue;
    if (active(settings.languageProfileIds) && !settings.languageProfileIds.includes(s.languageProfileId)) continue;
    if (active(settings.tagIds)) {
      if (s.tags === null) throw new TypeError(NULL_REFERENCE);
      if (!settings.tagIds.some((id) => s.tags!.includes(id))) continue;
    }
    if (active(settings.rootFolderPaths)) {
      if (s.rootFolderPath === null) throw new TypeError(NULL_REFERENCE);
      const root = s.rootFolderPath.toLowerCase();
      if (!settings.rootFolderPaths.some((p) => root.includes(p.toLowerCase()))) continue;
    }
    let seasons: SonarrSeasonModel[] = [];
    if (settings.syncSeasonMonitoring) {
      if (s.seasons === null) throw new TypeError(NULL_REFERENCE);
      seasons = s.seasons.map((x) => {
        if (x === null) throw new TypeError(NULL_REFERENCE);
        return { seasonNumber: x.seasonNumber, monitored: x.monitored };
      });
    }
    out.push({ tvdbId: s.tvdbId, title: s.title, seasons });
  }
  return out;
}

export function sonarrList(settings: SonarrListSettings, opts: ReplayOptions = {}) {
  const list = new ListReplay("Sonarr", settings, opts);
  /** `SonarrV3Proxy.GetSeries`: request and deserialisation. */
  const getSeries = async () => {
    const content = await list.getContent("/api/v3/series");
    return content === null ? { series: [], violations: [] } : parseSonarrSeries(content);
  };

  return {
    calls: list.calls,
    violations: list.violations,
    /** One sync of the list (`SonarrImport.Fetch`). */
    async fetch(): Promise<SonarrFetchResult> {
      const from = list.calls.length;
      let violations: string[] = [];
      try {
        const got = await getSeries();
        violations = got.violations;
        list.violations.push(...violations);
        if (got.series === null) throw new TypeError(NULL_REFERENCE);
        const items = filterSonarrSeries(got.series, settings);
        return { ok: true, remote: got.series as SonarrSeriesModel[], items, violations, calls: list.calls.slice(from) };
      } catch (err) {
        return { ok: false, error: (err as Error).message, remote: [], items: [], violations, calls: list.calls.slice(from) };
      }
    },
    /** The Test button: null when it passes. */
    test(): Promise<ValidationFailure | null> {
      return list.test(async () => list.violations.push(...(await getSeries()).violations));
    },
    qualityProfiles: (): Promise<DropDown> => list.dropDown("profiles"),
    languageProfiles: (): Promise<DropDown> => list.dropDown("languageProfiles"),
    tags: (): Promise<DropDown> => list.dropDown("tags"),
    rootFolders: (): Promise<DropDown> => list.dropDown("rootFolders"),
  };
}

/** Sonarr's list "Monitor" option (`MonitorTypes`). */
export type SonarrMonitor = "all" | "future" | "missing" | "existing" | "firstSeason" | "lastSeason" | "pilot" | "none";

export interface SonarrListOptions {
  /** The list's "Monitor" option. Default "all". */
  monitor?: SonarrMonitor;
  /** The list's "Monitor New Seasons". Default "all". */
  monitorNewItems?: "all" | "none";
}

export interface SonarrLibrary {
  tvdbIds?: readonly number[];
  exclusions?: readonly number[];
}

export interface SonarrAddition {
  tvdbId: number;
  title: string | null;
  /** The series' own monitored flag: `ShouldMonitor != None` (even with seasons — Sonarr#7409's first half). */
  monitored: boolean;
  /** `AddOptions.Monitor`: "skip" when the item carries seasons, else the list's option. */
  addMonitor: SonarrMonitor | "skip";
  /** The seasons the list handed over (empty without Sync Season Monitoring). */
  seasons: SonarrSeasonModel[];
}

/**
 * The series Sonarr would add from one fetch (`ImportListSyncService.ProcessListItems`): nothing
 * when the fetch failed; `tvdbId` ≤ 0 rejected ("unable to find TVDB ID"); duplicates (first
 * wins), series already in the library and excluded ones skipped.
 */
export function sonarrWouldAdd(result: SonarrFetchResult, list: SonarrListOptions = {}, library: SonarrLibrary = {}): SonarrAddition[] {
  if (!result.ok) return [];
  const monitor = list.monitor ?? "all";
  const out: SonarrAddition[] = [];
  for (const item of result.items) {
    if (item.tvdbId <= 0) continue;
    if (library.exclusions?.includes(item.tvdbId) || library.tvdbIds?.includes(item.tvdbId)) continue;
    if (out.some((a) => a.tvdbId === item.tvdbId)) continue;
    out.push({
      tvdbId: item.tvdbId,
      title: item.title,
      monitored: monitor !== "none",
      addMonitor: item.seasons.length > 0 ? "skip" : monitor,
      seasons: item.seasons,
    });
  }
  return out;
}

/**
 * The season monitoring Sonarr ends up with after adding a series with `listSeasons`
 * (`RefreshSeriesService.UpdateSeasons`): for every season TheTVDB has, the list's flag when the
 * list names it, else false for specials and `monitorNewItems == "all"` for the rest. Returns the
 * monitored season numbers, ascending.
 */
export function sonarrMonitoredSeasons(
  listSeasons: readonly SonarrSeasonModel[],
  tvdbSeasons: readonly number[],
  monitorNewItems: "all" | "none" = "all",
): number[] {
  return [...new Set(tvdbSeasons)]
    .sort((a, b) => a - b)
    .filter((n) => {
      const listed = listSeasons.find((s) => s.seasonNumber === n);
      if (listed) return listed.monitored;
      return n !== 0 && monitorNewItems === "all";
    });
}
