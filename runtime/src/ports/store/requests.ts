/** Media requests: one per (media_type, tmdb_id), listed newest first by the store's sequence. */
import type { MediaType, TitleKey } from "./index.js";

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

/** What the *arr lists render of a request (product.md §6). */
export type FeedEntry = Pick<StoredRequest, "seq" | "tmdb_id" | "title" | "year" | "imdb_id" | "tvdb_id" | "poster_path">;

export type InsertResult = { inserted: true; request: StoredRequest } | { inserted: false; existing: StoredRequest };

export interface RequestStore {
  /** Conditional insert: exactly one row per (media_type, tmdb_id) under any concurrency. */
  insertRequest(request: NewRequest): Promise<InsertResult>;
  getRequest(key: TitleKey): Promise<StoredRequest | null>;
  /** true when a request was removed. Touches nothing but requests. */
  deleteRequest(key: TitleKey): Promise<boolean>;
  /** Newest first (by `seq`), paginated with an opaque cursor. */
  listRequests(query: ListRequestsQuery): Promise<RequestPage>;
  /** Complete list, newest first, paginated internally (feeds, library-status, commit matching). */
  allRequests(filter?: { media_type?: MediaType; status?: RequestStatus }): Promise<StoredRequest[]>;
  /** `allRequests` of one type with only the fields the *arr lists render (SQLite: one covering index, no sort). */
  feedEntries(filter: { media_type: MediaType; status?: RequestStatus }): Promise<FeedEntry[]>;
  countRequests(): Promise<RequestCounts>;
  /** Flip a pending request to added (`added_at` set once). Returns the flipped request, or null when none was pending. */
  markAdded(key: TitleKey, addedAt: string, plexGuid: string | null): Promise<StoredRequest | null>;
  /** Fill in external ids found later (daily refresh). Only sets fields that are currently null. */
  setExternalIds(key: TitleKey, ids: { imdb_id?: string | null; tvdb_id?: number | null }): Promise<void>;
}
