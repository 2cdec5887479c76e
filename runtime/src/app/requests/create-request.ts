/**
 * Creating a request (product.md §4 `POST /api/request`): refused when the title is already
 * requested or in the library, looked up in the catalogue (one lookup per title however many
 * users ask at once), inserted exactly once, and flipped to added at once when the media server
 * reported the title while the catalogue was being asked.
 */
import { newRequestFromDetails } from "../../domain/requests/shape.js";
import { titleKey } from "../../domain/titles/key.js";
import { isoNow } from "../../lib/clock.js";
import type { Catalogue } from "../../ports/catalogue.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { TitleKey } from "../../ports/store/index.js";
import type { RequestStore, StoredRequest } from "../../ports/store/requests.js";
import type { TitleStatusStore } from "../../ports/store/title-status.js";

export interface CreateRequestDeps {
  store: Pick<RequestStore, "getRequest" | "insertRequest" | "markAdded"> & TitleStatusStore;
  catalogue: Pick<Catalogue, "details">;
  clock: Clock;
  logger: Logger;
  /** The app's keyed single flight for catalogue details (per app instance). */
  detailsFlight: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
}

export type CreateRequestResult =
  | { ok: true; request: StoredRequest; title: string }
  | { ok: false; reason: "already_requested"; existing: StoredRequest }
  | { ok: false; reason: "already_in_library" | "unknown_title" };

export async function createRequest(key: TitleKey, requestedBy: string, deps: CreateRequestDeps): Promise<CreateRequestResult> {
  const { store, catalogue, clock, logger } = deps;
  const status = (await store.titleStatus([key])).get(titleKey(key));
  if (status?.requested) {
    const existing = await store.getRequest(key);
    if (existing) return { ok: false, reason: "already_requested", existing };
  }
  if (status?.in_library) return { ok: false, reason: "already_in_library" };

  // One catalogue lookup per title however many users request it at once (the TMDB adapter also
  // single-flights; this covers any catalogue implementation).
  const details = await deps.detailsFlight(titleKey(key), () => catalogue.details(key.media_type, key.tmdb_id));
  if (!details) return { ok: false, reason: "unknown_title" };

  const result = await store.insertRequest(newRequestFromDetails(details, requestedBy, isoNow(clock)));
  if (!result.inserted) return { ok: false, reason: "already_requested", existing: result.existing };
  // The media server may have reported the title while the catalogue was being asked: its webhook
  // found no request to flip, so flip it here rather than leave a pending request for something
  // already in the library.
  let created = result.request;
  if ((await store.titleStatus([key])).get(titleKey(key))?.in_library) {
    created = (await store.markAdded(key, isoNow(clock), null)) ?? created;
  }
  logger.info("request created", { by: requestedBy, media_type: key.media_type, tmdb_id: key.tmdb_id });
  return { ok: true, request: created, title: details.title };
}
