/**
 * "Notify me too" on someone else's request — from a search or trending card, the requests page or
 * the toast of a duplicate request — and stopping it. Server first (cheap and idempotent), then
 * every card knows (`follows`). A refusal says why in the user's language; a title that reached the
 * library meanwhile (409 `already_in_library`) or whose request was removed (404) refreshes the
 * badges, so the card stops offering it.
 */
import { ApiError, followRequest } from "@/api/index.js";
import { errorMessage } from "@/api/messages.js";
import type { FollowResponse, MediaRequest } from "@/api/types.js";
import { t } from "@/i18n/index.js";
import { follows } from "@/stores/follows.js";
import { library } from "@/stores/library.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";

type FollowTarget = Pick<MediaRequest, "media_type" | "tmdb_id" | "title">;
/** The server's answer; `followers` is absent when the server only said "not following". */
export type FollowOutcome = Pick<FollowResponse, "following"> & Partial<FollowResponse>;

/**
 * Follows (`follow`) or stops following the title's request (the path a 409 `already_requested`
 * names in `follow_url`); the server's answer, or null when it refused.
 */
export async function followTitle(target: FollowTarget, follow: boolean): Promise<FollowOutcome | null> {
  const name = session.state.name;
  if (!name) return null;
  const title = target.title ?? "";
  let result: FollowResponse;
  try {
    result = await followRequest(target.media_type, target.tmdb_id, follow);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : null;
    // Not following already (stopped on another device): that is what was asked for.
    if (code === "not_following") {
      follows.set(name, target.media_type, target.tmdb_id, false);
      return { following: false };
    }
    // The session ended: the sign-in page says so.
    if (err instanceof ApiError && err.status === 401) return null;
    if (code === "already_in_library" || code === "not_found") {
      void library.refresh().catch(() => {});
      void follows.load(name).catch(() => {});
    }
    toasts.error(`${t("requests.followFailed", { title })} ${errorMessage(err)}`);
    return null;
  }
  follows.set(name, target.media_type, target.tmdb_id, result.following);
  toasts.success(t(result.following ? "requests.followingToast" : "requests.unfollowedToast", { title }));
  return result;
}
