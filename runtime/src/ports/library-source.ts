/**
 * Library sync (product.md §5.2–5.3), seen from the syncing side: a media server's libraries as a
 * `LibrarySource` (Plex today: `adapters/plex/library-source.ts`), and the Stellarr server they are
 * sent to as a `LibrarySyncTarget` (`adapters/sync-target/stellarr-http.ts`).
 */
import type { MediaType } from "./store/index.js";

/** One library item as the sync endpoints take it: TMDB, TVDB and/or IMDb id, and the title when known. */
export interface SyncItem {
  tmdb_id: number | null;
  tvdb_id: number | null;
  /** `tt` + digits; the server maps it through TMDB /find when there is no TMDB id (absent = null). */
  imdb_id?: string | null;
  title: string | null;
}

export interface LibrarySection {
  key: string;
  /** The server's own name of the section type (Plex: `movie`, `show`, `artist`, `photo`). */
  type: string;
  title: string;
  /** What the section holds for Stellarr; null for anything but movies and shows. */
  mediaType: MediaType | null;
}

export interface LibrarySource {
  serverName(): Promise<string>;
  sections(): Promise<LibrarySection[]>;
  /** Total items of a section (cheap: no items read). */
  sectionSize(key: string): Promise<number>;
  /** The section's items page by page; null for an item without a TMDB or TVDB id. `total` is the server's count. */
  sectionItems(key: string): AsyncGenerator<{ items: (SyncItem | null)[]; total: number }>;
}

export interface SyncBatchResult {
  synced: number;
  marked_as_added: number;
  /** Indexes (in the batch) of items the server could not resolve to a TMDB id. */
  unresolved: number[];
}

export interface SyncCommitResult {
  synced: number;
  removed: number;
  marked_as_added: number;
}

export interface LibrarySyncTarget {
  /** One batch; with a `syncId` it is staged into that full resync, else upserted (incremental). */
  postBatch(mediaType: MediaType, items: SyncItem[], opts: { syncId: string | null; notify: boolean }): Promise<SyncBatchResult>;
  /** Switches the library of that type to exactly the resync's staged set. */
  commit(mediaType: MediaType, syncId: string, opts: { notify: boolean }): Promise<SyncCommitResult>;
}
