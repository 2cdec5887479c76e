/**
 * A movie or show from Jellyfin's or Emby's `/Items?Fields=ProviderIds` → the item the library sync
 * sends. Pure. Unlike today's Plex entries an IMDb id alone is kept (`imdb_id`): the server maps it
 * through TMDB /find, so IMDb-only titles are not dropped by a full resync (issue #23 item 6).
 */
import type { SyncItem } from "../library/batch.js";
import { splitYearSuffix } from "../plex/title.js";
import { capped, isObject, MAX_TITLE_LENGTH, providerIds, providerKind } from "./fields.js";

/** A sync batch item with the IMDb id the sync API is to accept beside the TMDB/TVDB ids. */
export interface LibrarySyncItem extends SyncItem {
  imdb_id: string | null;
}

/** The fields of a `BaseItemDto` the sync reads (unchecked: straight from the server's JSON). */
export interface MediaServerLibraryDto {
  Id?: unknown;
  Name?: unknown;
  Type?: unknown;
  ProductionYear?: unknown;
  ProviderIds?: unknown;
}

/** null when the item has no usable TMDB, TVDB or IMDb id (home videos, unidentified files). */
export function mediaServerLibraryEntry(dto: MediaServerLibraryDto): LibrarySyncItem | null {
  const ids = providerIds(isObject(dto.ProviderIds) ? Object.entries(dto.ProviderIds) : [], providerKind);
  if (ids.tmdb === null && ids.tvdb === null && ids.imdb === null) return null;
  const name = typeof dto.Name === "string" ? capped(dto.Name, MAX_TITLE_LENGTH) : null;
  return { tmdb_id: ids.tmdb, tvdb_id: ids.tvdb, imdb_id: ids.imdb, title: name === null ? null : splitYearSuffix(name).title };
}

/** The key two entries are the same title by (across libraries): TMDB id, else TVDB id, else IMDb id. */
export function librarySyncKey(entry: LibrarySyncItem): string {
  if (entry.tmdb_id !== null) return `tmdb:${entry.tmdb_id}`;
  if (entry.tvdb_id !== null) return `tvdb:${entry.tvdb_id}`;
  return `imdb:${entry.imdb_id}`;
}
