/** The channel sender with the deployment's private-endpoint switch bound (both shapes). */
import { sendToChannel } from "../adapters/notify/channels/index.js";
import type { SendOne } from "../app/notify/channel-deliveries.js";
import type { Config } from "../config/types.js";

export function channelSender(config: Pick<Config, "pushAllowPrivateEndpoints">): SendOne {
  return (spec, fulfilment, locale) => sendToChannel(spec, fulfilment, locale, { allowPrivate: config.pushAllowPrivateEndpoints });
}
