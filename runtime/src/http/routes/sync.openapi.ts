/** OpenAPI descriptions of `sync.ts`. */
import { SyncBatchBody, SyncBatchQuery, SyncCommitQuery, SyncItemBody } from "../../contract/api/sync.js";
import { SyncBatchResponse, SyncCommitResponse } from "../../contract/api/sync.responses.js";
import { SYNC_COMMIT_PATH, SYNC_PATH } from "../../contract/urls.js";
import { jsonBody, UPSTREAM_ERRORS, type RouteDoc } from "../openapi/describe.js";
import type { NamedSchema } from "../openapi/document.js";
import { SYNC_BODY_LIMIT } from "./sync.js";

const CONFLICT = "The sync_id is committed, belongs to the other media type, or a newer resync was committed";

export const syncRouteDocs: RouteDoc[] = [
  {
    method: "POST",
    path: SYNC_PATH,
    tag: "library sync",
    summary:
      "Add a batch of library items to one source's library (`stellarr plex-sync`, `jellyfin-sync`, `emby-sync`); with `mode=full` and `sync_id`, part of a full resync",
    description:
      "`source` names the library written to: `plex` (the default), `jellyfin` or `emby`; a full resync replaces only that source's entries. " +
      "`mode=full` needs `sync_id`, and `sync_id` needs `mode=full`. The whole batch is checked before anything is written. " +
      "An item needs a `tmdb_id`, `tvdb_id` or `imdb_id`; TVDB- and IMDb-only items are resolved through TMDB (`unresolved` lists those it could not map).",
    auth: "webhook",
    query: SyncBatchQuery,
    body: jsonBody(SyncBatchBody, SYNC_BODY_LIMIT),
    responses: { 200: { description: "Synced", schema: SyncBatchResponse } },
    errors: [{ status: 409, codes: ["sync_conflict"], description: CONFLICT }, ...UPSTREAM_ERRORS],
  },
  {
    method: "POST",
    path: SYNC_COMMIT_PATH,
    tag: "library sync",
    summary:
      "Commit a full resync: the source's library (`source`, default plex) becomes exactly the synced set; other sources' entries stay",
    auth: "webhook",
    query: SyncCommitQuery,
    responses: { 200: { description: "Committed", schema: SyncCommitResponse } },
    errors: [
      { status: 404, codes: ["unknown_sync"], description: "No resync with this sync_id (never opened, or expired)" },
      { status: 409, codes: ["sync_conflict"], description: CONFLICT },
      { status: 422, codes: ["empty_sync"], description: "The resync is empty and allow_empty is not set" },
    ],
  },
];

/** The rule `validateSyncBatch` checks after the schema (an item needs a TMDB, TVDB or IMDb id), in JSON Schema. */
export const syncNamedSchemas: NamedSchema[] = [
  {
    schema: SyncItemBody,
    id: "SyncItem",
    extra: {
      anyOf: [
        { required: ["tmdb_id"], properties: { tmdb_id: { type: "integer" } } },
        { required: ["tvdb_id"], properties: { tvdb_id: { type: "integer" } } },
        { required: ["imdb_id"], properties: { imdb_id: { type: "string" } } },
      ],
    },
  },
];
