/** The reads of the requests page: a page of requests with the counts, and the library-status snapshot. */
import type { FollowStore } from "../../ports/store/follows.js";
import type { MediaType } from "../../ports/store/index.js";
import type { LibrarySourceName, LibraryStore } from "../../ports/store/library.js";
import type { ListRequestsQuery, RequestCounts, RequestPage, RequestStore, StoredRequest } from "../../ports/store/requests.js";

/**
 * One page and the per-type counts, read in parallel, then the page's followers and the sources
 * holding its titles, one batched read each, in parallel (both aligned with `page.requests`). A
 * foreign cursor rejects with `InvalidCursorError`.
 */
export async function requestPage(
  query: ListRequestsQuery,
  store: Pick<RequestStore, "listRequests" | "countRequests"> & Pick<FollowStore, "followersOf"> & Pick<LibraryStore, "librarySources">,
): Promise<{ page: RequestPage; counts: RequestCounts; followers: string[][]; sources: LibrarySourceName[][] }> {
  const [page, counts] = await Promise.all([store.listRequests(query), store.countRequests()]);
  const [followers, sources] = await Promise.all([store.followersOf(page.requests), store.librarySources(page.requests)]);
  return { page, counts, followers, sources };
}

/** Every library id per type and every pending request: what the UI needs to mark titles everywhere. */
export async function libraryStatus(
  store: Pick<LibraryStore, "allLibraryIds"> & Pick<RequestStore, "allRequests">,
): Promise<{ library: Record<MediaType, number[]>; pending: StoredRequest[] }> {
  const [library, pending] = await Promise.all([store.allLibraryIds(), store.allRequests({ status: "pending" })]);
  return { library, pending };
}
