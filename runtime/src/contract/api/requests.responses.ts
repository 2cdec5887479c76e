/**
 * The answers of `POST /api/request`, `DELETE /api/request/:media_type/:tmdb_id`, `GET /api/requests`,
 * `GET /api/library-status` and the follow routes (product.md §4). The server never parses them:
 * run-time code uses their types (re-exported by `requests.ts`); only the OpenAPI description and
 * tests build them. They live apart from the request schemas so a cold start does not construct them
 * at load.
 */
import * as z from "zod/mini";
import { mediaType } from "./media-type.js";
import type { RequestCounts } from "../../ports/store/requests.js";
import { LIBRARY_SOURCES } from "../library-sources.js";

/** A request as the API shows it (the port's `MediaRequest`; a type test keeps the two the same shape). */
export const MediaRequestSchema = z.object({
  tmdb_id: z.int(),
  media_type: mediaType,
  title: z.nullable(z.string()),
  year: z.nullable(z.int()),
  overview: z.nullable(z.string()),
  poster_path: z.nullable(z.string()),
  imdb_id: z.nullable(z.string()),
  tvdb_id: z.nullable(z.int()),
  /** Null for requests imported without a requester. */
  requested_by: z.nullable(z.string()),
  /** ISO-8601 UTC with milliseconds and `Z`. */
  created_at: z.string(),
  added_at: z.nullable(z.string()),
  plex_guid: z.nullable(z.string()),
  /** The *arr routing label the requester picked (`default` for requests made before it existed). */
  profile: z.enum(["default", "4k"]),
  /**
   * TV: the seasons asked for — `all` every regular season TMDB lists now or adds later, `seasons`
   * the numbers asked for explicitly, ascending (with `all`, only specials); null for movies.
   */
  seasons: z.nullable(z.readonly(z.object({ all: z.boolean(), seasons: z.readonly(z.array(z.int())) }))),
});

export const CreateRequestResponse = z.object({ success: z.boolean(), message: z.string(), request: MediaRequestSchema });
export type CreateRequestResponse = z.output<typeof CreateRequestResponse>;

/** 409 `already_requested`: the error model plus the existing request. */
export const AlreadyRequestedResponse = z.object({
  detail: z.string(),
  code: z.literal("already_requested"),
  request: MediaRequestSchema,
  /** Where the signed-in name can follow the existing request (`POST` it; a path relative to the origin). */
  follow_url: z.string(),
});
export type AlreadyRequestedBody = z.output<typeof AlreadyRequestedResponse>;

export const RemoveRequestResponse = z.object({ success: z.literal(true), message: z.string() });
export type RemoveRequestResponse = z.output<typeof RemoveRequestResponse>;

const counts = z.object({ pending: z.int(), added: z.int() });
/** Pending and added requests per type. */
export const StatusCounts = z.object({ movie: counts, tv: counts });
export type StatusCounts = RequestCounts;

/** A request on the requests page: who else asked to be notified, and which servers have the title. */
export const ListedRequest = z.extend(MediaRequestSchema, {
  /** Names following the request (sorted; never the requester). */
  followers: z.array(z.string()),
  /**
   * The library sources (kinds of media server) whose library has the title now, in the order
   * plex, jellyfin, emby; `[]` when none has it (pending, or removed by a resync since it was added).
   */
  available_on: z.array(z.enum(LIBRARY_SOURCES)),
});
export type ListedRequest = z.output<typeof ListedRequest>;

export const RequestsPage = z.object({
  requests: z.array(ListedRequest),
  next_cursor: z.nullable(z.string()),
  counts: StatusCounts,
});
export type RequestsPage = z.output<typeof RequestsPage>;

/** `POST` / `DELETE /api/request/{media_type}/{tmdb_id}/follow`. */
export const FollowResponse = z.object({
  following: z.boolean(),
  /** Every follower of the request after the change (sorted; never the requester). */
  followers: z.array(z.string()),
});
export type FollowResponse = z.output<typeof FollowResponse>;

/** `GET /api/follows`: the titles the signed-in name follows, pending requests only, by type then id. */
export const FollowsResponse = z.object({
  follows: z.array(z.object({ media_type: mediaType, tmdb_id: z.int() })),
});
export type FollowsResponse = z.output<typeof FollowsResponse>;

export const LibraryStatus = z.object({
  /** TMDB ids in the library, per type. */
  library: z.object({ movie: z.array(z.int()), tv: z.array(z.int()) }),
  /** Pending requests only. */
  requests: z.array(MediaRequestSchema),
});
export type LibraryStatus = z.output<typeof LibraryStatus>;
