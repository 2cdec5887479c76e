/**
 * The one entry to the channel senders. Each sender (and node:http/https with it) is imported
 * on first use, so the Lambda API bundle does not carry them and a process that never notifies a
 * channel never loads them.
 */
import type { ChannelSpec } from "../../../domain/notify/channel.js";
import type { DeliveryOutcome } from "../../../domain/notify/delivery.js";
import type { ChannelFulfilment } from "../../../domain/notify/messages.js";
import type { SendContext } from "./outcome.js";

export type { SendContext } from "./outcome.js";

/** One attempt: never throws; the outcome says whether (and when) to try again. */
export async function sendToChannel(
  spec: ChannelSpec,
  fulfilment: ChannelFulfilment,
  locale: string,
  ctx: SendContext,
): Promise<DeliveryOutcome> {
  try {
    switch (spec.type) {
      case "ntfy":
        return await (await import("./ntfy.js")).sendNtfy(spec, fulfilment, locale, ctx);
      case "discord":
        return await (await import("./discord.js")).sendDiscord(spec, fulfilment, locale, ctx);
      case "webhook":
        return await (await import("./webhook.js")).sendWebhook(spec, fulfilment, locale, ctx);
    }
  } catch (err) {
    // A bug or a failed chunk load, not the channel's answer: report it without details that could hold a URL.
    return { kind: "retry", error: `${spec.type}: internal error (${err instanceof Error ? err.name : "unknown"})` };
  }
}
