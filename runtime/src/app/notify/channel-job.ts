/**
 * Running a channel job (both shapes): the household channels and the personal channels of the
 * requester and followers become one delivery each (deduplicated by channel id), handed to a
 * runner: the embedded queue, or the notifier function's own runner. Each settled delivery is
 * recorded as that channel's last delivery.
 */
import { parseStoredSpec } from "../../domain/notify/channel.js";
import type { HouseholdNotify } from "../../domain/notify/household.js";
import { titleLink, type ChannelFulfilment } from "../../domain/notify/messages.js";
import { errorMessage } from "../../lib/errors.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Logger } from "../../ports/logger.js";
import type { ChannelStore } from "../../ports/store/channels.js";
import type { DeliveryStore } from "../../ports/store/deliveries.js";
import { channelDeliveries, type ChannelTarget, type SendOne } from "./channel-deliveries.js";
import type { DeliveryResult } from "./delivery-runner.js";
import type { ChannelJob } from "./fan-out.js";
import { lastDeliveryOf } from "./personal-channels.js";

export interface ChannelJobDeps {
  store: Pick<ChannelStore, "listChannels">;
  household: HouseholdNotify;
  /** Origin of the absolute links. */
  origin: () => string;
  send: SendOne;
  logger: Logger;
}

/** The targets of a job: household first, then each name's channels (read `concurrency` names at a time). */
export async function channelTargets(job: ChannelJob, deps: ChannelJobDeps): Promise<ChannelTarget[]> {
  const household: ChannelTarget[] = deps.household.channels.map((c) => ({ id: c.id, spec: c.spec, locale: deps.household.locale }));
  const names = [...new Set([job.fulfilment.requested_by, ...job.followers].filter((n): n is string => !!n))];
  const personal = await mapLimit(names, 8, async (name) => {
    try {
      return await deps.store.listChannels(name);
    } catch (err) {
      deps.logger.error("personal channels unavailable", { owner: name, error: errorMessage(err) });
      return [];
    }
  });
  const targets = [...household];
  for (const record of personal.flat()) {
    const spec = parseStoredSpec(record.spec);
    if (spec) targets.push({ id: record.id, spec, locale: record.locale });
    else deps.logger.warn("stored channel unreadable; skipped", { channel: record.id });
  }
  return targets;
}

/** The deliveries of a job, ready for a runner or queue. */
export async function jobDeliveries(job: ChannelJob, deps: ChannelJobDeps) {
  const fulfilment: ChannelFulfilment = { ...job.fulfilment, followers: job.followers, url: titleLink(deps.origin(), job.fulfilment) };
  return channelDeliveries(fulfilment, await channelTargets(job, deps), deps.send);
}

/** `onSettled` for runners: a delivered or failed result becomes the channel's last delivery. */
export function recordLastDelivery(store: Pick<DeliveryStore, "recordDelivery">) {
  return async (result: DeliveryResult): Promise<void> => {
    if (result.status === "duplicate") return;
    const outcome = result.status === "delivered" ? { kind: "ok" as const } : { kind: result.status, error: result.error };
    await store.recordDelivery(result.channelId, lastDeliveryOf(outcome, result.at));
  };
}
