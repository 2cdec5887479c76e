/**
 * `POST /sync/library`, `POST /sync/library/commit` (product.md §5.3): what the sync CLI sends. The
 * answers' schemas are in `sync.responses.ts`, which a cold start does not load (their types are
 * re-exported here).
 */
import * as z from "zod/mini";
import { mediaType } from "./media-type.js";
import type { SyncItem } from "../../ports/library-source.js";
import { LIBRARY_SOURCES, type LibrarySource } from "../library-sources.js";
import { IMDB_ID_PATTERN, MAX_ID, SYNC_ID_PATTERN } from "../validation.js";

export type { SyncItem };
export type { SyncBatchResponse, SyncCommitResponse } from "./sync.responses.js";

export { LIBRARY_SOURCES, type LibrarySource };
/** The library a sync writes to (absent = plex, so scripts from before sources keep working). */
const source = z.optional(z.enum(LIBRARY_SOURCES));
const flag = z.optional(z.enum(["true", "false", "1", "0"]));
const syncId = z.string().check(z.regex(SYNC_ID_PATTERN, "sync_id must match [A-Za-z0-9_-]{1,64}"));

/** `POST /sync/library` query (the body is a JSON array of `SyncItem`). `mode=full` and `sync_id` go together. */
export const SyncBatchQuery = z.looseObject({
  media_type: mediaType,
  notify: flag,
  mode: z.optional(z.literal("full")),
  sync_id: z.optional(syncId),
  source,
});

/** `POST /sync/library/commit` query. */
export const SyncCommitQuery = z.looseObject({
  media_type: mediaType,
  sync_id: syncId,
  allow_empty: flag,
  notify: flag,
  source,
});

export const MAX_BATCH_ITEMS = 1000;
export const MAX_TITLE_LENGTH = 500;

const POSITIVE_INT = "Expected a positive integer";
const id = z.optional(z.nullable(z.int(POSITIVE_INT).check(z.minimum(1, POSITIVE_INT), z.maximum(MAX_ID, POSITIVE_INT))));

/**
 * One item of a sync batch (unknown keys ignored). At least one of `tmdb_id`, `tvdb_id` and
 * `imdb_id` must be set: `validateSyncBatch` (domain/library/batch.ts) checks that after this schema.
 * An IMDb-only item is resolved through TMDB /find like the webhook's.
 */
export const SyncItemBody = z.object(
  {
    tmdb_id: id,
    tvdb_id: id,
    imdb_id: z.optional(
      z.nullable(
        z
          .string("Expected an IMDb id: tt followed by digits")
          .check(z.regex(IMDB_ID_PATTERN, "Expected an IMDb id: tt followed by digits")),
      ),
    ),
    title: z.optional(
      z.nullable(z.string("Expected a string").check(z.maxLength(MAX_TITLE_LENGTH, `At most ${MAX_TITLE_LENGTH} characters`))),
    ),
  },
  "Expected an object",
);

/** `POST /sync/library` body. */
export const SyncBatchBody = z.array(SyncItemBody).check(z.maxLength(MAX_BATCH_ITEMS));
