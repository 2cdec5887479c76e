/**
 * External ids from Plex guid strings: the modern `Guid[]` entries (`tmdb://603`, `tvdb://81189`,
 * `imdb://tt0133093`) and every legacy agent guid (`com.plexapp.agents.themoviedb://603?lang=en`,
 * `…imdb://tt…`, `…thetvdb://81189/1/2?lang=en`, `…hama://tvdb-81189/1/2`). Pure.
 */

import { MAX_ID } from "../../contract/validation.js";

export interface ExternalIds {
  tmdb: number | null;
  tvdb: number | null;
  imdb: string | null;
}

export const noIds = (): ExternalIds => ({ tmdb: null, tvdb: null, imdb: null });

const IMDB_ID = /^tt\d{1,12}$/;

/** A positive integer id in decimal, or null (ids are never negative, fractional or huge). */
export function positiveId(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_ID ? n : null;
}

/** One modern `Guid[]` entry (`scheme://value`). Unknown schemes and malformed values give nothing. */
export function parseGuidEntry(id: string): Partial<ExternalIds> {
  const match = /^([a-z]+):\/\/([^/?#]+)$/i.exec(id.trim());
  if (!match) return {};
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === "tmdb") return idOrNothing("tmdb", positiveId(value));
  if (scheme === "tvdb") return idOrNothing("tvdb", positiveId(value));
  if (scheme === "imdb") return IMDB_ID.test(value) ? { imdb: value } : {};
  return {};
}

/** Merges `Guid[]` entries; the first valid id of each kind wins (Plex lists each kind once). */
export function idsFromGuidList(entries: readonly { id?: unknown }[] | undefined): ExternalIds {
  const ids = noIds();
  for (const entry of entries ?? []) {
    if (typeof entry?.id !== "string") continue;
    const parsed = parseGuidEntry(entry.id);
    if (ids.tmdb === null && parsed.tmdb != null) ids.tmdb = parsed.tmdb;
    if (ids.tvdb === null && parsed.tvdb != null) ids.tvdb = parsed.tvdb;
    if (ids.imdb === null && parsed.imdb != null) ids.imdb = parsed.imdb;
  }
  return ids;
}

/**
 * A legacy agent guid → the ids of the movie or show it belongs to. For TV agents the first path
 * segment is the series id even on season and episode guids (`thetvdb://81189/1/2` → series
 * 81189), which is why these ids are show-level at every level. Modern `plex://…`,
 * `tv.plex.agents.*`, `local://`, `none` and music agents carry no external id.
 */
export function idsFromAgentGuid(guid: string): ExternalIds {
  const ids = noIds();
  const match = /^com\.plexapp\.agents\.([a-z0-9_]+):\/\/([^/?#]*)/i.exec(guid.trim());
  if (!match) return ids;
  const agent = match[1]!.toLowerCase();
  const first = decodeSafe(match[2]!);
  if (agent === "themoviedb" || agent === "tmdb") {
    ids.tmdb = positiveId(first);
  } else if (agent === "thetvdb" || agent === "thetvdbdvdorder" || agent === "tvdb") {
    ids.tvdb = positiveId(first);
  } else if (agent === "imdb") {
    if (IMDB_ID.test(first)) ids.imdb = first;
  } else if (agent === "hama") {
    // HAMA (anime) prefixes the source: tvdb-, tvdb2- … tvdb6- (episode orderings of the same series), tmdb-, imdb-; anidb- has no mapping here.
    const hama = /^(tvdb\d?|tmdb|imdb)-(.+)$/i.exec(first);
    if (hama) {
      const source = hama[1]!.toLowerCase();
      if (source.startsWith("tvdb")) ids.tvdb = positiveId(hama[2]!);
      else if (source === "tmdb") ids.tmdb = positiveId(hama[2]!);
      else if (IMDB_ID.test(hama[2]!)) ids.imdb = hama[2]!;
    }
  }
  return ids;
}

/** Fills the unknown ids of `into` from `from` (earlier sources win). */
export function mergeIds(into: ExternalIds, from: ExternalIds): ExternalIds {
  return {
    tmdb: into.tmdb ?? from.tmdb,
    tvdb: into.tvdb ?? from.tvdb,
    imdb: into.imdb ?? from.imdb,
  };
}

function idOrNothing(kind: "tmdb" | "tvdb", value: number | null): Partial<ExternalIds> {
  return value === null ? {} : { [kind]: value };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
