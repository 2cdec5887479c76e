/**
 * Creating a request (product.md §4 `POST /api/request`): refused when the title is already
 * requested or in the library, looked up in the catalogue (one lookup per title however many
 * users ask at once), inserted exactly once, and flipped to added at once when the media server
 * reported the title while the catalogue was being asked.
 */
import { mergeSeasons, parseSeasons, type SeasonsError } from "../../domain/arr/seasons.js";
import { newRequestFromDetails, tmdbSeasonNumbers } from "../../domain/requests/shape.js";
import { titleKey } from "../../domain/titles/key.js";
import { isoNow } from "../../lib/clock.js";
import type { Catalogue, TitleDetails } from "../../ports/catalogue.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { TitleKey } from "../../ports/store/index.js";
import type { ArrProfile, RequestStore, StoredRequest } from "../../ports/store/requests.js";
import type { TitleStatusStore } from "../../ports/store/title-status.js";

export interface CreateRequestDeps {
  store: Pick<RequestStore, "getRequest" | "insertRequest" | "markAdded" | "updateSeasons"> & TitleStatusStore;
  catalogue: Pick<Catalogue, "details">;
  clock: Clock;
  logger: Logger;
  /** The app's keyed single flight for catalogue details (per app instance). */
  detailsFlight: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
}

/** What the requester chose (`POST /api/request`'s optional fields, already type-checked). */
export interface RequestOptions {
  /** Default "default". A later request for an already requested show keeps the first one's. */
  profile?: ArrProfile;
  /** TV only: season numbers as sent (checked here against TMDB's list); absent = all seasons. */
  seasons?: unknown;
}

export type CreateRequestResult =
  | { ok: true; request: StoredRequest; title: string; created: boolean }
  | { ok: false; reason: "already_requested"; existing: StoredRequest }
  | { ok: false; reason: "invalid_seasons"; errors: SeasonsError[] }
  | { ok: false; reason: "already_in_library" | "unknown_title" };

/** A merge that keeps losing the compare-and-set this often is contended beyond reason: report the conflict. */
const MERGE_ATTEMPTS = 5;

export async function createRequest(
  key: TitleKey,
  requestedBy: string,
  deps: CreateRequestDeps,
  options: RequestOptions = {},
): Promise<CreateRequestResult> {
  const { store, clock, logger } = deps;
  const status = (await store.titleStatus([key])).get(titleKey(key));
  if (status?.requested) {
    const existing = await store.getRequest(key);
    if (existing) return addSeasons(key, existing, requestedBy, deps, options);
  }
  if (status?.in_library) return { ok: false, reason: "already_in_library" };

  const details = await lookUp(key, deps);
  if (!details) return { ok: false, reason: "unknown_title" };
  const seasons = parseSeasons(key.media_type === "tv" ? options.seasons : undefined, tmdbSeasonNumbers(details) ?? []);
  if (!seasons.ok) return { ok: false, reason: "invalid_seasons", errors: seasons.errors };

  const result = await store.insertRequest(
    newRequestFromDetails(details, requestedBy, isoNow(clock), { profile: options.profile ?? "default", seasons: seasons.selection }),
  );
  if (!result.inserted) return addSeasons(key, result.existing, requestedBy, deps, options);
  // The media server may have reported the title while the catalogue was being asked: its webhook
  // found no request to flip, so flip it here rather than leave a pending request for something
  // already in the library.
  let created = result.request;
  if ((await store.titleStatus([key])).get(titleKey(key))?.in_library) {
    created = (await store.markAdded(key, isoNow(clock), null)) ?? created;
  }
  logger.info("request created", { by: requestedBy, media_type: key.media_type, tmdb_id: key.tmdb_id });
  return { ok: true, request: created, title: details.title, created: true };
}

/** One catalogue lookup per title however many users request it at once (the TMDB adapter also single-flights; this covers any catalogue). */
const lookUp = (key: TitleKey, deps: CreateRequestDeps): Promise<TitleDetails | null> =>
  deps.detailsFlight(titleKey(key), () => deps.catalogue.details(key.media_type, key.tmdb_id));

/**
 * A request for a title that is already requested: for a pending show, the seasons not yet asked
 * for are added (checked against TMDB's current list); anything else — a movie, a fulfilled
 * request, or only seasons already asked for — is `already_requested`.
 */
async function addSeasons(
  key: TitleKey,
  existing: StoredRequest,
  requestedBy: string,
  deps: CreateRequestDeps,
  options: RequestOptions,
): Promise<CreateRequestResult> {
  if (key.media_type !== "tv" || existing.added_at !== null) return { ok: false, reason: "already_requested", existing };
  // "All seasons" again: nothing to add, and no reason to ask TMDB.
  if (options.seasons === undefined && existing.seasons?.all) return { ok: false, reason: "already_requested", existing };
  const details = await lookUp(key, deps);
  // TMDB no longer knows the show: nothing to check new seasons against.
  if (!details) return { ok: false, reason: "already_requested", existing };
  const tmdbSeasons = tmdbSeasonNumbers(details) ?? [];
  const incoming = parseSeasons(options.seasons, tmdbSeasons);
  if (!incoming.ok) return { ok: false, reason: "invalid_seasons", errors: incoming.errors };

  let current: StoredRequest | null = existing;
  for (let attempt = 0; attempt < MERGE_ATTEMPTS && current && current.added_at === null && current.seasons; attempt++) {
    const merge = mergeSeasons(current.seasons, incoming.selection);
    if (merge.outcome === "conflict") return { ok: false, reason: "already_requested", existing: current };
    const updated = await deps.store.updateSeasons(key, { expected: current.seasons, seasons: merge.selection, tmdb_seasons: tmdbSeasons });
    if (updated) {
      deps.logger.info("request seasons added", { by: requestedBy, media_type: key.media_type, tmdb_id: key.tmdb_id });
      return { ok: true, request: updated, title: details.title, created: false };
    }
    current = await deps.store.getRequest(key); // changed meanwhile: merge into what is there now
  }
  return { ok: false, reason: "already_requested", existing: current ?? existing };
}
