/**
 * The storage port: everything Stellarr persists, behind one interface.
 *
 * Two adapters implement it (`adapters/store/sqlite`, `adapters/store/dynamodb`) and both run the
 * same contract suite (`test/contract/store-contract.ts`). Every method is one logical operation;
 * adapters count their backend round trips in `stats.roundTrips` so tests and benchmarks can
 * check the budgets of product.md §12.
 *
 * Time is always passed in (milliseconds since the epoch) so the domain's clock decides what is
 * expired; adapters never read the wall clock for TTL decisions.
 */

export type MediaType = "movie" | "tv";
export const MEDIA_TYPES: readonly MediaType[] = ["movie", "tv"];

export interface TitleKey {
  media_type: MediaType;
  tmdb_id: number;
}

/** A request as the API shows it (product.md §4): every field present, null when unknown. */
export interface MediaRequest {
  tmdb_id: number;
  media_type: MediaType;
  title: string | null;
  year: number | null;
  overview: string | null;
  poster_path: string | null;
  imdb_id: string | null;
  tvdb_id: number | null;
  requested_by: string | null;
  /** ISO-8601 UTC with milliseconds and `Z`. */
  created_at: string;
  added_at: string | null;
  plex_guid: string | null;
}

/** A stored request: the API shape plus the store's monotonic sequence ("newest first" order). */
export interface StoredRequest extends MediaRequest {
  seq: number;
}

/**
 * A request to insert. `added_at`/`plex_guid` are only for a request that arrives already fulfilled
 * (`stellarr import-original`): they land in the same conditional write, so such a request is never
 * pending, not even for a moment (a pending one would reach the *arr feeds).
 */
export type NewRequest = Omit<MediaRequest, "added_at" | "plex_guid"> & { added_at?: string | null; plex_guid?: string | null };

export type RequestStatus = "pending" | "added";

export interface RequestCounts {
  movie: { pending: number; added: number };
  tv: { pending: number; added: number };
}

export interface ListRequestsQuery {
  media_type?: MediaType;
  status?: RequestStatus;
  /** 1–500. */
  limit: number;
  /** Opaque cursor from a previous page's `next_cursor`. Adapters reject a malformed one with `InvalidCursorError`. */
  cursor?: string;
}

export interface RequestPage {
  requests: StoredRequest[];
  next_cursor: string | null;
}

export type InsertResult = { inserted: true; request: StoredRequest } | { inserted: false; existing: StoredRequest };

export interface TitleStatus {
  requested: boolean;
  /** Pending (not yet added) request exists. */
  pending: boolean;
  in_library: boolean;
}

/** One title in the Plex library. */
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

/** A Plex GUID and what it resolved to, for the GUID cache. */
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
}

/** What a show/movie-level Plex GUID resolved to (the persistent GUID cache, product.md §5.1 step 3). */
export interface GuidMapping {
  media_type: MediaType;
  tmdb_id: number;
  tvdb_id: number | null;
}

/** Whether the stored mapping `a` (null: none) already says what `b` says. */
export const sameGuidMapping = (a: GuidMapping | null, b: GuidMapping): boolean =>
  a !== null && a.media_type === b.media_type && a.tmdb_id === b.tmdb_id && a.tvdb_id === b.tvdb_id;

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

export interface PushSubscriptionRecord {
  endpoint: string;
  owner: string;
  p256dh: string;
  auth: string;
  locale: string;
  /** Identifies the VAPID public key the subscription was made with (e.g. a hash of it). */
  vapid_key_id: string;
  created_at: string;
}

export interface RateLimitWindow {
  count: number;
  /** Window end, ms since the epoch. */
  reset_at: number;
}

export interface StoreStats {
  /** Backend round trips since creation (SQLite: statements/transactions issued; DynamoDB: HTTP calls). */
  roundTrips: number;
}

export interface Store {
  readonly kind: "sqlite" | "dynamodb";
  readonly stats: StoreStats;

  /** Cheap liveness check for `/api/ready`; throws `StoreUnavailableError` when down. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // ---- requests ------------------------------------------------------------------------------
  /** Conditional insert: exactly one row per (media_type, tmdb_id) under any concurrency. */
  insertRequest(request: NewRequest): Promise<InsertResult>;
  getRequest(key: TitleKey): Promise<StoredRequest | null>;
  /** true when a request was removed. Touches nothing but requests. */
  deleteRequest(key: TitleKey): Promise<boolean>;
  /** Newest first (by `seq`), paginated with an opaque cursor. */
  listRequests(query: ListRequestsQuery): Promise<RequestPage>;
  /** Complete list, newest first, paginated internally (feeds, library-status, commit matching). */
  allRequests(filter?: { media_type?: MediaType; status?: RequestStatus }): Promise<StoredRequest[]>;
  countRequests(): Promise<RequestCounts>;
  /** Flip a pending request to added (`added_at` set once). Returns the flipped request, or null when none was pending. */
  markAdded(key: TitleKey, addedAt: string, plexGuid: string | null): Promise<StoredRequest | null>;
  /** Fill in external ids found later (daily refresh). Only sets fields that are currently null. */
  setExternalIds(key: TitleKey, ids: { imdb_id?: string | null; tvdb_id?: number | null }): Promise<void>;

  /** Request and library status of many titles in ONE batched read (search page budget). Keyed by `${media_type}:${tmdb_id}`. */
  titleStatus(keys: TitleKey[]): Promise<Map<string, TitleStatus>>;

  // ---- library -------------------------------------------------------------------------------
  /** TMDB ids in the current library of that type, ascending. Complete. */
  libraryIds(mediaType: MediaType): Promise<number[]>;
  /** `libraryIds` of every type from one consistent read of the current generations (library-status). */
  allLibraryIds(): Promise<Record<MediaType, number[]>>;
  /**
   * Upsert into the current library and into any open full resync of that type, and store
   * `opts.guids` in the GUID cache. No write when nothing changed.
   */
  upsertLibrary(mediaType: MediaType, items: LibraryItem[], nowMs: number, opts?: UpsertOptions): Promise<UpsertResult>;

  // ---- full resync (product.md §5.3) ---------------------------------------------------------
  /** Opens the resync on first use (an empty batch just opens it) and stages items. */
  resyncBatch(mediaType: MediaType, syncId: string, items: LibraryItem[], nowMs: number): Promise<ResyncBatchResult>;
  /** Atomically switches the library of that type to exactly the staged set. */
  resyncCommit(mediaType: MediaType, syncId: string, opts: { allowEmpty: boolean; nowMs: number }): Promise<ResyncCommitResult>;

  // ---- Plex GUID cache -----------------------------------------------------------------------
  getGuid(guid: string): Promise<GuidMapping | null>;
  putGuid(guid: string, mapping: GuidMapping): Promise<void>;

  // ---- push subscriptions (keyed by endpoint) ------------------------------------------------
  /** Creates, or updates/moves an existing endpoint to `sub.owner`. */
  putSubscription(sub: PushSubscriptionRecord): Promise<"created" | "updated">;
  getSubscription(endpoint: string): Promise<PushSubscriptionRecord | null>;
  listSubscriptions(owner: string): Promise<PushSubscriptionRecord[]>;
  /** Deletes the endpoint; when `owner` is given only if it belongs to that owner. true when deleted. */
  deleteSubscription(endpoint: string, owner?: string): Promise<boolean>;

  // ---- single-use login challenges -----------------------------------------------------------
  /** Records the challenge as used. true the first time (ever, until `expiresAtMs`), false afterwards. */
  consumeChallenge(challengeId: string, expiresAtMs: number, nowMs: number): Promise<boolean>;

  // ---- rate-limit windows (fixed window from the first hit) ----------------------------------
  getRateLimit(key: string, nowMs: number): Promise<RateLimitWindow | null>;
  hitRateLimit(key: string, windowMs: number, nowMs: number): Promise<RateLimitWindow>;
  clearRateLimit(key: string): Promise<void>;
}

/** The store is down, full, read-only or throttled: the API answers 503 `store_unavailable` with `Retry-After`. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 5;
  }
  readonly retryAfterSeconds: number;
}

/** A `cursor` that this store did not issue: the API answers 422. */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
}

export const titleKey = (k: TitleKey): string => `${k.media_type}:${k.tmdb_id}`;
