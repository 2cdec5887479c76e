/** OpenAPI descriptions of `requests.ts`. */
import { ListRequestsQuery, RequestBody, TitleKeyParams } from "../../contract/api/requests.js";
import {
  AlreadyRequestedResponse,
  CreateRequestResponse,
  LibraryStatus,
  RemoveRequestResponse,
  RequestsPage,
} from "../../contract/api/requests.responses.js";
import { API_BODY_LIMIT } from "../body.js";
import { API_RATE_LIMITED, CACHE_CONTROL, ETAG, jsonBody, NOT_MODIFIED, UPSTREAM_ERRORS, type RouteDoc } from "../openapi/describe.js";

export const requestRouteDocs: RouteDoc[] = [
  {
    method: "POST",
    path: "/api/request",
    tag: "requests",
    summary: "Request a movie or show (requested by the session's name)",
    description:
      "`profile` picks the *arr instance list's quality profile (default `default`); `seasons` (TV only) names the seasons " +
      "wanted, checked against TMDB's season list (absent: all). A show already requested and still pending takes the " +
      "seasons not yet asked for (200 with the updated request); asking only for seasons already covered is a 409.",
    auth: "session",
    body: jsonBody(RequestBody, API_BODY_LIMIT),
    responses: {
      201: { description: "The request, with the catalogue's details", schema: CreateRequestResponse },
      200: { description: "The show's pending request, with the seasons asked for added to it", schema: CreateRequestResponse },
    },
    errors: [
      { status: 404, codes: ["unknown_title"], description: "The catalogue has no such title" },
      { status: 409, codes: ["already_in_library"], description: "The title is already in the library" },
      {
        status: 409,
        codes: ["already_requested"],
        description: "The title has already been requested, or (TV) every season asked for already is (the body carries that request)",
        schema: AlreadyRequestedResponse,
      },
      API_RATE_LIMITED,
      ...UPSTREAM_ERRORS,
    ],
  },
  {
    method: "DELETE",
    path: "/api/request/:media_type/:tmdb_id",
    tag: "requests",
    summary: "Remove a request",
    auth: "session",
    params: TitleKeyParams,
    responses: { 200: { description: "Removed", schema: RemoveRequestResponse } },
    errors: [{ status: 404, codes: ["not_found"], description: "No such request" }],
  },
  {
    method: "GET",
    path: "/api/requests",
    tag: "requests",
    summary: "Requests, newest first, one page at a time, with the counts per type and status",
    auth: "session",
    query: ListRequestsQuery,
    paramNotes: {
      limit: "Requests per page, 1 to 500 (default 100)",
      cursor: "`next_cursor` of the previous page, as given: any other value is a 422 `validation_failed` on `cursor`",
    },
    responses: { 200: { description: "A page of requests (`next_cursor` null on the last page)", schema: RequestsPage } },
  },
  {
    method: "GET",
    path: "/api/library-status",
    tag: "requests",
    summary: "The TMDB ids in the library and the pending requests (conditional GET with ETag)",
    auth: "session",
    responses: {
      200: {
        description: "Library ids per type and pending requests",
        schema: LibraryStatus,
        headers: { etag: ETAG, "cache-control": CACHE_CONTROL },
      },
      304: NOT_MODIFIED,
    },
  },
];
