/**
 * A movie or show from the Plex library API (`/library/sections/{key}/all?includeGuids=1`) → the
 * ids the library sync sends: modern `Guid[]` entries and legacy agent guids alike. Pure.
 */
import { MAX_TITLE_LENGTH, type SyncItem } from "../library/batch.js";
import { idsFromAgentGuid, idsFromGuidList, mergeIds } from "./guid.js";
import { splitYearSuffix } from "./title.js";

export interface PlexLibraryMetadata {
  title?: unknown;
  guid?: unknown;
  Guid?: unknown;
}

/**
 * null when the item carries no TMDB, TVDB or IMDb id (e.g. personal media, `hama://anidb-…`). The
 * IMDb id is sent only when it is the only one (legacy `com.plexapp.agents.imdb://tt…`, or a new-agent
 * item whose only Guid is `imdb://`): the server maps it through TMDB /find.
 */
export function plexLibraryEntry(meta: PlexLibraryMetadata): SyncItem | null {
  const list = Array.isArray(meta.Guid) ? (meta.Guid as { id?: unknown }[]) : undefined;
  const ids = mergeIds(
    idsFromGuidList(list),
    typeof meta.guid === "string" ? idsFromAgentGuid(meta.guid) : { tmdb: null, tvdb: null, imdb: null },
  );
  if (ids.tmdb === null && ids.tvdb === null && ids.imdb === null) return null;
  const title =
    typeof meta.title === "string" && meta.title.trim() !== "" ? splitYearSuffix(meta.title).title.slice(0, MAX_TITLE_LENGTH) : null;
  if (ids.tmdb === null && ids.tvdb === null) return { tmdb_id: null, tvdb_id: null, imdb_id: ids.imdb, title };
  return { tmdb_id: ids.tmdb, tvdb_id: ids.tvdb, title };
}
