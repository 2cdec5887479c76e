/**
 * Fulfilment notifications for requests flipped to "added" (Plex webhook, library sync): each
 * requester is notified through the notifier port, with a bounded total wait so a slow push
 * service never holds the webhook or sync response for long. Delivery that outlives the bound
 * carries on in the background.
 */
import { errorMessage, type Logger } from "../../ports/logger.js";
import type { Fulfilment, Notifier } from "../../ports/notifier.js";
import type { StoredRequest } from "../../ports/store/index.js";

export const WEBHOOK_NOTIFY_WAIT_MS = 3_000;

export const toFulfilment = (r: StoredRequest): Fulfilment => ({
  media_type: r.media_type,
  tmdb_id: r.tmdb_id,
  title: r.title,
  year: r.year,
  poster_path: r.poster_path,
  requested_by: r.requested_by,
});

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
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      try {
        const result = await notifier.notifyFulfilled(toFulfilment(r));
        if (result.delivered > 0) delivered++;
      } catch (err) {
        // The port promises not to throw for delivery failures; anything else must not fail the caller.
        opts.logger.warn("fulfilment notification failed", { media_type: r.media_type, tmdb_id: r.tmdb_id, error: errorMessage(err) });
      } finally {
        finished++;
      }
    }
  };
  const workers = Array.from({ length: Math.min(opts.concurrency ?? 4, requests.length) }, worker);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, opts.waitMs);
    timer.unref?.();
  });
  await Promise.race([Promise.all(workers), timeout]);
  clearTimeout(timer);
  return { delivered, pending: requests.length - finished };
}
