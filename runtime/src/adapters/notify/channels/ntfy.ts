/**
 * ntfy: the JSON message POSTed to the server root, `Authorization: Bearer tk_…` when the channel
 * has a token. ntfy answers errors as `{"code": 40009, "http": 400, "error": "invalid request:
 * topic invalid", "link"?}` (server/errors.go) and sends no Retry-After on 429 (42901 request
 * limit, 42908 daily quota, 42909 auth failures): the schedule decides then.
 */
import type { NtfyChannel } from "../../../domain/notify/channel.js";
import type { DeliveryOutcome } from "../../../domain/notify/delivery.js";
import { channelRequest, type ChannelFulfilment } from "../../../domain/notify/messages.js";
import { guardedPost } from "./guarded-post.js";
import { jsonObject, outcomeOfPost, retryAfterHeader, type ReadAnswer, type SendContext } from "./outcome.js";

export async function sendNtfy(
  spec: NtfyChannel,
  fulfilment: ChannelFulfilment,
  locale: string,
  ctx: SendContext,
): Promise<DeliveryOutcome> {
  const request = channelRequest(spec, fulfilment, locale, (ctx.now ?? Date.now)());
  const result = await guardedPost(request, { ...ctx, allowPlainHttpToPrivate: true });
  return outcomeOfPost(result, spec, readNtfyAnswer, ctx);
}

export const readNtfyAnswer: ReadAnswer = (status, body, headers, nowMs) => {
  const json = jsonObject(body);
  const text = typeof json?.error === "string" ? json.error : null;
  const code = typeof json?.code === "number" ? ` (${json.code})` : "";
  return { error: `ntfy ${status}${text ? `: ${text}` : ""}${code}`, retryAfterMs: retryAfterHeader(headers, nowMs) };
};
