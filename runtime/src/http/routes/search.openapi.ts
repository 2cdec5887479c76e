/** OpenAPI descriptions of `search.ts`. */
import { SearchBody } from "../../contract/api/search.js";
import { SearchResponse } from "../../contract/api/search.responses.js";
import { API_BODY_LIMIT } from "../body.js";
import { API_RATE_LIMITED, jsonBody, UPSTREAM_ERRORS, type RouteDoc } from "../openapi/describe.js";

export const searchRouteDocs: RouteDoc[] = [
  {
    method: "POST",
    path: "/api/search",
    tag: "catalogue",
    summary: "Search the catalogue (TMDB) for movies and shows",
    description: "`query` is trimmed before its length is checked. Results carry whether each title is requested or in the library.",
    auth: "session",
    body: jsonBody(SearchBody, API_BODY_LIMIT),
    responses: { 200: { description: "One page of results", schema: SearchResponse } },
    errors: [API_RATE_LIMITED, ...UPSTREAM_ERRORS],
  },
];
