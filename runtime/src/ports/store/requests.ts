/** Media requests: one per (media_type, tmdb_id), listed newest first by the store's sequence. */
import type { MediaType, TitleKey } from "./index.js";

/** The *arr routing label a requester picks (issue #22; `domain/arr/profiles.ts` maps it to list ids). */
export type ArrProfile = "default" | "4k";

/**
 * What a TV request asks for (`domain/arr/seasons.ts`). `all`: every regular season (number > 0)
 * TMDB lists now or adds later. `seasons`: season numbers asked for explicitly, ascending, no
 * duplicates; with `all` only specials (0) are kept here, the regular ones being implied.
 */
export interface SeasonSelection {
  readonly all: boolean;
  readonly seasons: readonly number[];
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
  /** The *arr routing label the requester picked (`default` for requests made before it existed). */
  profile: ArrProfile;
  /** TV: the seasons asked for (`{all: true, seasons: []}` = every regular season); null for movies. */
  seasons: SeasonSelection | null;
}

/** A stored request: the API shape plus the store's monotonic sequence ("newest first" order) and the *arr facts. */
export interface StoredRequest extends MediaRequest {
  seq: number;
  /** Precomputed with `isAnime` from TMDB's genres, language and countries (false for older rows until refreshed). */
  anime: boolean;
  /** TV: TMDB's season numbers when requested or last refreshed; null when unknown (older rows, movies). */
  tmdb_seasons: number[] | null;
}

/**
 * A request to insert. `added_at`/`plex_guid` are only for a request that arrives already fulfilled
 * (`stellarr import-original`): they land in the same conditional write, so such a request is never
 * pending, not even for a moment (a pending one would reach the *arr feeds).
 */
export type NewRequest = Omit<MediaRequest, "added_at" | "plex_guid" | "profile" | "seasons"> & {
  added_at?: string | null;
  plex_guid?: string | null;
  /** Default `default`. */
  profile?: ArrProfile;
  /** TV only; absent or null = all seasons (movies always store null). */
  seasons?: SeasonSelection | null;
  anime?: boolean;
  tmdb_seasons?: number[] | null;
};

/** What a later request for the same show changes (`mergeSeasons`), with TMDB's season list as just read. */
export interface SeasonsUpdate {
  /** The selection the caller read; the write happens only while it is still the stored one. */
  expected: SeasonSelection;
  seasons: SeasonSelection;
  tmdb_seasons: number[];
}

/** What the daily refresh re-reads from TMDB for the *arr lists. */
export interface ArrFacts {
  anime: boolean;
  tmdb_seasons: number[] | null;
}

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
  /**
   * A pending TV request's seasons, compare-and-set on `expected`: the updated request, or null
   * when it is gone, no longer pending, or its seasons changed meanwhile (the caller re-reads).
   */
  updateSeasons(key: TitleKey, update: SeasonsUpdate): Promise<StoredRequest | null>;
  /** Refresh `anime` and `tmdb_seasons` (daily job). No-op when the request is gone. */
  setArrFacts(key: TitleKey, facts: ArrFacts): Promise<void>;
}
