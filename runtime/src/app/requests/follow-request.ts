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

/** The path a duplicate request's 409 points at. */
export const followPath = (key: TitleKey): string => `/api/request/${key.media_type}/${key.tmdb_id}/follow`;
