/**
 * The titles a name follows whose request is still pending (product.md §4 `GET /api/follows`):
 * follows outlive a fulfilled request, which the notification reads, but there is nothing left to
 * be notified of.
 */
import type { TitleKey } from "../../ports/store/index.js";
import type { FollowStore } from "../../ports/store/follows.js";
import type { RequestStore } from "../../ports/store/requests.js";

/** Reads at most this many requests at once (a name follows a handful of titles; this bounds a long list). */
const READ_CONCURRENCY = 25;

export async function listFollows(
  name: string,
  deps: { store: Pick<RequestStore, "getRequest"> & Pick<FollowStore, "followedBy"> },
): Promise<TitleKey[]> {
  const keys = await deps.store.followedBy(name);
  const pending: TitleKey[] = [];
  for (let i = 0; i < keys.length; i += READ_CONCURRENCY) {
    const chunk = keys.slice(i, i + READ_CONCURRENCY);
    const requests = await Promise.all(chunk.map((key) => deps.store.getRequest(key)));
    chunk.forEach((key, j) => {
      if (requests[j]?.added_at === null) pending.push({ media_type: key.media_type, tmdb_id: key.tmdb_id });
    });
  }
  return pending;
}
