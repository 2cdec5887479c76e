/**
 * The answers of `POST /sync/library` and `POST /sync/library/commit` (product.md §5.3). The server
 * never parses them: run-time code uses their types (re-exported by `sync.ts`); only the OpenAPI
 * description and tests build them. They live apart from the request schemas so a cold start does
 * not construct them at load.
 */
import * as z from "zod/mini";
import { mediaType } from "./media-type.js";
import { LIBRARY_SOURCES } from "../library-sources.js";

export const SyncBatchResponse = z.object({
  status: z.literal("success"),
  synced: z.int(),
  marked_as_added: z.int(),
  /** Indexes of items whose TVDB/IMDb id TMDB could not map. */
  unresolved: z.array(z.int()),
  media_type: mediaType,
  /** The library written to. */
  source: z.enum(LIBRARY_SOURCES),
});
export type SyncBatchResponse = z.output<typeof SyncBatchResponse>;

export const SyncCommitResponse = z.object({
  status: z.literal("success"),
  media_type: mediaType,
  source: z.enum(LIBRARY_SOURCES),
  synced: z.int(),
  removed: z.int(),
  marked_as_added: z.int(),
});
export type SyncCommitResponse = z.output<typeof SyncCommitResponse>;
