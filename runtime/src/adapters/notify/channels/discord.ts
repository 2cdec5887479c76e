/**
 * Discord: execute the webhook with `?wait=true` (so a message Discord could not save is an error,
 * not a 204). Errors are `{"code", "message", "errors"?}` — 404/10015 unknown webhook, 401/50027
 * bad token, 400/50035 with the offending field in `errors` — and a 429 carries `retry_after`
 * (seconds, fractional) in the body besides `Retry-After` and the `X-RateLimit-*` headers.
 */
import type { DiscordChannel } from "../../../domain/notify/channel.js";
import type { DeliveryOutcome } from "../../../domain/notify/delivery.js";
import { channelRequest, type ChannelFulfilment } from "../../../domain/notify/messages.js";
import { guardedPost } from "./guarded-post.js";
import { jsonObject, outcomeOfPost, retryAfterHeader, type ReadAnswer, type SendContext } from "./outcome.js";

export async function sendDiscord(
  spec: DiscordChannel,
  fulfilment: ChannelFulfilment,
  locale: string,
  ctx: SendContext,
): Promise<DeliveryOutcome> {
  const request = channelRequest(spec, fulfilment, locale, (ctx.now ?? Date.now)());
  const result = await guardedPost(request, ctx);
  return outcomeOfPost(result, spec, readDiscordAnswer, ctx);
}

export const readDiscordAnswer: ReadAnswer = (status, body, headers, nowMs) => {
  const json = jsonObject(body);
  const message = typeof json?.message === "string" ? json.message : null;
  const code = typeof json?.code === "number" ? ` (${json.code})` : "";
  const field = json?.errors ? firstFieldError(json.errors) : null;
  const error = `discord ${status}${message ? `: ${message}` : ""}${code}${field ? ` — ${field}` : ""}`;
  const retryAfter = typeof json?.retry_after === "number" && json.retry_after >= 0 ? Math.ceil(json.retry_after * 1000) : undefined;
  return { error, retryAfterMs: retryAfter ?? retryAfterHeader(headers, nowMs) };
};

/** `{"embeds": {"0": {"title": {"_errors": [{"message": "…"}]}}}}` → `embeds.0.title: …`. */
function firstFieldError(tree: unknown, path: string[] = []): string | null {
  if (typeof tree !== "object" || tree === null) return null;
  const node = tree as Record<string, unknown>;
  const errors = node._errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0] as { message?: unknown };
    return `${path.join(".") || "body"}: ${typeof first.message === "string" ? first.message : "invalid"}`;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key === "_errors") continue;
    const found = firstFieldError(child, [...path, key]);
    if (found) return found;
  }
  return null;
}
