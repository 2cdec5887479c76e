/**
 * Signed webhooks: the JSON body with `X-Stellarr-Signature` (domain/notify/signature.ts), signed
 * at each attempt. Any receiver: only the status matters, plus `Retry-After` when it sends one.
 */
import type { WebhookChannel } from "../../../domain/notify/channel.js";
import type { DeliveryOutcome } from "../../../domain/notify/delivery.js";
import { channelRequest, type ChannelFulfilment } from "../../../domain/notify/messages.js";
import { guardedPost } from "./guarded-post.js";
import { outcomeOfPost, retryAfterHeader, type ReadAnswer, type SendContext } from "./outcome.js";

export async function sendWebhook(
  spec: WebhookChannel,
  fulfilment: ChannelFulfilment,
  locale: string,
  ctx: SendContext,
): Promise<DeliveryOutcome> {
  const request = channelRequest(spec, fulfilment, locale, (ctx.now ?? Date.now)());
  const result = await guardedPost(request, ctx);
  return outcomeOfPost(result, spec, readWebhookAnswer, ctx);
}

/** The receiver's body is its own business (and may echo what we sent): only the status is reported. */
export const readWebhookAnswer: ReadAnswer = (status, _body, headers, nowMs) => ({
  error: `webhook ${status}`,
  retryAfterMs: retryAfterHeader(headers, nowMs),
});
