/**
 * Requesting a title: shown as requested at once, confirmed by the server, reverted with an error
 * toast when the server refuses (the original Stellarr had no revert). Someone else's request for
 * it already (409 `already_requested`) keeps it requested and offers "Notify me too".
 */
import { ApiError, createRequest, type RequestChoices } from "@/api/index.js";
import { errorMessage } from "@/api/messages.js";
import type { MediaItem, MediaRequest } from "@/api/types.js";
import { t } from "@/i18n/index.js";
import { library } from "@/stores/library.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";
import { followTitle } from "./useFollowTitle.js";

/** How long the "Notify me too" offer of a duplicate request stays (it is also on the card). */
const FOLLOW_OFFER_MS = 10_000;

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
    // Someone else asked for it first: it *is* requested, so keep the badge, and offer to be
    // notified too (the card offers the same from now on). The offer is about this page's title.
    if (err instanceof ApiError && err.code === "already_requested") {
      const body = err.body as { request?: MediaRequest } | null;
      if (body?.request) library.confirmRequested(body.request);
      const mine = body?.request?.requested_by === session.state.name;
      const target = { media_type: item.media_type, tmdb_id: item.id, title: item.title };
      toasts.show("info", errorMessage(err), {
        action: mine ? undefined : { label: t("requests.follow"), run: () => void followTitle(target, true) },

        keep: false,
        timeoutMs: mine ? undefined : FOLLOW_OFFER_MS,
      });
      return true;
    }
    undo();
    if (err instanceof ApiError && err.code === "already_in_library") void library.refresh().catch(() => {});
    toasts.error(`${t("requests.failedToAdd", { title: item.title })} ${errorMessage(err)}`);
    return false;
  }
}
