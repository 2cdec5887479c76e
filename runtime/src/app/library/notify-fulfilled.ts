/**
 * Fulfilment notifications for requests flipped to "added" (media-server webhook, library sync):
 * each requester is notified through the notifier port, with a bounded total wait so a slow push
 * service never holds the webhook or sync response for long. Delivery that outlives the bound
 * carries on in the background.
 */
import { toFulfilment } from "../../domain/requests/shape.js";
import { errorMessage } from "../../lib/errors.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Logger } from "../../ports/logger.js";
import type { Notifier } from "../../ports/notifier.js";
import type { StoredRequest } from "../../ports/store/requests.js";

/** product.md §5.1, §7: push and channels together never hold a webhook or sync response longer than this. */
export const WEBHOOK_NOTIFY_WAIT_MS = 1_000;

export interface NotifyOutcome {
  /** Requests for which at least one push service answered 2xx within the wait. */
  delivered: number;
  /** Requests whose delivery was still running when the wait ended. */
  pending: number;
}

/** Notifies every flipped request (`concurrency` at a time) and waits at most `waitMs` in total. */
export async function notifyFulfilled(
  notifier: Notifier,
  requests: readonly StoredRequest[],
  opts: { waitMs: number; concurrency?: number; logger: Logger },
): Promise<NotifyOutcome> {
  if (requests.length === 0) return { delivered: 0, pending: 0 };
  let delivered = 0;
  let finished = 0;
  const all = mapLimit(requests, opts.concurrency ?? 4, async (r) => {
    try {
      const result = await notifier.notifyFulfilled(toFulfilment(r));
      if (result.delivered > 0) delivered++;
    } catch (err) {
      // The port promises not to throw for delivery failures; anything else must not fail the caller.
      opts.logger.warn("fulfilment notification failed", { media_type: r.media_type, tmdb_id: r.tmdb_id, error: errorMessage(err) });
    } finally {
      finished++;
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, opts.waitMs);
    timer.unref?.();
  });
  await Promise.race([all, timeout]);
  clearTimeout(timer);
  return { delivered, pending: requests.length - finished };
}
