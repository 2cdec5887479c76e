/**
 * What Stellarr's Radarr and Sonarr "instance" source API lists (product.md §6, issue #22): the
 * requests an *arr feed would list, as Radarr movie / Sonarr series objects — one store query
 * each, no per-item reads (the *arr facts were stored with the request) — and the requester tags.
 */
import { renderRadarrMovies, renderSonarrSeriesList, type RadarrMovie, type SonarrSeries } from "../../domain/arr/render.js";
import { tagList, type ArrTag } from "../../domain/arr/tags.js";
import type { MediaType } from "../../ports/store/index.js";
import type { RequestStore, StoredRequest } from "../../ports/store/requests.js";
import type { FeedStatus } from "../feeds/feed-requests.js";

type Reads = Pick<RequestStore, "allRequests">;

// Whole requests, unlike the feeds' narrow `feedEntries`: the *arr objects carry the overview, the
// requester tag, the profile and the seasons. Served from the body cache per change token.
const requestsFor = (mediaType: MediaType, status: FeedStatus, store: Reads): Promise<StoredRequest[]> =>
  store.allRequests(status === "all" ? { media_type: mediaType } : { media_type: mediaType, status: "pending" });

export const radarrMovies = async (status: FeedStatus, store: Reads): Promise<RadarrMovie[]> =>
  renderRadarrMovies(await requestsFor("movie", status, store));

export const sonarrSeries = async (status: FeedStatus, store: Reads): Promise<SonarrSeries[]> =>
  renderSonarrSeriesList(await requestsFor("tv", status, store));

/**
 * `anime` and a tag per requester of ANY request, pending or not, movie or show: a list filter can
 * be set up for someone before their next request, and a tag never disappears from the drop-down
 * while a request of theirs exists.
 */
export const requesterTags = async (store: Reads): Promise<ArrTag[]> => tagList((await store.allRequests()).map((r) => r.requested_by));
