/**
 * `POST /api/request`, `DELETE /api/request/:media_type/:tmdb_id`, `GET /api/requests`, `GET /api/library-status`
 * (product.md §4): what the server parses. The answers' schemas are in `requests.responses.ts`, which
 * a cold start does not load (their types are re-exported here).
 */
import * as z from "zod/mini";
import { mediaType } from "./media-type.js";
import type { MediaType } from "../../ports/store/index.js";
import type { MediaRequest } from "../../ports/store/requests.js";
import { ID_TEXT_UP_TO_MAX, MAX_ID } from "../validation.js";

export type { MediaRequest, MediaType };
export type {
  AlreadyRequestedBody,
  CreateRequestResponse,
  FollowResponse,
  FollowsResponse,
  LibraryStatus,
  ListedRequest,
  RemoveRequestResponse,
  RequestsPage,
  StatusCounts,
} from "./requests.responses.js";

/**
 * `POST /api/request` body. `profile` routes the request to an *arr instance list (default
 * "default"); `seasons` (TV only) names the seasons wanted — absent means all; checked against
 * TMDB's season list by the server.
 */
export const RequestBody = z.object({
  tmdb_id: z.int().check(z.minimum(1, "tmdb_id must be a positive integer"), z.maximum(MAX_ID)),
  media_type: mediaType,
  profile: z.optional(z.enum(["default", "4k"], 'profile must be "default" or "4k"')),
  seasons: z.optional(z.array(z.number("must be an integer season number"), "seasons must be a list of season numbers")),
});
export type CreateRequestBody = z.input<typeof RequestBody>;

/** `DELETE /api/request/:media_type/:tmdb_id` path (percent-decoded): a positive id with no sign, leading zero or exponent. */
export const TitleKeyParams = z.object({
  media_type: z.enum(["movie", "tv"], "media_type must be movie or tv"),
  tmdb_id: z.string().check(z.regex(ID_TEXT_UP_TO_MAX, "tmdb_id must be a positive integer")),
});

/** `GET /api/requests` query. `limit` 1–500 (leading zeros allowed: `007`). */
export const ListRequestsQuery = z.object({
  media_type: z.optional(mediaType),
  status: z.optional(z.enum(["pending", "added"])),
  limit: z.optional(z.string().check(z.regex(/^(?:0{0,2}[1-9]|0?[1-9]\d|[1-4]\d\d|500)$/, "limit must be an integer from 1 to 500"))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
});
export type ListRequestsParams = z.input<typeof ListRequestsQuery>;
