/**
 * `stellarr import-original` (product.md §13): writes the original Stellarr's normalised data into
 * this Stellarr's store, directly through the store port (never over HTTP).
 *
 * Idempotent: everything is compared with what the store already holds first, and only what is
 * missing is written, so a second run writes nothing. What the store already has wins: an existing
 * request is only completed (marked added when the original fulfilled it; external ids it lacks),
 * an existing library entry, GUID mapping or push subscription is left alone. Safe beside a
 * running server: every request write is conditional (insert-if-absent, mark-added-once,
 * fill-only-nulls); the others are upserts of rows the server itself only rewrites with fresher
 * values, and the gap between the read and the write is one round trip.
 */
import type {
  GuidRecord,
  ImportKind,
  LibraryRecord,
  OriginalData,
  SubscriptionRecord,
  Finding,
} from "../../domain/import-original/collect.js";
import { IMPORT_KINDS } from "../../domain/import-original/collect.js";
import { DEFAULT_PUSH_LOCALE } from "../../domain/push/locale.js";
import { vapidKeyId } from "../../domain/push/vapid-key-id.js";
import { MEDIA_TYPES, titleKey, type MediaRequest, type Store, type StoredRequest } from "../../ports/store.js";

/** The store methods the importer needs, and nothing else. */
export type ImportTarget = Pick<
  Store,
  | "allRequests"
  | "insertRequest"
  | "markAdded"
  | "setExternalIds"
  | "libraryIds"
  | "upsertLibrary"
  | "getGuid"
  | "putGuid"
  | "getSubscription"
  | "putSubscription"
>;

export interface ImportOptions {
  dryRun: boolean;
  /**
   * The public key of the VAPID pair this Stellarr runs with — given only when it is the
   * original's pair: subscriptions are bound to the key they were made with, so with any other key
   * they could never be sent to, and are skipped.
   */
  originalVapidPublicKey: string | null;
  nowMs: number;
  /** Called while comparing ("check") and writing ("write"). */
  onProgress?: (phase: "check" | "write", done: number, total: number) => void;
}

export interface KindCounts {
  /** New rows written (or, in a dry run, that would be). */
  imported: number;
  /** Existing requests completed (fulfilment, missing external ids). */
  updated: number;
  /** Already in this Stellarr: left alone. */
  present: number;
  /** Not imported (see `skipped`). */
  skipped: number;
}

export interface ImportReport {
  dryRun: boolean;
  counts: Record<ImportKind, KindCounts>;
  skipped: Finding[];
  notes: Finding[];
  ignored: Record<string, number>;
  rows: number;
  /** Store write operations issued: 0 in a dry run, and 0 when everything was already imported. */
  writes: number;
}

/** Library entries per upsert call (one batched read and write on DynamoDB). */
const LIBRARY_CHUNK = 100;

export const NO_VAPID_REASON =
  "not the original's VAPID keys: give the importer and this Stellarr the original's VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY";

type Action =
  | { kind: "requests"; op: "insert"; request: MediaRequest }
  | { kind: "requests"; op: "complete"; request: MediaRequest; existing: StoredRequest }
  | { kind: "library"; op: "insert"; entries: LibraryRecord[] }
  | { kind: "guids"; op: "insert"; guid: GuidRecord }
  | { kind: "subscriptions"; op: "insert"; sub: SubscriptionRecord };

export async function importOriginal(data: OriginalData, target: ImportTarget, opts: ImportOptions): Promise<ImportReport> {
  const counts = Object.fromEntries(IMPORT_KINDS.map((k) => [k, { imported: 0, updated: 0, present: 0, skipped: 0 }])) as Record<
    ImportKind,
    KindCounts
  >;
  const skipped = [...data.skipped];
  if (opts.originalVapidPublicKey === null) {
    for (const sub of data.subscriptions) skipped.push({ kind: "subscriptions", ref: `PUSH#${sub.owner}`, reason: NO_VAPID_REASON });
  }
  for (const f of skipped) counts[f.kind].skipped++;
  const progress = opts.onProgress ?? (() => {});

  // 1. Compare with the store: reads only.
  const actions: Action[] = [];
  const checkTotal = 3 + data.guids.length + (opts.originalVapidPublicKey === null ? 0 : data.subscriptions.length);
  let checked = 0;
  const tick = () => progress("check", ++checked, checkTotal);

  const existing = new Map((await target.allRequests()).map((r) => [titleKey(r), r]));
  tick();
  for (const request of data.requests) {
    const stored = existing.get(titleKey(request));
    if (!stored) actions.push({ kind: "requests", op: "insert", request });
    else if (completes(stored, request)) actions.push({ kind: "requests", op: "complete", request, existing: stored });
    else counts.requests.present++;
  }
  for (const type of MEDIA_TYPES) {
    const ids = new Set(await target.libraryIds(type));
    tick();
    const fresh = data.library.filter((e) => e.media_type === type && !ids.has(e.tmdb_id));
    counts.library.present += data.library.filter((e) => e.media_type === type).length - fresh.length;
    for (let i = 0; i < fresh.length; i += LIBRARY_CHUNK)
      actions.push({ kind: "library", op: "insert", entries: fresh.slice(i, i + LIBRARY_CHUNK) });
  }
  for (const guid of data.guids) {
    if ((await target.getGuid(guid.guid)) === null) actions.push({ kind: "guids", op: "insert", guid });
    else counts.guids.present++;
    tick();
  }
  if (opts.originalVapidPublicKey !== null) {
    for (const sub of data.subscriptions) {
      if ((await target.getSubscription(sub.endpoint)) === null) actions.push({ kind: "subscriptions", op: "insert", sub });
      else counts.subscriptions.present++;
      tick();
    }
  }

  const report = (writes: number): ImportReport => ({
    dryRun: opts.dryRun,
    counts,
    skipped,
    notes: data.notes,
    ignored: data.ignored,
    rows: data.rows,
    writes,
  });

  if (opts.dryRun) {
    for (const a of actions) {
      if (a.kind === "library") counts.library.imported += a.entries.length;
      else counts[a.kind][a.op === "insert" ? "imported" : "updated"]++;
    }
    return report(0);
  }

  // 2. Write what is missing.
  let writes = 0;
  const total = actions.length;
  for (const [index, action] of actions.entries()) {
    switch (action.kind) {
      case "requests": {
        if (action.op === "insert") {
          writes++;
          const result = await target.insertRequest(action.request);
          if (result.inserted) counts.requests.imported++;
          else if (await complete(target, result.existing, action.request, () => writes++)) counts.requests.updated++;
          else counts.requests.present++;
        } else if (await complete(target, action.existing, action.request, () => writes++)) counts.requests.updated++;
        else counts.requests.present++;
        break;
      }
      case "library": {
        writes++;
        const type = action.entries[0]!.media_type;
        const items = action.entries.map((e) => ({ tmdb_id: e.tmdb_id, tvdb_id: e.tvdb_id, title: e.title }));
        const result = await target.upsertLibrary(type, items, opts.nowMs);
        counts.library.imported += result.added;
        counts.library.present += action.entries.length - result.added;
        break;
      }
      case "guids":
        writes++;
        await target.putGuid(action.guid.guid, action.guid.mapping);
        counts.guids.imported++;
        break;
      case "subscriptions": {
        writes++;
        const outcome = await target.putSubscription({
          ...action.sub,
          // The original's notifications were English only; the UI sends the device's language
          // again whenever it subscribes.
          locale: DEFAULT_PUSH_LOCALE,
          vapid_key_id: vapidKeyId(opts.originalVapidPublicKey!),
        });
        counts.subscriptions[outcome === "created" ? "imported" : "present"]++;
        break;
      }
    }
    progress("write", index + 1, total);
  }
  return report(writes);
}

/** Whether the original knows more about an existing request: its fulfilment, or ids the store lacks. */
function completes(stored: MediaRequest, original: MediaRequest): boolean {
  return (
    (stored.added_at === null && original.added_at !== null) ||
    (stored.imdb_id === null && original.imdb_id !== null) ||
    (stored.tvdb_id === null && original.tvdb_id !== null)
  );
}

/** Completes an existing request with conditional writes only; true when anything changed. */
async function complete(target: ImportTarget, stored: MediaRequest, original: MediaRequest, countWrite: () => void): Promise<boolean> {
  let changed = false;
  const key = { media_type: stored.media_type, tmdb_id: stored.tmdb_id };
  if (stored.added_at === null && original.added_at !== null) {
    countWrite();
    changed = (await target.markAdded(key, original.added_at, original.plex_guid)) !== null;
  }
  const ids = {
    imdb_id: stored.imdb_id === null ? original.imdb_id : null,
    tvdb_id: stored.tvdb_id === null ? original.tvdb_id : null,
  };
  if (ids.imdb_id !== null || ids.tvdb_id !== null) {
    countWrite();
    await target.setExternalIds(key, ids);
    changed = true;
  }
  return changed;
}
