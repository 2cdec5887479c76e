/**
 * A movie or show from Jellyfin's or Emby's `/Items?Fields=ProviderIds` → the item the library sync
 * sends. Pure. An IMDb id alone is kept (`imdb_id`): the server maps it through TMDB /find, so
 * IMDb-only titles are not dropped by a full resync.
 */
import type { SyncItem } from "../library/batch.js";
import { splitYearSuffix } from "../plex/title.js";
import { capped, isObject, MAX_TITLE_LENGTH, providerIds, providerKind } from "./fields.js";

/** A sync batch item with its IMDb id always stated (null when none). */
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

export { librarySyncKey } from "../library/batch.js";
