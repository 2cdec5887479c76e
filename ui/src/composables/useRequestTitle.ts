/**
 * Requesting a title: shown as requested at once, confirmed by the server, reverted with an error
 * toast when the server refuses (the original Stellarr had no revert).
 */
import { ApiError, createRequest, type RequestChoices } from "@/api/index.js";
import { errorMessage } from "@/api/messages.js";
import type { MediaItem, MediaRequest } from "@/api/types.js";
import { t } from "@/i18n/index.js";
import { library } from "@/stores/library.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";

export async function requestTitle(item: MediaItem, choices: RequestChoices = {}): Promise<boolean> {
  const undo = library.markRequested({
    tmdb_id: item.id,
    media_type: item.media_type,
    title: item.title,
    year: item.year,
    overview: item.overview,
    poster_path: item.poster_path,
    requested_by: session.state.name,
  });
  try {
    const result = await createRequest(item.id, item.media_type, choices);
    if (!result.success) throw new ApiError(200, "unknown", result.message);
    library.confirmRequested(result.request);
    toasts.success(t("requests.requestedToast", { title: item.title }));
    return true;
  } catch (err) {
    // Someone else asked for it first: it *is* requested, so keep the badge.
    if (err instanceof ApiError && err.code === "already_requested") {
      const existing = (err.body as { request?: MediaRequest } | null)?.request;
      if (existing) library.confirmRequested(existing);
      toasts.info(errorMessage(err));
      return true;
    }
    undo();
    if (err instanceof ApiError && err.code === "already_in_library") void library.refresh().catch(() => {});
    toasts.error(`${t("requests.failedToAdd", { title: item.title })} ${errorMessage(err)}`);
    return false;
  }
}
