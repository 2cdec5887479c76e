/**
 * Library sync use cases (product.md §5.3) over the ports: a batch (incremental upsert, or staging
 * into a full resync) and the commit of a full resync. Marking pending requests added (and
 * notifying their requesters) happens per batch in incremental mode and at commit in full mode.
 */
import type { SyncItem } from "../../domain/library/batch.js";
import { isoNow } from "../../lib/clock.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Catalogue } from "../../ports/catalogue.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { Notifier } from "../../ports/notifier.js";
import type { MediaType } from "../../ports/store/index.js";
import type { LibraryItem, LibrarySourceName, LibraryStore, ResyncCommitResult } from "../../ports/store/library.js";
import type { RequestStore, StoredRequest } from "../../ports/store/requests.js";
import { notifyFulfilled, WEBHOOK_NOTIFY_WAIT_MS } from "./notify-fulfilled.js";

export interface SyncDeps {
  store: LibraryStore & RequestStore;
  catalogue: Pick<Catalogue, "find">;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
}

/** Sync responses wait this long at most for push and channel delivery (the rest continues in the background). */
export const SYNC_NOTIFY_WAIT_MS = WEBHOOK_NOTIFY_WAIT_MS;
const FIND_CONCURRENCY = 8;

export interface BatchOutcome {
  /** Entries written (distinct TMDB ids in the batch after resolution). */
  synced: number;
  marked_as_added: number;
  /** Indexes of items whose TVDB id TMDB could not map. */
  unresolved: number[];
}

/**
 * Items without a TMDB id → TMDB ids through the catalogue's `/find`: the TVDB id, else (or when
 * TMDB does not know it) the IMDb id; bounded concurrency, each external id once. Upstream failures
 * propagate, so nothing is written for a batch that could not be resolved.
 */
export async function resolveItems(
  mediaType: MediaType,
  items: readonly SyncItem[],
  catalogue: Pick<Catalogue, "find">,
): Promise<{ entries: LibraryItem[]; unresolved: number[] }> {
  const pick = (r: { tv_ids: number[]; movie_ids: number[] }) => (mediaType === "tv" ? r.tv_ids[0] : r.movie_ids[0]) ?? null;
  const lacking = items.filter((i) => i.tmdb_id === null);
  const byTvdb = new Map<number, number | null>();
  await mapLimit([...new Set(lacking.flatMap((i) => (i.tvdb_id !== null ? [i.tvdb_id] : [])))], FIND_CONCURRENCY, async (tvdb) => {
    byTvdb.set(tvdb, pick(await catalogue.find(String(tvdb), "tvdb_id")));
  });
  const viaTvdb = (item: SyncItem) => (item.tvdb_id !== null ? (byTvdb.get(item.tvdb_id) ?? null) : null);
  const byImdb = new Map<string, number | null>();
  const imdbWanted = lacking.flatMap((i) => (viaTvdb(i) === null && i.imdb_id ? [i.imdb_id] : []));
  await mapLimit([...new Set(imdbWanted)], FIND_CONCURRENCY, async (imdb) => {
    byImdb.set(imdb, pick(await catalogue.find(imdb, "imdb_id")));
  });

  const byId = new Map<number, LibraryItem>();
  const unresolved: number[] = [];
  items.forEach((item, index) => {
    const tmdb = item.tmdb_id ?? viaTvdb(item) ?? (item.imdb_id ? byImdb.get(item.imdb_id) : null) ?? null;
    if (tmdb === null) return void unresolved.push(index);
    const previous = byId.get(tmdb);
    // Unknown fields stay undefined so the store keeps what it has (e.g. a title from the webhook).
    byId.set(tmdb, {
      tmdb_id: tmdb,
      ...(item.tvdb_id !== null ? { tvdb_id: item.tvdb_id } : previous?.tvdb_id != null ? { tvdb_id: previous.tvdb_id } : {}),
      ...(item.title !== null ? { title: item.title } : previous?.title != null ? { title: previous.title } : {}),
    });
  });
  return { entries: [...byId.values()], unresolved };
}

/** Flips the pending requests of `mediaType` whose TMDB id is in `inLibrary`, and notifies unless told not to. */
export async function markPendingAdded(
  mediaType: MediaType,
  inLibrary: ReadonlySet<number>,
  deps: SyncDeps,
  notify: boolean,
): Promise<StoredRequest[]> {
  if (inLibrary.size === 0) return [];
  const pending = await deps.store.allRequests({ media_type: mediaType, status: "pending" });
  const now = isoNow(deps.clock);
  const flipped: StoredRequest[] = [];
  for (const r of pending) {
    if (!inLibrary.has(r.tmdb_id)) continue;
    const done = await deps.store.markAdded({ media_type: mediaType, tmdb_id: r.tmdb_id }, now, null);
    if (done) flipped.push(done);
  }
  if (notify && flipped.length > 0) {
    await notifyFulfilled(deps.notifier, flipped, { waitMs: SYNC_NOTIFY_WAIT_MS, logger: deps.logger });
  }
  return flipped;
}

export async function syncBatch(
  mediaType: MediaType,
  items: readonly SyncItem[],
  opts: { notify: boolean; fullSyncId: string | null; source?: LibrarySourceName },
  deps: SyncDeps,
): Promise<({ ok: true } & BatchOutcome) | { ok: false; reason: "committed" | "type_mismatch" }> {
  const { entries, unresolved } = await resolveItems(mediaType, items, deps.catalogue);
  const now = deps.clock.now();
  const source = opts.source ?? "plex";
  if (opts.fullSyncId !== null) {
    const staged = await deps.store.resyncBatch(mediaType, opts.fullSyncId, entries, now, { source });
    if (!staged.ok) return staged;
    return { ok: true, synced: entries.length, marked_as_added: 0, unresolved };
  }
  if (entries.length > 0) await deps.store.upsertLibrary(mediaType, entries, now, { source });
  const flipped = await markPendingAdded(mediaType, new Set(entries.map((e) => e.tmdb_id)), deps, opts.notify);
  return { ok: true, synced: entries.length, marked_as_added: flipped.length, unresolved };
}

export async function commitResync(
  mediaType: MediaType,
  syncId: string,
  opts: { allowEmpty: boolean; notify: boolean; source?: LibrarySourceName },
  deps: SyncDeps,
): Promise<ResyncCommitResult & { marked_as_added?: number }> {
  const source = opts.source ?? "plex";
  const result = await deps.store.resyncCommit(mediaType, syncId, { allowEmpty: opts.allowEmpty, nowMs: deps.clock.now(), source });
  if (!result.ok) return result;
  // Also on a repeated commit: if the first one died after the switch, this finishes the marking.
  const library = new Set(await deps.store.libraryIds(mediaType, source));
  const flipped = await markPendingAdded(mediaType, library, deps, opts.notify);
  deps.logger.info("library resync committed", {
    media_type: mediaType,
    source,
    synced: result.synced,
    removed: result.removed,
    repeated: result.repeated,
  });
  return { ...result, marked_as_added: flipped.length };
}
