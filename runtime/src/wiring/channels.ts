/**
 * Channel notifications for the embedded shape: the fan-out notifier (push to requester and
 * followers, channels through the in-process queue), the channel test and link origin the channel
 * routes use, and the start-up check of household URLs against the SSRF guard.
 */
import { checkChannel } from "../adapters/notify/channels/check.js";
import type { SendOne } from "../app/notify/channel-deliveries.js";
import { jobDeliveries, recordLastDelivery } from "../app/notify/channel-job.js";
import { createEmbeddedQueue } from "../app/notify/embedded-queue.js";
import { createFanOutNotifier } from "../app/notify/fan-out.js";
import { localChannelTester } from "../app/notify/personal-channels.js";
import { createPublicOrigin, type PublicOrigin } from "../app/notify/public-origin.js";

import { storeClaims } from "../app/notify/store-claims.js";
import type { Config } from "../config/types.js";
import { systemClock } from "../lib/clock.js";
import type { ChannelTester } from "../ports/channel-tester.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Notifier } from "../ports/notifier.js";
import type { Store } from "../ports/store/index.js";
import { channelSender } from "./channel-sender.js";
import { householdNotify } from "./household.js";

export interface EmbeddedNotify {
  notifier: Notifier;
  channels: { test: ChannelTester; origin: PublicOrigin };
  /** Resolves when no delivery is running (tests, the bench). */
  drain(): Promise<void>;
  /** SIGTERM: stop waiting for retries (claims released), let attempts in flight finish. */
  close(): Promise<void>;
}

export function buildEmbeddedNotify(opts: {
  config: Config;
  store: Store;
  push: Notifier;
  logger: Logger;
  /** Link origin until BASE_URL or a signed-in request says better. */
  fallbackOrigin: string;
  send?: SendOne;
  concurrency?: number;
  clock?: Clock;
}): EmbeddedNotify {
  const { config, store, logger } = opts;
  const send = opts.send ?? channelSender(config);
  const origin = createPublicOrigin(config.baseUrl, opts.fallbackOrigin);
  const queue = createEmbeddedQueue({
    claims: storeClaims(store),
    logger,
    onSettled: recordLastDelivery(store),
    ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }),
  });
  const jobDeps = { store, household: householdNotify(config), origin: () => origin.current(), send, logger };
  const notifier = createFanOutNotifier({
    push: opts.push,
    follows: store,
    logger,
    async dispatchChannels(job) {
      const deliveries = await jobDeliveries(job, jobDeps);
      if (deliveries.length > 0) await queue.dispatch(deliveries);
    },
  });
  const test = localChannelTester({ store, send, origin, clock: opts.clock ?? systemClock });
  return { notifier, channels: { test, origin }, drain: () => queue.drain(), close: () => queue.close() };
}

/**
 * Household URLs that the guard refuses (a private address without ALLOW_PRIVATE_ENDPOINTS, plain
 * http to a public one) refuse start-up; one that does not resolve now is only logged (DNS may
 * come up after Stellarr, and every send checks again).
 */
export async function householdProblems(config: Pick<Config, "notify" | "pushAllowPrivateEndpoints">, logger: Logger): Promise<string[]> {
  const problems: string[] = [];
  for (const channel of householdNotify(config).channels) {
    const check = await checkChannel(channel.spec, { allowPrivate: config.pushAllowPrivateEndpoints });
    if (check.ok) continue;
    if (check.reason === "host does not resolve") {
      logger.warn("household channel host does not resolve yet", { entry: channel.entry, channel: channel.id });
    } else {
      problems.push(
        `NOTIFY_URLS entry ${channel.entry}: refused (${check.reason})${check.reason === "non-public address" ? "; set ALLOW_PRIVATE_ENDPOINTS=true for a LAN service" : ""}`,
      );
    }
  }
  return problems;
}
