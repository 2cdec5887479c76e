/**
 * The original Stellarr's rows → this Stellarr's records, with the validation report (product.md
 * §13). The layout readers (`sqlite-layout.ts`, `dynamodb-layout.ts`) feed rows in one by one;
 * `finish()` applies the rules that need every row: duplicates, the GUID cache's media types, and
 * the DynamoDB backend's GUID-cache corruption. Pure.
 *
 * Rules: keys must be valid or the row is skipped — `media_type` exactly `movie`/`tv`, a positive
 * integer `tmdb_id` (a numeric string is read as the number); so must every other id and every
 * timestamp that is present. Cosmetic fields (title, year, overview, poster, Plex GUID) that do
 * not fit are dropped, and a requester name the login would refuse is dropped: both are noted.
 */
import { normaliseName } from "../../contract/validation.js";
import { normaliseAuthSecret, normaliseP256dh } from "../push/subscription-keys.js";
import type { GuidMapping, MediaRequest, MediaType } from "../../ports/store/index.js";
import { ALL_SEASONS } from "../arr/seasons.js";
import { INVALID, isAbsent, readId, readImdbId, readPosterPath, readText, readTimestamp, readYear, type Read } from "./values.js";

export type ImportKind = "requests" | "library" | "guids" | "subscriptions";
export const IMPORT_KINDS: readonly ImportKind[] = ["requests", "library", "guids", "subscriptions"];

/** One row that was not imported (skipped) or imported without a field (note). `ref` never holds a secret. */
export interface Finding {
  kind: ImportKind;
  ref: string;
  reason: string;
}

export interface LibraryRecord {
  media_type: MediaType;
  tmdb_id: number;
  tvdb_id: number | null;
  title: string | null;
}

export interface GuidRecord {
  guid: string;
  mapping: GuidMapping;
}

export interface SubscriptionRecord {
  owner: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: string;
}

export interface OriginalData {
  /** Oldest first, so the store's sequence ("newest first") keeps the original order. */
  requests: MediaRequest[];
  library: LibraryRecord[];
  guids: GuidRecord[];
  subscriptions: SubscriptionRecord[];
  skipped: Finding[];
  notes: Finding[];
  /** Items that are not data to import (rate-limit windows, config, test records), counted by what they are. */
  ignored: Record<string, number>;
  /** Rows and items read. */
  rows: number;
}

type Row = Record<string, unknown>;

export interface Collector {
  /** A request row: `media_type`, `tmdb_id`, `title`, `year`, `overview`, `poster_path`, `imdb_id`, `tvdb_id`, `requested_by`, `created_at`, `added_at`, `plex_guid`. */
  request(row: Row, ref: string): void;
  /** A library row: `tmdb_id`, `tvdb_id`, `title`, `synced_at`. */
  libraryEntry(mediaType: unknown, row: Row, ref: string): void;
  /**
   * A GUID-cache row: `plex_guid`, `show_tmdb_id`, `show_tvdb_id`, `cached_at`. `storageKey` is the
   * DynamoDB backend's sort key of the row (a hash of the GUID), which its corruption copies into
   * other rows as a TMDB id.
   */
  guid(row: Row, ref: string, storageKey?: number): void;
  /** The push subscription of display name `name`: `endpoint`, `keys` {`p256dh`, `auth`}, `subscribed_at`. */
  subscription(name: string, row: Row, ref: string): void;
  /** An item that is not data to import. */
  ignore(what: string): void;
  finish(): OriginalData;
}

const MEDIA_TYPE_REASON = 'media_type is not exactly "movie" or "tv"';
const MAX_ENDPOINT = 2048;

const byTime = (a: string | null, b: string | null): number => (a ?? "").localeCompare(b ?? "");

/** What a cached GUID is about, when the GUID itself says so (`plex://movie/…`, TV agents, the IMDb agent). */
export function mediaTypeOfGuid(guid: string): MediaType | null {
  if (/^plex:\/\/movie\//i.test(guid) || /^com\.plexapp\.agents\.imdb:\/\//i.test(guid)) return "movie";
  if (/^plex:\/\/(show|season|episode)\//i.test(guid) || /^com\.plexapp\.agents\.(thetvdb|thetvdbdvdorder|tvdb|hama):\/\//i.test(guid)) {
    return "tv";
  }
  return null;
}

function httpsEndpoint(v: unknown): string | null {
  if (typeof v !== "string" || v.length > MAX_ENDPOINT) return null;
  try {
    const url = new URL(v);
    return url.protocol === "https:" && !url.username && !url.password ? v : null;
  } catch {
    return null;
  }
}

export function createCollector(): Collector {
  const skipped: Finding[] = [];
  const notes: Finding[] = [];
  const ignored: Record<string, number> = {};
  let rows = 0;
  let order = 0;

  const requests = new Map<string, { request: MediaRequest; order: number; ref: string }>();
  const library = new Map<string, { entry: LibraryRecord; syncedAt: string | null; ref: string }>();
  interface GuidCandidate {
    guid: string;
    tmdb: number;
    tvdb: number | null;
    cachedAt: string | null;
    storageKey: number | undefined;
    ref: string;
    order: number;
  }
  const guidCandidates: GuidCandidate[] = [];
  /** Every storage key seen per GUID, including rows skipped for other reasons. */
  const storageKeys = new Map<string, Set<number>>();
  const subscriptions = new Map<string, { sub: SubscriptionRecord; ref: string }>();

  const skip = (kind: ImportKind, ref: string, reason: string): void => void skipped.push({ kind, ref, reason });
  const note = (kind: ImportKind, ref: string, reason: string): void => void notes.push({ kind, ref, reason });

  /** An id that must be valid when present; `undefined` means the row was skipped. */
  const id = (kind: ImportKind, ref: string, value: unknown, field: string, required: string | null): number | null | undefined => {
    const n = readId(value);
    if (n === INVALID) skip(kind, ref, `${field} is not a positive integer`);
    else if (n === null && required !== null) skip(kind, ref, required);
    else return n;
    return undefined;
  };
  /** A cosmetic value: dropped (and noted) when it does not fit. */
  const cosmetic = <T>(kind: ImportKind, ref: string, value: Read<T>, what: string): T | null => {
    if (value !== INVALID) return value;
    note(kind, ref, `${what}: dropped`);
    return null;
  };

  return {
    request(row, ref) {
      rows++;
      const mediaType = row.media_type;
      if (mediaType !== "movie" && mediaType !== "tv")
        return skip("requests", ref, isAbsent(mediaType) ? "missing media_type" : MEDIA_TYPE_REASON);
      const tmdbId = id("requests", ref, row.tmdb_id, "tmdb_id", "missing tmdb_id");
      if (tmdbId == null) return;
      const tvdbId = id("requests", ref, row.tvdb_id, "tvdb_id", null);
      if (tvdbId === undefined) return;
      const imdbId = readImdbId(row.imdb_id);
      if (imdbId === INVALID) return skip("requests", ref, "imdb_id is not an IMDb title id");
      const createdAt = readTimestamp(row.created_at);
      if (createdAt === null) return skip("requests", ref, "missing created_at");
      if (createdAt === INVALID) return skip("requests", ref, "created_at is not a timestamp");
      const addedAt = readTimestamp(row.added_at);
      if (addedAt === INVALID) return skip("requests", ref, "added_at is not a timestamp");

      let requestedBy: string | null = null;
      if (!isAbsent(row.requested_by)) {
        const name = typeof row.requested_by === "string" ? normaliseName(row.requested_by) : null;
        if (name?.ok) requestedBy = name.name;
        else note("requests", ref, "requester name not accepted by this Stellarr's login: imported without it");
      }
      const request: MediaRequest = {
        tmdb_id: tmdbId,
        media_type: mediaType,
        title: cosmetic("requests", ref, readText(row.title), "title is not text"),
        year: cosmetic("requests", ref, readYear(row.year), "year is not a year"),
        overview: cosmetic("requests", ref, readText(row.overview), "overview is not text"),
        poster_path: cosmetic("requests", ref, readPosterPath(row.poster_path), "poster_path is not a TMDB poster path"),
        imdb_id: imdbId,
        tvdb_id: tvdbId,
        requested_by: requestedBy,
        created_at: createdAt,
        added_at: addedAt,
        plex_guid: cosmetic("requests", ref, readText(row.plex_guid), "plex_guid is not text"),
        // The original has neither profiles nor per-season requests.
        profile: "default",
        seasons: mediaType === "tv" ? ALL_SEASONS : null,
      };
      const key = `${mediaType}:${tmdbId}`;
      const earlier = requests.get(key);
      if (earlier && byTime(earlier.request.created_at, createdAt) <= 0) {
        return skip("requests", ref, `duplicate of ${earlier.ref} (the earliest request is kept)`);
      }
      if (earlier) skip("requests", earlier.ref, `duplicate of ${ref} (the earliest request is kept)`);
      requests.set(key, { request, order: order++, ref });
    },

    libraryEntry(mediaType, row, ref) {
      rows++;
      if (mediaType !== "movie" && mediaType !== "tv")
        return skip("library", ref, isAbsent(mediaType) ? "missing media_type" : MEDIA_TYPE_REASON);
      const tmdbId = id("library", ref, row.tmdb_id, "tmdb_id", "missing tmdb_id");
      if (tmdbId == null) return;
      const tvdbId = id("library", ref, row.tvdb_id, "tvdb_id", null);
      if (tvdbId === undefined) return;
      const syncedAt = readTimestamp(row.synced_at);
      const entry: LibraryRecord = {
        media_type: mediaType,
        tmdb_id: tmdbId,
        tvdb_id: tvdbId,
        title: cosmetic("library", ref, readText(row.title), "title is not text"),
      };
      const key = `${mediaType}:${tmdbId}`;
      const at = syncedAt === INVALID ? null : syncedAt;
      const earlier = library.get(key);
      if (earlier && byTime(earlier.syncedAt, at) > 0)
        return skip("library", ref, `older duplicate of ${earlier.ref} (the newest is kept)`);
      if (earlier) skip("library", earlier.ref, `older duplicate of ${ref} (the newest is kept)`);
      library.set(key, { entry, syncedAt: at, ref });
    },

    guid(row, ref, storageKey) {
      rows++;
      const guid = readText(row.plex_guid);
      if (guid === null || guid === INVALID) return skip("guids", ref, "missing plex_guid");
      if (storageKey !== undefined) {
        const keys = storageKeys.get(guid) ?? new Set<number>();
        keys.add(storageKey);
        storageKeys.set(guid, keys);
      }
      const tmdb = id("guids", ref, row.show_tmdb_id, "show_tmdb_id", "no TMDB id");
      if (tmdb == null) return;
      const tvdb = id("guids", ref, row.show_tvdb_id, "show_tvdb_id", null);
      if (tvdb === undefined) return;
      const cachedAt = readTimestamp(row.cached_at);
      guidCandidates.push({ guid, tmdb, tvdb, cachedAt: cachedAt === INVALID ? null : cachedAt, storageKey, ref, order: order++ });
    },

    subscription(name, row, ref) {
      rows++;
      const owner = normaliseName(name);
      if (!owner.ok) return skip("subscriptions", ref, "display name not accepted by this Stellarr's login");
      const endpoint = httpsEndpoint(row.endpoint);
      if (endpoint === null) return skip("subscriptions", ref, "endpoint is not an https URL");
      const keys = (typeof row.keys === "object" && row.keys !== null ? row.keys : {}) as Row;
      const p256dh = typeof keys.p256dh === "string" ? normaliseP256dh(keys.p256dh) : null;
      const auth = typeof keys.auth === "string" ? normaliseAuthSecret(keys.auth) : null;
      if (p256dh === null || auth === null) return skip("subscriptions", ref, "keys incomplete (p256dh and auth needed)");
      const createdAt = readTimestamp(row.subscribed_at);
      if (createdAt === null) return skip("subscriptions", ref, "missing subscribed_at");
      if (createdAt === INVALID) return skip("subscriptions", ref, "subscribed_at is not a timestamp");
      const sub: SubscriptionRecord = { owner: owner.name, endpoint, p256dh, auth, created_at: createdAt };
      // One browser subscribed under two names: the endpoint belongs to whoever subscribed it last.
      const earlier = subscriptions.get(endpoint);
      if (earlier && byTime(earlier.sub.created_at, createdAt) > 0) {
        return skip("subscriptions", ref, `the same device subscribed later as ${earlier.ref} (kept)`);
      }
      if (earlier) skip("subscriptions", earlier.ref, `the same device subscribed later as ${ref} (kept)`);
      subscriptions.set(endpoint, { sub, ref });
    },

    ignore(what) {
      rows++;
      ignored[what] = (ignored[what] ?? 0) + 1;
    },

    finish() {
      const requestList = [...requests.values()]
        .sort((a, b) => byTime(a.request.created_at, b.request.created_at) || a.order - b.order)
        .map((r) => r.request);

      // The DynamoDB backend's corruption (reference §7.1.5): a cache row "matched" as if it were a
      // request got cached again, its hash sort key becoming the TMDB id of a new row of the same
      // GUID — and that id then went into LIBRARY#tv.
      const corruptIds = new Set<number>();
      const sound: GuidCandidate[] = [];
      for (const c of guidCandidates) {
        if (storageKeys.get(c.guid)?.has(c.tmdb)) {
          corruptIds.add(c.tmdb);
          skip("guids", c.ref, "TMDB id is the storage key of another cache row of the same GUID (the original's cache corruption)");
        } else sound.push(c);
      }
      const newest = new Map<string, GuidCandidate>();
      for (const c of sound) {
        const earlier = newest.get(c.guid);
        if (earlier && byTime(earlier.cachedAt, c.cachedAt) > 0) {
          skip("guids", c.ref, `older duplicate of ${earlier.ref} (the newest is kept)`);
          continue;
        }
        if (earlier) skip("guids", earlier.ref, `older duplicate of ${c.ref} (the newest is kept)`);
        newest.set(c.guid, c);
      }

      const libraryList: LibraryRecord[] = [];
      for (const { entry, ref } of library.values()) {
        if (entry.media_type === "tv" && corruptIds.has(entry.tmdb_id)) {
          skip("library", ref, "TMDB id comes from the original's GUID-cache corruption");
        } else libraryList.push(entry);
      }

      // A cached GUID's media type: from the GUID itself, else from a request carrying it, else from
      // the one library type that holds its TMDB id.
      const requestTypes = new Map<string, MediaType>();
      for (const r of requestList) if (r.plex_guid !== null) requestTypes.set(r.plex_guid, r.media_type);
      const libraryKeys = new Set(libraryList.map((e) => `${e.media_type}:${e.tmdb_id}`));
      const inLibrary = (type: MediaType, tmdb: number) => libraryKeys.has(`${type}:${tmdb}`);
      const guids: GuidRecord[] = [];
      for (const c of [...newest.values()].sort((a, b) => a.order - b.order)) {
        let type = mediaTypeOfGuid(c.guid) ?? requestTypes.get(c.guid) ?? null;
        if (type === null) {
          const movie = inLibrary("movie", c.tmdb);
          const tv = inLibrary("tv", c.tmdb);
          type = movie !== tv ? (movie ? "movie" : "tv") : null;
        }
        if (type === null) {
          skip("guids", c.ref, "media type unknown (neither the GUID, a request nor the library tells)");
          continue;
        }
        guids.push({ guid: c.guid, mapping: { media_type: type, tmdb_id: c.tmdb, tvdb_id: type === "tv" ? c.tvdb : null } });
      }

      return {
        requests: requestList,
        library: libraryList,
        guids,
        subscriptions: [...subscriptions.values()].map((s) => s.sub),
        skipped,
        notes,
        ignored,
        rows,
      };
    },
  };
}
