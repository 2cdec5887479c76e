/**
 * A Plex Media Server client for the library-sync CLI: `X-Plex-Token` and `Accept:
 * application/json` on every call, sections from `/library/sections`, and each section's items
 * from `/library/sections/{key}/all?includeGuids=1`, paged with `X-Plex-Container-Start/Size`.
 */
import { fetchWithRetry, HttpFailure, type RetryOptions } from "../http-client/fetch-with-retry.js";

export interface PlexSection {
  key: string;
  /** `movie`, `show`, `artist`, `photo`. */
  type: string;
  title: string;
}

/** The fields of a library item the sync reads. */
export interface PlexLibraryItem {
  ratingKey?: string;
  type?: string;
  title?: string;
  year?: number;
  guid?: string;
  Guid?: { id?: unknown }[];
}

export interface PlexClientOptions {
  baseUrl: string;
  token: string;
  pageSize?: number;
  retry: RetryOptions;
}

interface MediaContainer<T> {
  MediaContainer?: { size?: number; totalSize?: number; offset?: number; friendlyName?: string; Directory?: T[]; Metadata?: T[] };
}

export interface PlexClient {
  serverName(): Promise<string>;
  sections(): Promise<PlexSection[]>;
  /** Total items of a section (one cheap call with a zero-size page). */
  sectionSize(key: string): Promise<number>;
  /** The section's items page by page; `total` is Plex's `totalSize`. */
  sectionItems(key: string): AsyncGenerator<{ items: PlexLibraryItem[]; total: number }>;
}

export function createPlexClient(opts: PlexClientOptions): PlexClient {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const pageSize = opts.pageSize ?? 500;

  async function get<T>(path: string, extraHeaders: Record<string, string> = {}): Promise<MediaContainer<T>> {
    const res = await fetchWithRetry(
      `${base}${path}`,
      {
        headers: {
          "X-Plex-Token": opts.token,
          Accept: "application/json",
          "X-Plex-Product": "Stellarr",
          "X-Plex-Client-Identifier": "stellarr-plex-sync",
          ...extraHeaders,
        },
      },
      opts.retry,
      `Plex ${path.split("?")[0]}`,
    );
    if (res.status === 401) {
      await res.body?.cancel();
      throw new HttpFailure("Plex rejected the token (401)", 401);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new HttpFailure(`Plex ${path.split("?")[0]} answered ${res.status}`, res.status);
    }
    try {
      return (await res.json()) as MediaContainer<T>;
    } catch {
      throw new HttpFailure(`Plex ${path.split("?")[0]} did not answer JSON`, res.status);
    }
  }

  const paging = (start: number, size: number) => ({ "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(size) });

  return {
    async serverName() {
      const body = await get<never>("/");
      return body.MediaContainer?.friendlyName ?? "Plex Media Server";
    },
    async sections() {
      const body = await get<{ key?: unknown; type?: unknown; title?: unknown }>("/library/sections");
      return (body.MediaContainer?.Directory ?? [])
        .filter((d) => d && (typeof d.key === "string" || typeof d.key === "number"))
        .map((d) => ({ key: String(d.key), type: String(d.type ?? ""), title: String(d.title ?? "") }));
    },
    async sectionSize(key) {
      const body = await get<never>(`/library/sections/${encodeURIComponent(key)}/all?includeGuids=1`, paging(0, 0));
      return body.MediaContainer?.totalSize ?? body.MediaContainer?.size ?? 0;
    },
    async *sectionItems(key) {
      let start = 0;
      for (;;) {
        const body = await get<PlexLibraryItem>(`/library/sections/${encodeURIComponent(key)}/all?includeGuids=1`, paging(start, pageSize));
        const items = body.MediaContainer?.Metadata ?? [];
        const total = body.MediaContainer?.totalSize ?? start + items.length;
        yield { items, total };
        start += items.length;
        if (items.length === 0 || start >= total) return;
      }
    },
  };
}
