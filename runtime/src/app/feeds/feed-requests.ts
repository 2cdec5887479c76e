/** What an *arr import list lists (product.md §6): pending requests of one type by default, newest first; `all` keeps fulfilled ones. */
import type { MediaType } from "../../ports/store/index.js";
import type { FeedEntry, RequestStore } from "../../ports/store/requests.js";

export type FeedStatus = "pending" | "all";

export function feedRequests(mediaType: MediaType, status: FeedStatus, store: Pick<RequestStore, "feedEntries">): Promise<FeedEntry[]> {
  return store.feedEntries(status === "all" ? { media_type: mediaType } : { media_type: mediaType, status: "pending" });
}
