/**
 * Stellarr's sync endpoints as a `LibrarySyncTarget`, for the library-sync CLI (the token travels
 * in the query, as the API requires; it is never printed).
 */
import { SYNC_COMMIT_PATH, SYNC_PATH } from "../../contract/urls.js";
import type { LibrarySyncTarget, SyncBatchResult, SyncCommitResult } from "../../ports/library-source.js";
import { fetchWithRetry, HttpFailure, type RetryOptions } from "../http-client/fetch-with-retry.js";

/** `source` names the library the sync replaces (absent: plex, which the endpoints assume). */
export function createStellarrClient(opts: {
  url: string;
  token: string;
  retry: RetryOptions;
  source?: "plex" | "jellyfin" | "emby";
}): LibrarySyncTarget {
  const sourceParam: Record<string, string> = opts.source && opts.source !== "plex" ? { source: opts.source } : {};
  const base = opts.url.replace(/\/+$/, "");

  async function post<T>(path: string, params: Record<string, string>, body: unknown, label: string): Promise<T> {
    const q = new URLSearchParams({ ...params, token: opts.token });
    const res = await fetchWithRetry(
      `${base}${path}?${q}`,
      body === undefined
        ? { method: "POST", headers: { accept: "application/json" } }
        : { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) },
      opts.retry,
      label,
    );
    const text = await res.text();
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // A proxy's HTML error page, for instance.
    }
    if (!res.ok) {
      const detail = typeof parsed?.detail === "string" ? parsed.detail : text.slice(0, 200);
      const code = typeof parsed?.code === "string" ? ` ${parsed.code}` : "";
      throw new HttpFailure(`${label}: Stellarr answered ${res.status}${code}: ${detail}`, res.status);
    }
    if (parsed === null) throw new HttpFailure(`${label}: Stellarr did not answer JSON`, res.status);
    return parsed as T;
  }

  return {
    async postBatch(mediaType, items, { syncId, notify }) {
      const params: Record<string, string> = { media_type: mediaType, ...sourceParam };
      if (syncId !== null) Object.assign(params, { mode: "full", sync_id: syncId });
      if (!notify) params.notify = "false";
      const r = await post<Partial<SyncBatchResult>>(SYNC_PATH, params, items, `${mediaType} batch`);
      return { synced: r.synced ?? 0, marked_as_added: r.marked_as_added ?? 0, unresolved: r.unresolved ?? [] };
    },
    async commit(mediaType, syncId, { notify }) {
      const params: Record<string, string> = { media_type: mediaType, sync_id: syncId, ...sourceParam };
      if (!notify) params.notify = "false";
      const r = await post<Partial<SyncCommitResult>>(SYNC_COMMIT_PATH, params, undefined, `${mediaType} commit`);
      return { synced: r.synced ?? 0, removed: r.removed ?? 0, marked_as_added: r.marked_as_added ?? 0 };
    },
  };
}
