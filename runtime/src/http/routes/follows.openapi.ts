/** OpenAPI descriptions of `follows.ts`. */
import { TitleKeyParams } from "../../contract/api/requests.js";
import { FollowResponse, FollowsResponse } from "../../contract/api/requests.responses.js";
import { FOLLOWS_PATH } from "../../contract/urls.js";
import type { RouteDoc } from "../openapi/describe.js";

export const followRouteDocs: RouteDoc[] = [
  {
    method: "GET",
    path: FOLLOWS_PATH,
    tag: "requests",
    summary: "The titles the signed-in name follows (pending requests only), by media type then TMDB id",
    auth: "session",
    responses: { 200: { description: "The followed titles", schema: FollowsResponse } },
  },
  {
    method: "POST",
    path: "/api/request/:media_type/:tmdb_id/follow",
    tag: "requests",
    summary: "Follow someone else's request: be notified too when it is fulfilled (idempotent; the requester's own follow changes nothing)",
    auth: "session",
    params: TitleKeyParams,
    responses: { 200: { description: "Following (the request's followers after the change)", schema: FollowResponse } },
    errors: [
      { status: 404, codes: ["not_found"], description: "No such request" },
      { status: 409, codes: ["already_in_library"], description: "The title is already in the library" },
    ],
  },
  {
    method: "DELETE",
    path: "/api/request/:media_type/:tmdb_id/follow",
    tag: "requests",
    summary: "Stop following a request",
    auth: "session",
    params: TitleKeyParams,
    responses: { 200: { description: "No longer following (the request's followers after the change)", schema: FollowResponse } },
    errors: [
      { status: 404, codes: ["not_found"], description: "No such request" },
      { status: 404, codes: ["not_following"], description: "The session's name does not follow this request" },
    ],
  },
];
