/**
 * What is in the library and what is requested, for the badges on every card. Cached in
 * localStorage (so cards are right on the first paint) and refreshed in the background with a
 * conditional GET; optimistic changes are applied here and reverted on failure.
 */
import { computed, ref, shallowRef } from "vue";
import { fetchLibraryStatus } from "@/api/index.js";
import type { LibraryStatus, MediaRequest, MediaType } from "@/api/types.js";
import { readJson, removeKey, writeJson } from "./storage.js";

const KEY = "stellarr.library";

interface Cached {
  etag: string | null;
  status: LibraryStatus;
}

const key = (type: MediaType, id: number): string => `${type}:${id}`;

const status = shallowRef<LibraryStatus | null>(null);
/** True once the status came from the server or its cached copy (not only optimistic edits). */
const known = ref(false);
let etag: string | null = null;
let refreshing: Promise<void> | null = null;

const librarySet = computed(() => {
  const set = new Set<string>();
  const current = status.value;
  if (current) for (const type of ["movie", "tv"] as const) for (const id of current.library[type] ?? []) set.add(key(type, id));
  return set;
});

const pendingMap = computed(() => {
  const map = new Map<string, MediaRequest>();
  for (const request of status.value?.requests ?? []) map.set(key(request.media_type, request.tmdb_id), request);
  return map;
});

function persist(): void {
  // Only a status that came from the server is worth keeping; optimistic edits alone are not.
  if (status.value && known.value) writeJson(KEY, { etag, status: status.value } satisfies Cached);
}

function isStatus(value: unknown): value is LibraryStatus {
  const v = value as LibraryStatus | null;
  return (
    !!v &&
    typeof v === "object" &&
    !!v.library &&
    Array.isArray(v.library.movie) &&
    Array.isArray(v.library.tv) &&
    Array.isArray(v.requests)
  );
}

export const library = {
  status,
  /** Whether the badges can trust this store over the flags a search result carries. */
  fresh: computed(() => known.value),
  /** Loads the cached copy (if any) without touching the network. */
  restore(): void {
    const cached = readJson<Cached>(KEY);
    if (cached && isStatus(cached.status)) {
      status.value = cached.status;
      etag = typeof cached.etag === "string" ? cached.etag : null;
      known.value = true;
    }
  },
  /** Conditional GET; concurrent calls share one request. Errors are left to the caller. */
  refresh(): Promise<void> {
    refreshing ??= (async () => {
      try {
        const result = await fetchLibraryStatus(status.value ? etag : null);
        known.value = true;
        if (result) {
          status.value = result.status;
          etag = result.etag;
          persist();
        }
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  },
  inLibrary: (type: MediaType, id: number): boolean => librarySet.value.has(key(type, id)),
  isRequested: (type: MediaType, id: number): boolean => pendingMap.value.has(key(type, id)),
  /** The pending request for a title (who asked: "Notify me too" is for someone else's), or null. */
  requestOf: (type: MediaType, id: number): MediaRequest | null => pendingMap.value.get(key(type, id)) ?? null,
  /** Optimistically marks a title as requested; returns the undo. */
  markRequested(request: Pick<MediaRequest, "tmdb_id" | "media_type" | "title"> & Partial<MediaRequest>): () => void {
    const before = status.value;
    const base: LibraryStatus = before ?? { library: { movie: [], tv: [] }, requests: [] };
    const entry: MediaRequest = {
      year: null,
      overview: null,
      poster_path: null,
      imdb_id: null,
      tvdb_id: null,
      requested_by: null,
      created_at: new Date().toISOString(),
      added_at: null,
      plex_guid: null,
      profile: "default",
      seasons: request.media_type === "tv" ? { all: true, seasons: [] } : null,
      ...request,
    };
    status.value = {
      ...base,
      requests: [entry, ...base.requests.filter((r) => key(r.media_type, r.tmdb_id) !== key(entry.media_type, entry.tmdb_id))],
    };
    return () => {
      status.value = before;
    };
  },
  /** Replaces the optimistic entry with the server's request object. */
  confirmRequested(request: MediaRequest): void {
    const base = status.value ?? { library: { movie: [], tv: [] }, requests: [] };
    const k = key(request.media_type, request.tmdb_id);
    status.value = { ...base, requests: [request, ...base.requests.filter((r) => key(r.media_type, r.tmdb_id) !== k)] };
    // The ETag no longer matches what we hold; the next refresh must fetch the full body.
    etag = null;
    persist();
  },
  /** Optimistically forgets a pending request; returns the undo. */
  markRemoved(type: MediaType, id: number): () => void {
    const before = status.value;
    if (!before) return () => {};
    status.value = { ...before, requests: before.requests.filter((r) => key(r.media_type, r.tmdb_id) !== key(type, id)) };
    etag = null;
    persist();
    return () => {
      status.value = before;
      persist();
    };
  },
  clear(): void {
    status.value = null;
    known.value = false;
    etag = null;
    removeKey(KEY);
  },
};
