/** Removing a request (product.md §4 `DELETE /api/request/…`): household trust, so anyone may, and who did is logged. */
import type { Logger } from "../../ports/logger.js";
import type { FollowStore } from "../../ports/store/follows.js";
import type { TitleKey } from "../../ports/store/index.js";
import type { RequestStore } from "../../ports/store/requests.js";

/** true when a request was removed. Its follows go with it. */
export async function removeRequest(
  key: TitleKey,
  removedBy: string,
  deps: { store: Pick<RequestStore, "deleteRequest"> & Pick<FollowStore, "deleteFollows">; logger: Logger },
): Promise<boolean> {
  const removed = await deps.store.deleteRequest(key);
  // Also when nothing was removed: a crash between the two deletes leaves follows a retry clears.
  await deps.store.deleteFollows(key);
  if (removed) deps.logger.info("request removed", { by: removedBy, media_type: key.media_type, tmdb_id: key.tmdb_id });
  return removed;
}
