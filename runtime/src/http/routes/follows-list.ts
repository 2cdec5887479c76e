/**
 * GET /api/follows (product.md §4): the titles the signed-in name follows, so "Notify me too"
 * cards are right on every device. Loaded on first use (`lazy.ts`); the work is in
 * `app/requests/list-follows.ts`.
 */
import { listFollows } from "../../app/requests/list-follows.js";
import type { FollowsResponse } from "../../contract/api/requests.js";
import { FOLLOWS_PATH } from "../../contract/urls.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";

export const registerFollowsListRoutes: RouteModule = (router, deps, state) => {
  router.get(FOLLOWS_PATH, async (request: AppRequest) => {
    const { name } = state.requireSession(request);
    return json({ follows: await listFollows(name, deps) } satisfies FollowsResponse);
  });
};
