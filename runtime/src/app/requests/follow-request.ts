/**
 * Following someone else's request (product.md §4 `/api/request/{media_type}/{tmdb_id}/follow`):
 * the follower is notified like the requester when the title arrives. Following a request already
 * in the library is pointless (409); the requester "follows" their own request by definition, so
 * their follow changes nothing.
 */
import type { Logger } from "../../ports/logger.js";
import type { TitleKey } from "../../ports/store/index.js";
import type { FollowStore } from "../../ports/store/follows.js";
import type { RequestStore } from "../../ports/store/requests.js";

type Deps = { store: Pick<RequestStore, "getRequest"> & Pick<FollowStore, "follow" | "unfollow" | "followersOf">; logger: Logger };
type ListDeps = { store: Pick<RequestStore, "getRequest"> & Pick<FollowStore, "followedBy"> };

/** Reads at once at most this many requests (a name follows a handful of titles; this bounds a long list). */
const READ_CONCURRENCY = 25;

export type FollowResult =
  { ok: true; following: boolean; followers: string[] } | { ok: false; reason: "not_found" | "already_in_library" | "not_following" };

export async function followRequest(key: TitleKey, name: string, deps: Deps): Promise<FollowResult> {
  const request = await deps.store.getRequest(key);
  if (!request) return { ok: false, reason: "not_found" };
  if (request.added_at !== null) return { ok: false, reason: "already_in_library" };
  if (request.requested_by !== name && (await deps.store.follow(key, name)) === "followed") {
    deps.logger.info("request followed", { by: name, media_type: key.media_type, tmdb_id: key.tmdb_id });
  }
  const [followers = []] = await deps.store.followersOf([key]);
  return { ok: true, following: true, followers };
}

export async function unfollowRequest(key: TitleKey, name: string, deps: Deps): Promise<FollowResult> {
  const request = await deps.store.getRequest(key);
  if (!request) return { ok: false, reason: "not_found" };
  if (!(await deps.store.unfollow(key, name))) return { ok: false, reason: "not_following" };
  deps.logger.info("request unfollowed", { by: name, media_type: key.media_type, tmdb_id: key.tmdb_id });
  const [followers = []] = await deps.store.followersOf([key]);
  return { ok: true, following: false, followers };
}

/**
 * The titles `name` follows whose request is still pending (product.md §4 `GET /api/follows`):
 * follows outlive a fulfilled request, which the notification reads, but there is nothing left to
 * be notified of.
 */
export async function listFollows(name: string, deps: ListDeps): Promise<TitleKey[]> {
  const keys = await deps.store.followedBy(name);
  const pending: TitleKey[] = [];
  for (let i = 0; i < keys.length; i += READ_CONCURRENCY) {
    const chunk = keys.slice(i, i + READ_CONCURRENCY);
    const requests = await Promise.all(chunk.map((key) => deps.store.getRequest(key)));
    chunk.forEach((key, j) => {
      const request = requests[j];
      if (request && request.added_at === null) pending.push({ media_type: key.media_type, tmdb_id: key.tmdb_id });
    });
  }
  return pending;
}
