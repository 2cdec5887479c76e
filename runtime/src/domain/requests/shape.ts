/** Request objects as the API shows them, and new requests built from catalogue details. */
import type { TitleDetails } from "../../ports/catalogue.js";
import type { Fulfilment } from "../../ports/notifier.js";
import type { MediaRequest, NewRequest, StoredRequest } from "../../ports/store/index.js";

/** The API shape: every field present, the store's `seq` never leaves the server. */
export function toApiRequest(r: StoredRequest | MediaRequest): MediaRequest {
  return {
    tmdb_id: r.tmdb_id,
    media_type: r.media_type,
    title: r.title ?? null,
    year: r.year ?? null,
    overview: r.overview ?? null,
    poster_path: r.poster_path ?? null,
    imdb_id: r.imdb_id ?? null,
    tvdb_id: r.tvdb_id ?? null,
    requested_by: r.requested_by ?? null,
    created_at: r.created_at,
    added_at: r.added_at ?? null,
    plex_guid: r.plex_guid ?? null,
  };
}

export function newRequestFromDetails(details: TitleDetails, requestedBy: string, createdAt: string): NewRequest {
  return {
    tmdb_id: details.id,
    media_type: details.media_type,
    title: details.title,
    year: details.year,
    overview: details.overview,
    poster_path: details.poster_path,
    imdb_id: details.imdb_id,
    tvdb_id: details.media_type === "tv" ? details.tvdb_id : null,
    requested_by: requestedBy,
    created_at: createdAt,
  };
}

/** What a pending request still lacks for its *arr feed (daily refresh, UI flag). */
export function missingExternalIds(r: Pick<MediaRequest, "media_type" | "imdb_id" | "tvdb_id">): boolean {
  return r.media_type === "movie" ? r.imdb_id === null : r.tvdb_id === null;
}

/** What the notifier is told of a fulfilled request. */
export const toFulfilment = (r: StoredRequest): Fulfilment => ({
  media_type: r.media_type,
  tmdb_id: r.tmdb_id,
  title: r.title,
  year: r.year,
  poster_path: r.poster_path,
  requested_by: r.requested_by,
});
