/**
 * One fulfilment → one delivery per channel (household channels and the personal channels of the
 * requester and followers). The same list is built by the embedded queue and by the AWS notifier
 * function; `send` is `sendToChannel` with the process's SendContext bound.
 */
import { describeChannel, type ChannelSpec } from "../../domain/notify/channel.js";
import { deliveryKey, type DeliveryOutcome } from "../../domain/notify/delivery.js";
import type { ChannelFulfilment } from "../../domain/notify/messages.js";
import type { Delivery } from "./delivery-runner.js";

export interface ChannelTarget {
  /** Store id of a personal channel, or `household-<fingerprint>`. */
  id: string;
  spec: ChannelSpec;
  /** Household: NOTIFY_LOCALE; personal: the owner's. */
  locale: string;
}

export type SendOne = (spec: ChannelSpec, fulfilment: ChannelFulfilment, locale: string) => Promise<DeliveryOutcome>;

export function channelDeliveries(fulfilment: ChannelFulfilment, targets: readonly ChannelTarget[], send: SendOne): Delivery[] {
  const seen = new Set<string>();
  const deliveries: Delivery[] = [];
  for (const target of targets) {
    // A channel listed twice (say, requester and follower share one) is still one delivery.
    if (seen.has(target.id)) continue;
    seen.add(target.id);
    deliveries.push({
      key: deliveryKey(fulfilment, target.id),
      channelId: target.id,
      label: describeChannel(target.spec).masked,
      attempt: () => send(target.spec, fulfilment, target.locale),
    });
  }
  return deliveries;
}
