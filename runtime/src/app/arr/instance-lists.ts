/**
 * What Stellarr's Radarr and Sonarr "instance" source API lists (product.md §6, issue #22): the
 * requests an *arr feed would list, as Radarr movie / Sonarr series objects — one store query
 * each, no per-item reads (the *arr facts were stored with the request) — and the requester tags.
 */
import { renderRadarrMovies, renderSonarrSeriesList, type RadarrMovie, type SonarrSeries } from "../../domain/arr/render.js";
import { tagList, type ArrTag } from "../../domain/arr/tags.js";
import type { RequestStore } from "../../ports/store/requests.js";
import { feedRequests, type FeedStatus } from "../feeds/feed-requests.js";

type Reads = Pick<RequestStore, "allRequests">;

export const radarrMovies = async (status: FeedStatus, store: Reads): Promise<RadarrMovie[]> =>
  renderRadarrMovies(await feedRequests("movie", status, store));

export const sonarrSeries = async (status: FeedStatus, store: Reads): Promise<SonarrSeries[]> =>
  renderSonarrSeriesList(await feedRequests("tv", status, store));

/**
 * `anime` and a tag per requester of ANY request, pending or not, movie or show: a list filter can
 * be set up for someone before their next request, and a tag never disappears from the drop-down
 * while a request of theirs exists.
 */
export const requesterTags = async (store: Reads): Promise<ArrTag[]> => tagList((await store.allRequests()).map((r) => r.requested_by));
