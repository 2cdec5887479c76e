/** `POST /api/request`, `DELETE /api/request/:media_type/:tmdb_id`, `GET /api/requests`, `GET /api/library-status` (product.md §4). */
import * as z from "zod/mini";
import type { MediaType } from "../../ports/store/index.js";
import type { MediaRequest, RequestCounts } from "../../ports/store/requests.js";
import { MAX_ID } from "../validation.js";

export type { MediaRequest, MediaType };

/** `POST /api/request` body. */
export const RequestBody = z.object({
  tmdb_id: z.int().check(z.minimum(1, "tmdb_id must be a positive integer"), z.maximum(MAX_ID)),
  media_type: z.enum(["movie", "tv"]),
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

/** A request on the requests page: who else asked to be notified (sorted by name; never the requester). */
export interface ListedRequest extends MediaRequest {
  followers: string[];
}

export interface RequestsPage {
  requests: ListedRequest[];
  next_cursor: string | null;
  counts: StatusCounts;
}

/** The 409 `already_requested` body of `POST /api/request`: the request and where to follow it. */
export interface AlreadyRequestedBody {
  detail: string;
  code: "already_requested";
  request: MediaRequest;
  follow_url: string;
}

/** `POST` / `DELETE /api/request/{media_type}/{tmdb_id}/follow`. */
export interface FollowResponse {
  following: boolean;
  followers: string[];
}

export interface LibraryStatus {
  library: Record<MediaType, number[]>;
  /** Pending requests only. */
  requests: MediaRequest[];
}
