/**
 * POST / DELETE /api/request/:media_type/:tmdb_id/follow (product.md §4): "notify me too" on
 * someone else's request. The work is in `app/requests/follow-request.ts`.
 */
import { followRequest, unfollowRequest, type FollowResult } from "../../app/requests/follow-request.js";
import type { FollowResponse } from "../../contract/api/requests.js";
import { json } from "../../lib/json-response.js";
import { HttpError } from "../errors.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseTitleKey } from "./requests.js";

function shape(result: FollowResult): Response {
  if (result.ok) return json({ following: result.following, followers: result.followers } satisfies FollowResponse);
  switch (result.reason) {
    case "not_found":
      throw new HttpError(404, "not_found", "Request not found");
    case "not_following":
      throw new HttpError(404, "not_following", "You are not following this request");
    case "already_in_library":
      throw new HttpError(409, "already_in_library", "This title is already in the library");
  }
}

export const registerFollowRoutes: RouteModule = (router, deps, state) => {
  router
    .post("/api/request/:media_type/:tmdb_id/follow", async (request: AppRequest) => {
      const { name } = state.requireSession(request);
      deps.channels?.origin.remember(request.ctx.origin);
      const key = parseTitleKey(request.params.media_type, request.params.tmdb_id);
      return shape(await followRequest(key, name, deps));
    })
    .delete("/api/request/:media_type/:tmdb_id/follow", async (request: AppRequest) => {
      const { name } = state.requireSession(request);
      const key = parseTitleKey(request.params.media_type, request.params.tmdb_id);
      return shape(await unfollowRequest(key, name, deps));
    });
};
