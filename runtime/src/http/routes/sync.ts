/**
 * POST /sync/library, POST /sync/library/commit (product.md §5.3). Thin: token, query, body and
 * batch validation; the work is in `app/library/sync.ts`.
 */
import { commitResync, syncBatch } from "../../app/library/sync.js";
import { SyncBatchQuery, SyncCommitQuery, type SyncBatchResponse, type SyncCommitResponse } from "../../contract/api/sync.js";
import { SYNC_COMMIT_PATH, SYNC_PATH } from "../../contract/urls.js";
import { validateSyncBatch } from "../../domain/library/batch.js";
import { readJson } from "../body.js";
import { HttpError, validationFailed } from "../errors.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith, queryObject } from "../validate.js";
import { requireWebhookToken } from "../webhook-token.js";

/** A batch of 1,000 items with titles fits comfortably. */
export const SYNC_BODY_LIMIT = 2 * 1024 * 1024;

const MISMATCH = "This sync_id belongs to the other media type or source";

const isTrue = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : v === "true" || v === "1");

export const registerSyncRoutes: RouteModule = (router, deps) => {
  router.post(SYNC_PATH, async (request: AppRequest) => {
    const url = new URL(request.url);
    requireWebhookToken(url, deps.config);
    const query = parseWith(SyncBatchQuery, queryObject(url));
    if (query.mode === "full" && query.sync_id === undefined) {
      throw validationFailed([{ path: ["sync_id"], message: "Required with mode=full" }]);
    }
    if (query.mode === undefined && query.sync_id !== undefined) {
      throw validationFailed([{ path: ["mode"], message: "sync_id needs mode=full" }]);
    }
    const source = query.source ?? "plex";
    const body = await readJson(request, SYNC_BODY_LIMIT);
    const batch = validateSyncBatch(body);
    if (!batch.ok) throw validationFailed(batch.issues, "The batch is invalid; nothing was written");

    const outcome = await syncBatch(
      query.media_type,
      batch.items,
      { notify: isTrue(query.notify, true), fullSyncId: query.sync_id ?? null, source },
      deps,
    );
    if (!outcome.ok) {
      throw new HttpError(409, "sync_conflict", outcome.reason === "committed" ? "This sync_id has already been committed" : MISMATCH);
    }
    return json({
      status: "success",
      synced: outcome.synced,
      marked_as_added: outcome.marked_as_added,
      unresolved: outcome.unresolved,
      media_type: query.media_type,
      source,
    } satisfies SyncBatchResponse);
  });

  router.post(SYNC_COMMIT_PATH, async (request: AppRequest) => {
    const url = new URL(request.url);
    requireWebhookToken(url, deps.config);
    const query = parseWith(SyncCommitQuery, queryObject(url));
    const source = query.source ?? "plex";
    const result = await commitResync(
      query.media_type,
      query.sync_id,
      { allowEmpty: isTrue(query.allow_empty, false), notify: isTrue(query.notify, true), source },
      deps,
    );
    if (!result.ok) {
      switch (result.reason) {
        case "unknown":
          throw new HttpError(404, "unknown_sync", "No resync with this sync_id (never opened, or expired)");
        case "empty":
          throw new HttpError(422, "empty_sync", "The resync is empty; pass allow_empty=true to empty the library");
        case "stale":
          throw new HttpError(409, "sync_conflict", "A newer resync has already been committed");
        case "type_mismatch":
          throw new HttpError(409, "sync_conflict", MISMATCH);
      }
    }
    return json({
      status: "success",
      media_type: query.media_type,
      source,
      synced: result.synced,
      removed: result.removed,
      marked_as_added: result.marked_as_added ?? 0,
    } satisfies SyncCommitResponse);
  });
};
