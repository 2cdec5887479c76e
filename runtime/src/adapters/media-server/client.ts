/**
 * A Jellyfin or Emby client for the library sync (docs/jellyfin.md, docs/emby.md): one
 * implementation, the servers differ only in how the API key travels.
 *
 * - Jellyfin: `Authorization: MediaBrowser Client="Stellarr", …, Token="<key>"`. Jellyfin 12 no
 *   longer accepts `X-Emby-Token`/`X-MediaBrowser-Token`/`?api_key=` unless "legacy authorization"
 *   is switched back on (`AuthorizationContext.cs`); the `Authorization` form works on every version.
 * - Emby: `X-Emby-Token: <key>`, the form Emby's own clients and third-party tools use.
 *
 * Calls: `/System/Info` (authenticated, so a wrong key fails on the first call), `/Library/MediaFolders`,
 * and `/Items?ParentId=…&Recursive=true&IncludeItemTypes=Movie|Series&Fields=ProviderIds`, paged with
 * `StartIndex`/`Limit` and sorted by `DateCreated,SortName` so that titles added during a sync land
 * after the cursor. Every call has the retry options' deadline and is retried on network errors,
 * timeouts, 429 and 5xx; the body is read within the deadline.
 */
import type { MediaServerKind } from "../../domain/media-server/event.js";
import type { MediaServerLibraryDto } from "../../domain/media-server/library-entry.js";
import { HttpFailure, requestWithRetry, type RetryOptions } from "../http-client/fetch-with-retry.js";

export type SyncMediaType = "movie" | "tv";

export interface MediaServerClientOptions {
  kind: MediaServerKind;
  /** The server's address, e.g. `http://jellyfin.lan:8096` (a reverse-proxy path prefix is kept). */
  baseUrl: string;
  /** An API key made in the server's dashboard (Jellyfin: Dashboard → API Keys; Emby: Settings → API Keys). */
  apiKey: string;
  /** Sent as `UserId` with `/Items`: only Jellyfin before 10.9 needs one (newer servers accept an API key alone). */
  userId?: string | null;
  /** Items per `/Items` page (default 500). */
  pageSize?: number;
  retry: RetryOptions;
  /** Stellarr's version, sent as the client version in Jellyfin's `Authorization` header. */
  clientVersion?: string;
}

export interface MediaServerInfo {
  id: string | null;
  name: string;
  version: string | null;
  product: string | null;
}

export interface MediaServerLibrary {
  id: string;
  name: string;
  /** As the server says (`movies`, `tvshows`, `music`, `boxsets`…); null for Jellyfin's mixed libraries. */
  collectionType: string | null;
  /** The media types the sync reads from it: movies → movie, tvshows → tv, mixed → both, others → none. */
  mediaTypes: SyncMediaType[];
}

export interface LibraryPage {
  /** New items of this page: one already seen in this library (by `Id`) is not repeated; one without an `Id` is left out. */
  items: MediaServerLibraryDto[];
  /** The server's `TotalRecordCount` on this page (null when it sends none). */
  total: number | null;
  /** Distinct items read from the library so far. */
  read: number;
}

export interface MediaServerClient {
  readonly kind: MediaServerKind;
  /** `Jellyfin` or `Emby`, for messages. */
  readonly label: string;
  info(): Promise<MediaServerInfo>;
  libraries(): Promise<MediaServerLibrary[]>;
  /** How many movies or shows a library holds (one call with `Limit=0`). */
  count(library: MediaServerLibrary, mediaType: SyncMediaType): Promise<number>;
  /** The library's movies or shows, page by page. */
  items(library: MediaServerLibrary, mediaType: SyncMediaType): AsyncGenerator<LibraryPage>;
}

const ITEM_TYPE: Record<SyncMediaType, string> = { movie: "Movie", tv: "Series" };
/** Start-overs of one library's read (see `items`) before the sync gives up on it. */
const MAX_RESTARTS = 3;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

export function createMediaServerClient(opts: MediaServerClientOptions): MediaServerClient {
  const label = opts.kind === "jellyfin" ? "Jellyfin" : "Emby";
  const base = opts.baseUrl.replace(/\/+$/, "");
  const pageSize = opts.pageSize ?? 500;
  const apiKey = opts.apiKey.trim();
  // A key a header cannot carry would fail every attempt with an obscure TypeError; say so once.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new HttpFailure(`${label}: the API key must be printable ASCII without spaces`, null);
  const headers: Record<string, string> =
    opts.kind === "jellyfin"
      ? {
          Accept: "application/json",
          Authorization: `MediaBrowser Client="Stellarr", Device="stellarr-sync", DeviceId="stellarr-${opts.kind}-sync", Version="${opts.clientVersion ?? "1"}", Token="${encodeURIComponent(apiKey)}"`,
        }
      : { Accept: "application/json", "X-Emby-Token": apiKey };

  async function get(path: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const query = new URLSearchParams(params).toString();
    const what = `${label} ${path}`;
    return requestWithRetry(`${base}${path}${query ? `?${query}` : ""}`, { headers }, opts.retry, what, async (res) => {
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        if (res.status === 401) throw new HttpFailure(`${label} rejected the API key (401); check --api-key`, 401);
        if (res.status === 403) throw new HttpFailure(`${what} answered 403: the API key is not allowed to read the libraries`, 403);
        if (res.status === 404) throw new HttpFailure(`${what} answered 404: is --server-url the address of the ${label} server?`, 404);
        throw new HttpFailure(`${what} answered ${res.status}`, res.status);
      }
      const body = await res.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new HttpFailure(`${what} did not answer JSON (a proxy's page?)`, res.status);
      }
      if (!isObject(parsed)) throw new HttpFailure(`${what} answered an unexpected shape`, res.status);
      return parsed;
    });
  }

  function itemsQuery(library: MediaServerLibrary, mediaType: SyncMediaType, start: number, limit: number): Record<string, string> {
    return {
      ParentId: library.id,
      Recursive: "true",
      IncludeItemTypes: ITEM_TYPE[mediaType],
      Fields: "ProviderIds",
      SortBy: "DateCreated,SortName",
      SortOrder: "Ascending",
      StartIndex: String(start),
      Limit: String(limit),
      EnableImages: "false",
      EnableUserData: "false",
      EnableTotalRecordCount: "true",
      ...(opts.userId ? { UserId: opts.userId } : {}),
    };
  }

  function page(body: Record<string, unknown>): { items: MediaServerLibraryDto[]; total: number | null } {
    if (!Array.isArray(body.Items)) throw new HttpFailure(`${label} /Items answered an unexpected shape (no Items list)`, 200);
    const total = typeof body.TotalRecordCount === "number" && Number.isInteger(body.TotalRecordCount) ? body.TotalRecordCount : null;
    return { items: body.Items.filter(isObject) as MediaServerLibraryDto[], total };
  }

  return {
    kind: opts.kind,
    label,
    async info() {
      const body = await get("/System/Info");
      return { id: text(body.Id), name: text(body.ServerName) ?? label, version: text(body.Version), product: text(body.ProductName) };
    },
    async libraries() {
      const body = await get("/Library/MediaFolders");
      if (!Array.isArray(body.Items))
        throw new HttpFailure(`${label} /Library/MediaFolders answered an unexpected shape (no Items list)`, 200);
      return body.Items.filter(isObject).flatMap((folder): MediaServerLibrary[] => {
        const id = text(folder.Id);
        if (id === null) return [];
        const collectionType = text(folder.CollectionType)?.toLowerCase() ?? null;
        const mediaTypes: SyncMediaType[] =
          collectionType === "movies"
            ? ["movie"]
            : collectionType === "tvshows"
              ? ["tv"]
              : collectionType === null || collectionType === "mixed"
                ? ["movie", "tv"]
                : [];
        return [{ id, name: text(folder.Name) ?? id, collectionType, mediaTypes }];
      });
    },
    async count(library, mediaType) {
      return page(await get("/Items", itemsQuery(library, mediaType, 0, 0))).total ?? 0;
    },
    async *items(library, mediaType) {
      // Titles may come and go while a large library is read. Sorting by DateCreated puts new ones
      // after the cursor; one removed before the cursor would shift the unread rest back past it.
      // So every page after the first starts `overlap` places early, and a title of the previous
      // page must reappear in it (the id check drops what comes twice): the sort keeps surviving
      // titles in order, so every unread one lies after it. If none does, the library moved by more
      // than the overlap: the read starts over (titles already yielded are not repeated), at most
      // MAX_RESTARTS times. A completed read is therefore contiguous.
      const overlap = Math.max(1, Math.min(50, Math.floor(pageSize / 10)));
      const seen = new Set<string>();
      let read = 0;
      let restarts = 0;
      let cursor = 0;
      let previous: string[] = [];
      const restart = () => {
        if (++restarts > MAX_RESTARTS) {
          throw new HttpFailure(`${label}: the library "${library.name}" changed too much while it was read; run the sync again`, null);
        }
        cursor = 0;
        previous = [];
      };
      for (;;) {
        const from = previous.length > 0 ? Math.max(0, cursor - overlap) : cursor;
        const { items, total } = page(await get("/Items", itemsQuery(library, mediaType, from, pageSize + (cursor - from))));
        if (items.length === 0) {
          // An empty page before the end would make a full resync drop the rest of the library.
          if (total !== null && from < total) {
            throw new HttpFailure(`${label} /Items returned an empty page at ${from} of ${total}; the library read is incomplete`, 200);
          }
          // The library shrank below the cursor: what was after it may now lie before it.
          if (previous.length > 0 && total !== null) {
            restart();
            continue;
          }
          if (read === 0) yield { items: [], total, read };
          return;
        }
        const ids = items.map((item) => text(item.Id));
        if (previous.length > 0 && lastIndexIn(ids, new Set(previous)) === -1) {
          restart();
          continue;
        }
        const fresh = items.filter((_, i) => ids[i] !== null && !seen.has(ids[i]!));
        for (const item of fresh) seen.add(text(item.Id)!);
        read += fresh.length;
        yield { items: fresh, total, read };
        cursor = from + items.length;
        previous = ids.filter((id): id is string => id !== null);
        if (total !== null && cursor >= total) return;
      }
    },
  };
}

/** The last index of `ids` whose id is in `wanted`, or -1. */
function lastIndexIn(ids: readonly (string | null)[], wanted: ReadonlySet<string>): number {
  for (let i = ids.length - 1; i >= 0; i--) if (ids[i] !== null && wanted.has(ids[i]!)) return i;
  return -1;
}
