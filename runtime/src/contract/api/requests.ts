/** `POST /api/request`, `DELETE /api/request/:media_type/:tmdb_id`, `GET /api/requests`, `GET /api/library-status` (product.md §4). */
import * as z from "zod/mini";
import type { MediaType } from "../../ports/store/index.js";
import type { MediaRequest, RequestCounts } from "../../ports/store/requests.js";
import { MAX_ID } from "../validation.js";

export type { MediaRequest, MediaType };

/**
 * `POST /api/request` body. `profile` routes the request to an *arr instance list (default
 * "default"); `seasons` (TV only) names the seasons wanted — absent means all; checked against
 * TMDB's season list by the server.
 */
export const RequestBody = z.object({
  tmdb_id: z.int().check(z.minimum(1, "tmdb_id must be a positive integer"), z.maximum(MAX_ID)),
  media_type: z.enum(["movie", "tv"]),
  profile: z.optional(z.enum(["default", "4k"], 'profile must be "default" or "4k"')),
  seasons: z.optional(z.array(z.number("must be an integer season number"), "seasons must be a list of season numbers")),
});
export type CreateRequestBody = z.input<typeof RequestBody>;

/** `GET /api/requests` query. */
export const ListRequestsQuery = z.object({
  media_type: z.optional(z.enum(["movie", "tv"])),
  status: z.optional(z.enum(["pending", "added"])),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, "limit must be an integer from 1 to 500"))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
});
export type ListRequestsParams = z.input<typeof ListRequestsQuery>;

export interface CreateRequestResponse {
  success: boolean;
  message: string;
  request: MediaRequest;
}

/** Pending and added requests per type. */
export type StatusCounts = RequestCounts;

export interface RequestsPage {
  requests: MediaRequest[];
  next_cursor: string | null;
  counts: StatusCounts;
}

export interface LibraryStatus {
  library: Record<MediaType, number[]>;
  /** Pending requests only. */
  requests: MediaRequest[];
}
