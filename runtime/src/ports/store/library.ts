/**
 * The media-server library ("In Library"): incremental upserts (webhooks, incremental sync) and
 * full resyncs staged under a `sync_id` and switched atomically (product.md §5.3).
 */
import type { GuidMapping } from "./guid-cache.js";
import type { MediaType, TitleKey } from "./index.js";

/**
 * The kind of media server a library entry came from: each kind keeps its own library, and a title
 * is "in library" when any of them has it (product.md §5). Absent = `plex` everywhere.
 */
export type LibrarySourceName = "plex" | "jellyfin" | "emby";

/** One title in the media-server library. */
export interface LibraryItem {
  tmdb_id: number;
  tvdb_id?: number | null;
  title?: string | null;
  plex_guid?: string | null;
}

export interface UpsertResult {
  /** Entries that were not in the (current) library before. */
  added: number;
  /** Entries whose stored fields changed (includes `added`). 0 means no library entry was written. */
  changed: number;
}

/** A media-server GUID and what it resolved to, for the GUID cache. */
export interface GuidEntry {
  guid: string;
  mapping: GuidMapping;
}

export interface UpsertOptions {
  /**
   * GUID-cache mappings to store with the same write (the webhook's show GUID), each only when new
   * or different. On DynamoDB this rides in the library's read and write batches instead of costing
   * a call of its own, which keeps the webhook within its 6 round trips (product.md §12).
   */
  guids?: readonly GuidEntry[];
  /** The library written to (default `plex`). */
  source?: LibrarySourceName;
}

export interface ResyncOptions {
  /** The library the resync replaces (default `plex`); a sync id belongs to one source and type. */
  source?: LibrarySourceName;
}

export type ResyncBatchResult = { ok: true; staged: number } | { ok: false; reason: "committed" | "type_mismatch" };

export type ResyncCommitResult =
  | {
      ok: true;
      /** Entries in the committed set. */
      synced: number;
      /** Entries of the previous library that are gone. */
      removed: number;
      /** True when this sync_id had already been committed (idempotent repeat: nothing changed). */
      repeated: boolean;
    }
  | { ok: false; reason: "unknown" | "empty" | "stale" | "type_mismatch" };

export interface LibraryStore {
  /**
   * TMDB ids in the current library of that type, ascending, without repeats. Complete. With a
   * source: that source's library only; without: every source's (the union, "in library").
   */
  libraryIds(mediaType: MediaType, source?: LibrarySourceName): Promise<number[]>;
  /** The union `libraryIds` of every type from one consistent read of the current generations (library-status). */
  allLibraryIds(): Promise<Record<MediaType, number[]>>;
  /**
   * The sources whose current library holds each title (the requests page's "available on"),
   * aligned with `keys`, each list in the fixed order plex, jellyfin, emby (`[]`: none holds it).
   * One batched read for all the keys — SQLite: one statement; DynamoDB: BatchGetItem of the
   * lanes' pointers and entries, 100 keys per call — never a read per title.
   */
  librarySources(keys: readonly TitleKey[]): Promise<LibrarySourceName[][]>;
  /**
   * Upsert into the current library of `opts.source` (default plex) and into any open full resync
   * of that source and type, and store `opts.guids` in the GUID cache. No write when nothing changed.
   */
  upsertLibrary(mediaType: MediaType, items: LibraryItem[], nowMs: number, opts?: UpsertOptions): Promise<UpsertResult>;

  // ---- full resync (product.md §5.3) ---------------------------------------------------------
  /**
   * Opens the resync on first use (an empty batch just opens it) and stages items. A sync id opened
   * for another type or source answers `type_mismatch`.
   */
  resyncBatch(mediaType: MediaType, syncId: string, items: LibraryItem[], nowMs: number, opts?: ResyncOptions): Promise<ResyncBatchResult>;
  /** Atomically switches the library of that source and type to exactly the staged set; other sources are untouched. */
  resyncCommit(
    mediaType: MediaType,
    syncId: string,
    opts: { allowEmpty: boolean; nowMs: number } & ResyncOptions,
  ): Promise<ResyncCommitResult>;
}
