/** `POST /sync/library`, `POST /sync/library/commit` (product.md §5.3): what the sync CLI sends and gets back. */
import * as z from "zod/mini";
import type { SyncItem } from "../../ports/library-source.js";
import { SYNC_ID_PATTERN } from "../validation.js";

export type { SyncItem };

const mediaType = z.enum(["movie", "tv"]);
/** The library a sync writes to (absent = plex, so scripts from before sources keep working). */
export const LIBRARY_SOURCES = ["plex", "jellyfin", "emby"] as const;
export type LibrarySource = (typeof LIBRARY_SOURCES)[number];
const source = z.optional(z.enum(LIBRARY_SOURCES));
const flag = z.optional(z.enum(["true", "false", "1", "0"]));
const syncId = z.string().check(z.regex(SYNC_ID_PATTERN, "sync_id must match [A-Za-z0-9_-]{1,64}"));

/** `POST /sync/library` query (the body is a JSON array of `SyncItem`). */
export const SyncBatchQuery = z.looseObject({
  media_type: mediaType,
  notify: flag,
  mode: z.optional(z.literal("full")),
  sync_id: z.optional(syncId),
  source,
});

/** `POST /sync/library/commit` query. */
export const SyncCommitQuery = z.looseObject({
  media_type: mediaType,
  sync_id: syncId,
  allow_empty: flag,
  notify: flag,
  source,
});

export interface SyncBatchResponse {
  status: "success";
  synced: number;
  marked_as_added: number;
  /** Indexes of items whose TVDB/IMDb id TMDB could not map. */
  unresolved: number[];
  media_type: "movie" | "tv";
  source: LibrarySource;
}

export interface SyncCommitResponse {
  status: "success";
  media_type: "movie" | "tv";
  source: LibrarySource;
  synced: number;
  removed: number;
  marked_as_added: number;
}
