/**
 * The fulfilment fan-out (product.md §7): when a request is fulfilled, the requester and every
 * follower get the web push (each in their devices' languages), and the channels — household
 * ones and the personal ones of the requester and followers — get one message each, handed to
 * `dispatchChannels` (embedded: the in-process queue; AWS: the notifier function). Push and
 * channels start together; the caller (`notifyFulfilled`) bounds how long it waits for both.
 */
import { errorMessage } from "../../lib/errors.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Logger } from "../../ports/logger.js";
import type { Fulfilment, Notifier, NotifyResult } from "../../ports/notifier.js";
import type { FollowStore } from "../../ports/store/follows.js";

/** What a channel job carries: the title and the names whose channels are due. Never a secret. */
export interface ChannelJob {
  fulfilment: Fulfilment;
  /** Followers other than the requester, sorted by name. */
  followers: string[];
}

export interface FanOutOptions {
  push: Notifier;
  follows: Pick<FollowStore, "followersOf">;
  /** Resolves once the job is handed over (queued or invoked), not when it is delivered. */
  dispatchChannels: (job: ChannelJob) => Promise<void>;
  logger: Logger;
  /** Names pushed to at once. */
  concurrency?: number;
}

export function createFanOutNotifier(options: FanOutOptions): Notifier {
  const { push, logger } = options;
  return {
    async notifyFulfilled(fulfilment: Fulfilment): Promise<NotifyResult> {
      let followers: string[] = [];
      try {
        [followers = []] = await options.follows.followersOf([fulfilment]);
      } catch (err) {
        // The requester is still notified; followers are lost for this title only.
        logger.error("followers unavailable; notifying the requester only", { error: errorMessage(err) });
      }
      followers = followers.filter((name) => name !== fulfilment.requested_by);
      const names = [...(fulfilment.requested_by ? [fulfilment.requested_by] : []), ...followers];

      const channels = options.dispatchChannels({ fulfilment, followers }).catch((err: unknown) => {
        logger.error("channel notifications could not be dispatched", { error: errorMessage(err) });
      });
      const total: NotifyResult = { attempted: 0, delivered: 0 };
      await mapLimit(names, options.concurrency ?? 4, async (name) => {
        // Each name's own fulfilment: the push notifier notifies `requested_by`'s devices.
        const result = await push.notifyFulfilled({ ...fulfilment, requested_by: name });
        total.attempted += result.attempted;
        total.delivered += result.delivered;
      });
      await channels;
      return total;
    },
  };
}
