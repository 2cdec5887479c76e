/**
 * Whether a channel may be sent to at all: the SSRF guard applied to its target. Used when a
 * personal channel is created (422 when refused) and for each household entry at start-up; every
 * send checks again (guarded-post.ts).
 */
import { channelTarget, type ChannelSpec } from "../../../domain/notify/channel.js";
import { checkOutboundUrl, type EndpointCheck, type ResolveAll } from "../endpoint-guard.js";

export function checkChannel(spec: ChannelSpec, opts: { allowPrivate: boolean; resolve?: ResolveAll }): Promise<EndpointCheck> {
  return checkOutboundUrl(channelTarget(spec), { ...opts, allowPlainHttpToPrivate: spec.type === "ntfy" });
}
