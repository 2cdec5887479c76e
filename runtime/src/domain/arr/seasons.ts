/**
 * Per-season TV requests (issue #22): which seasons a request asks for, how a second request for
 * the same show merges into the first, and the `seasons` array of the series object Sonarr's
 * "Sonarr" import list reads. Pure: TMDB's season list comes in as season numbers.
 *
 * Sonarr (with the list's "Sync Season Monitoring" on) adds the series with exactly the season
 * flags it receives, and monitors every season *missing* from the list when the list's "Monitor
 * New Seasons" is "All" (`RefreshSeriesService.UpdateSeasons`) — so the array always lists every
 * season TMDB has, with `monitored` telling which ones were asked for.
 */

import type { SeasonSelection } from "../../ports/store/requests.js";

export type { SeasonSelection };

/** A request without `seasons`: every regular season, no specials. */
export const ALL_SEASONS: SeasonSelection = Object.freeze({ all: true, seasons: Object.freeze([]) as readonly number[] });

export interface SeasonsError {
  path: (string | number)[];
  message: string;
}

export type SeasonsCheck = { ok: true; selection: SeasonSelection } | { ok: false; errors: SeasonsError[] };

/** At most this many per-element errors are reported (the body cap bounds the array anyway). */
const MAX_ERRORS = 20;

const ascendingUnique = (ns: Iterable<number>): number[] => [...new Set(ns)].sort((a, b) => a - b);

/** The canonical form: sorted, unique, and under `all` only the specials left explicit. */
export function seasonSelection(all: boolean, seasons: Iterable<number>): SeasonSelection {
  const list = ascendingUnique(seasons);
  return { all, seasons: all ? list.filter((n) => n === 0) : list };
}

/**
 * `POST /api/request`'s optional `seasons` for a TV show, checked against TMDB's season list
 * (`available`, the `season_number`s of `/tv/{id}`'s `seasons`). Absent (`undefined`) means all
 * seasons. Otherwise a non-empty array of integers TMDB lists — season 0 only when TMDB has
 * specials; duplicates are ignored. Anything else is an error with the offending path, for a 422.
 */
export function parseSeasons(input: unknown, available: readonly number[]): SeasonsCheck {
  if (input === undefined) return { ok: true, selection: ALL_SEASONS };
  if (!Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ path: ["seasons"], message: "seasons must be a list of season numbers (leave it out for all seasons)" }],
    };
  }
  if (input.length === 0) {
    return { ok: false, errors: [{ path: ["seasons"], message: "seasons must name at least one season (leave it out for all seasons)" }] };
  }
  const listed = new Set(available);
  const errors: SeasonsError[] = [];
  input.forEach((n: unknown, i) => {
    if (errors.length >= MAX_ERRORS) return;
    if (typeof n !== "number" || !Number.isSafeInteger(n))
      errors.push({ path: ["seasons", i], message: "must be an integer season number" });
    else if (!listed.has(n))
      errors.push({
        path: ["seasons", i],
        message: n === 0 ? "TMDB lists no specials (season 0) for this show" : `TMDB lists no season ${n} for this show`,
      });
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, selection: seasonSelection(false, input as number[]) };
}

/** Whether a selection asks for season `n`. */
export function coversSeason(selection: SeasonSelection, n: number): boolean {
  return (selection.all && n > 0) || selection.seasons.includes(n);
}

export type SeasonMerge = { outcome: "updated"; selection: SeasonSelection } | { outcome: "conflict" };

/**
 * A new request for a show that is already requested: seasons not yet asked for are added
 * ("updated"); "all" after a partial request adds the rest (and seasons TMDB adds later); asking
 * only for seasons already covered changes nothing ("conflict", a 409).
 */
export function mergeSeasons(existing: SeasonSelection, incoming: SeasonSelection): SeasonMerge {
  const merged = seasonSelection(existing.all || incoming.all, [...existing.seasons, ...incoming.seasons]);
  const current = seasonSelection(existing.all, existing.seasons);
  const same =
    merged.all === current.all &&
    merged.seasons.length === current.seasons.length &&
    merged.seasons.every((n, i) => n === current.seasons[i]);
  return same ? { outcome: "conflict" } : { outcome: "updated", selection: merged };
}

export interface SonarrSeason {
  seasonNumber: number;
  monitored: boolean;
}

/**
 * The series object's `seasons`: every season TMDB lists (plus any requested season TMDB no
 * longer lists, so a request is never silently narrowed), ascending, `monitored` exactly for the
 * requested ones. Under "all", specials stay unmonitored unless asked for.
 */
export function sonarrSeasons(selection: SeasonSelection, tmdbSeasons: readonly number[]): SonarrSeason[] {
  const numbers = ascendingUnique([...tmdbSeasons.filter((n) => Number.isSafeInteger(n) && n >= 0), ...selection.seasons]);
  return numbers.map((n) => ({ seasonNumber: n, monitored: coversSeason(selection, n) }));
}

/**
 * Storage form (one short string, the same in SQLite and DynamoDB): `"all"`, `"all,0"` (all plus
 * specials) or the explicit numbers, e.g. `"1,2,5"`.
 */
export function encodeSeasons(selection: SeasonSelection): string {
  const canonical = seasonSelection(selection.all, selection.seasons);
  return [...(canonical.all ? ["all"] : []), ...canonical.seasons.map(String)].join(",");
}

/**
 * The inverse of `encodeSeasons`. A missing value (a request stored before per-season requests
 * existed) is "all seasons"; anything unreadable is null, for the caller to treat as a fault.
 */
export function decodeSeasons(text: string | null | undefined): SeasonSelection | null {
  if (text === null || text === undefined) return ALL_SEASONS;
  const parts = text.split(",");
  const all = parts[0] === "all";
  const numbers = all ? parts.slice(1) : parts;
  if (!numbers.every((p) => /^(0|[1-9]\d{0,5})$/.test(p))) return null;
  if (!all && numbers.length === 0) return null;
  return seasonSelection(all, numbers.map(Number));
}
