/** `POST /sync/library`, `POST /sync/library/commit` (product.md §5.3): what the sync CLI sends and gets back. */
import * as z from "zod/mini";
import type { SyncItem } from "../../ports/library-source.js";
import { MAX_ID, SYNC_ID_PATTERN } from "../validation.js";

export type { SyncItem };

const mediaType = z.enum(["movie", "tv"]);
const flag = z.optional(z.enum(["true", "false", "1", "0"]));
const syncId = z.string().check(z.regex(SYNC_ID_PATTERN, "sync_id must match [A-Za-z0-9_-]{1,64}"));

/** `POST /sync/library` query (the body is a JSON array of `SyncItem`). `mode=full` and `sync_id` go together. */
export const SyncBatchQuery = z.looseObject({
  media_type: mediaType,
  notify: flag,
  mode: z.optional(z.literal("full")),
  sync_id: z.optional(syncId),
});

/** `POST /sync/library/commit` query. */
export const SyncCommitQuery = z.looseObject({
  media_type: mediaType,
  sync_id: syncId,
  allow_empty: flag,
  notify: flag,
});

export const MAX_BATCH_ITEMS = 1000;
export const MAX_TITLE_LENGTH = 500;

const POSITIVE_INT = "Expected a positive integer";
const id = z.optional(z.nullable(z.int(POSITIVE_INT).check(z.minimum(1, POSITIVE_INT), z.maximum(MAX_ID, POSITIVE_INT))));

/**
 * One item of a sync batch (unknown keys ignored). At least one of `tmdb_id` and `tvdb_id` must be
 * set: `validateSyncBatch` (domain/library/batch.ts) checks that after this schema.
 */
export const SyncItemBody = z.object(
  {
    tmdb_id: id,
    tvdb_id: id,
    title: z.optional(
      z.nullable(z.string("Expected a string").check(z.maxLength(MAX_TITLE_LENGTH, `At most ${MAX_TITLE_LENGTH} characters`))),
    ),
  },
  "Expected an object",
);

/** `POST /sync/library` body. */
export const SyncBatchBody = z.array(SyncItemBody).check(z.maxLength(MAX_BATCH_ITEMS));

export const SyncBatchResponse = z.object({
  status: z.literal("success"),
  synced: z.int(),
  marked_as_added: z.int(),
  /** Indexes of items whose TVDB id TMDB could not map. */
  unresolved: z.array(z.int()),
  media_type: mediaType,
});
export type SyncBatchResponse = z.output<typeof SyncBatchResponse>;

export const SyncCommitResponse = z.object({
  status: z.literal("success"),
  media_type: mediaType,
  synced: z.int(),
  removed: z.int(),
  marked_as_added: z.int(),
});
export type SyncCommitResponse = z.output<typeof SyncCommitResponse>;
