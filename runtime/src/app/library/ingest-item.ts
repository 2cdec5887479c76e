/**
 * Ingesting one media-server item (product.md §5.1): the Plex webhook's `library.new`, Jellyfin's
 * `ItemAdded` and Emby's `library.new`, all as a `PlexItem` (`domain/media-server/resolvable.ts`)
 * written to their own source's library. What a processed item does: resolve the movie/show, then
 * through the ports upsert the source's library entry (which also lands in any open full resync of
 * that source), remember the GUID
 * mapping when it is new or different, flip the pending request (`added_at` set once) and notify
 * its requester with a bounded wait. A repeated payload finds everything already in place and
 * writes nothing.
 *
 * Store round trips: GUID read, pending requests (title fallback only), library upsert carrying the
 * GUID write (DynamoDB: one read batch, and one write batch only when something changed),
 * markAdded, and the notifier's subscription read: at most 6.
 */
import type { PlexItem, PlexType } from "../../domain/plex/metadata.js";
import { guidCacheUpdate, resolvePlexItem, type MatchedBy, type Resolution } from "../../domain/plex/resolve.js";
import { isoNow } from "../../lib/clock.js";
import { errorMessage } from "../../lib/errors.js";
import type { SingleFlight } from "../../lib/single-flight.js";
import type { Catalogue } from "../../ports/catalogue.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { SeriesLookup } from "../../ports/lookup.js";
import type { Notifier } from "../../ports/notifier.js";
import type { GuidCacheStore } from "../../ports/store/guid-cache.js";
import type { LibrarySourceName, LibraryStore } from "../../ports/store/library.js";
import type { RequestStore } from "../../ports/store/requests.js";
import { notifyFulfilled, WEBHOOK_NOTIFY_WAIT_MS } from "./notify-fulfilled.js";

export interface IngestDeps {
  store: GuidCacheStore & LibraryStore & RequestStore;
  catalogue: Pick<Catalogue, "find">;
  lookup: SeriesLookup | null;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  /** The app's single-flight table of resolutions (per app instance: `AppState.ingestFlights`). */
  flights: SingleFlight<Resolution>;
}

export interface WebhookOutcome {
  status: "success";
  title: string;
  media_type: "movie" | "tv";
  /** The item's kind: `movie`, `show`, `season` or `episode` (same values as `plex_type`). */
  item_type: PlexType;
  /** Kept for clients of the Plex webhook from before Jellyfin/Emby; equal to `item_type`. */
  plex_type: PlexType;
  tmdb_id: number | null;
  matched_by: MatchedBy | null;
  /** The title is in the library (written now, or already there). */
  added_to_library: boolean;
  /** A pending request was flipped to added by this call. */
  matched_request: boolean;
  /** At least one push service answered 2xx within the wait. */
  notification_sent: boolean;
}

/** The single-flight key: the show guid, else the show-level id that needs an upstream lookup. */
function flightKey(item: PlexItem): string | null {
  if (item.showGuid) return `guid:${item.showGuid}`;
  if (item.ids.tmdb !== null) return null;
  if (item.ids.tvdb !== null) return `${item.mediaType}:tvdb:${item.ids.tvdb}`;
  if (item.ids.imdb !== null) return `${item.mediaType}:imdb:${item.ids.imdb}`;
  return null;
}

export interface IngestOptions {
  notifyWaitMs?: number;
  /** The library written to (default `plex`). Only Plex's show guid is stored as the entry's and request's `plex_guid`. */
  source?: LibrarySourceName;
}

export async function ingestItem(item: PlexItem, deps: IngestDeps, opts: IngestOptions = {}): Promise<WebhookOutcome> {
  const { store, clock, logger } = deps;
  const source = opts.source ?? "plex";
  const plexGuid = source === "plex" ? item.showGuid : null;
  const resolution = await deps.flights.run(flightKey(item), async () => {
    const r = await resolvePlexItem(item, {
      find: (id, source) => deps.catalogue.find(id, source),
      getGuid: (guid) => store.getGuid(guid),
      episodeSeriesId: deps.lookup ? (id) => deps.lookup!.episodeSeriesId(id) : undefined,
      pendingRequests: (mediaType) => store.allRequests({ media_type: mediaType, status: "pending" }),
      onLookupError: (step, err) => logger.warn("media item lookup failed", { source, step, error: errorMessage(err) }),
    });
    return r;
  });

  const base = {
    status: "success" as const,
    title: item.title ?? "Unknown",
    media_type: item.mediaType,
    item_type: item.plexType,
    plex_type: item.plexType,
  };
  const { mapping } = resolution;
  if (mapping === null) {
    logger.info("media item unresolved", { source, item_type: item.plexType, media_type: item.mediaType });
    return { ...base, tmdb_id: null, matched_by: null, added_to_library: false, matched_request: false, notification_sent: false };
  }

  // The GUID mapping is stored by the library upsert itself (same transaction on SQLite, same
  // batches on DynamoDB), only when new or different: callers that shared one resolution in the
  // single flight each pass it, and all but the first find it already there.
  const update = guidCacheUpdate(resolution);
  const guids = update && item.showGuid !== null ? [{ guid: item.showGuid, mapping: update }] : [];
  // Unknown fields stay undefined: the store then keeps what it has instead of overwriting it with null.
  await store.upsertLibrary(
    item.mediaType,
    [
      {
        tmdb_id: mapping.tmdb_id,
        ...(mapping.tvdb_id !== null ? { tvdb_id: mapping.tvdb_id } : {}),
        ...(item.title !== null ? { title: item.title } : {}),
        ...(plexGuid !== null ? { plex_guid: plexGuid } : {}),
      },
    ],
    clock.now(),
    { guids, source },
  );
  const flipped = await store.markAdded({ media_type: item.mediaType, tmdb_id: mapping.tmdb_id }, isoNow(clock), plexGuid);
  let notificationSent = false;
  if (flipped) {
    const sent = await notifyFulfilled(deps.notifier, [flipped], { waitMs: opts.notifyWaitMs ?? WEBHOOK_NOTIFY_WAIT_MS, logger });
    notificationSent = sent.delivered > 0;
  }
  logger.info("media item ingested", {
    source,
    media_type: item.mediaType,
    tmdb_id: mapping.tmdb_id,
    matched_by: resolution.matchedBy,
    matched_request: flipped !== null,
  });
  return {
    ...base,
    tmdb_id: mapping.tmdb_id,
    matched_by: resolution.matchedBy,
    added_to_library: true,
    matched_request: flipped !== null,
    notification_sent: notificationSent,
  };
}
