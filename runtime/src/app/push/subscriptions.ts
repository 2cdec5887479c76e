/**
 * Push subscriptions (product.md §7): a name has one subscription per device (at most
 * `MAX_DEVICES_PER_NAME`, the oldest making room), an endpoint belongs to whoever subscribed it
 * last, and every endpoint passes the SSRF guard before it is stored.
 */
import { subscriptionLocale } from "../../domain/push/locale.js";
import { normaliseAuthSecret, normaliseP256dh } from "../../domain/push/subscription-keys.js";
import { vapidKeyId } from "../../domain/push/vapid-key-id.js";
import { isoNow } from "../../lib/clock.js";
import type { Clock } from "../../ports/clock.js";
import type { PushEndpointGuard } from "../../ports/push-endpoint-guard.js";
import type { SubscriptionStore } from "../../ports/store/subscriptions.js";

/** Devices per name: beyond this the oldest subscription makes room (a fulfilment fans out to all of them). */
export const MAX_DEVICES_PER_NAME = 20;

export interface SubscribeInput {
  name: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The UI's locale (always sent), else the `Accept-Language` header decides. */
  locale?: string;
  acceptLanguage: string | null;
}

export interface SubscribeDeps {
  store: SubscriptionStore;
  clock: Clock;
  pushEndpointGuard: PushEndpointGuard;
  /** The VAPID public key subscriptions are made with. */
  vapidPublicKey: string;
}

export type SubscribeResult =
  | { ok: true; outcome: "created" | "updated" }
  | { ok: false; reason: "invalid_keys"; errors: { path: string[]; message: string }[] }
  | { ok: false; reason: "endpoint_not_allowed"; detail: string };

export async function subscribePush(input: SubscribeInput, deps: SubscribeDeps): Promise<SubscribeResult> {
  const p256dh = normaliseP256dh(input.keys.p256dh);
  const auth = normaliseAuthSecret(input.keys.auth);
  if (!p256dh || !auth) {
    const errors = [
      ...(p256dh ? [] : [{ path: ["keys", "p256dh"], message: "must be a base64url P-256 public key (65 bytes)" }]),
      ...(auth ? [] : [{ path: ["keys", "auth"], message: "must be a base64url 16-byte secret" }]),
    ];
    return { ok: false, reason: "invalid_keys", errors };
  }
  const allowed = await deps.pushEndpointGuard.check(input.endpoint);
  if (!allowed.ok) return { ok: false, reason: "endpoint_not_allowed", detail: allowed.reason };
  const outcome = await deps.store.putSubscription({
    endpoint: input.endpoint,
    owner: input.name,
    p256dh,
    auth,
    locale: subscriptionLocale(input.locale, input.acceptLanguage),
    vapid_key_id: vapidKeyId(deps.vapidPublicKey),
    created_at: isoNow(deps.clock),
  });
  await evictOldestDevices(deps.store, input.name);
  return { ok: true, outcome };
}

/** Owner-scoped: someone else's endpoint looks exactly like an unknown one. true when deleted. */
export function unsubscribePush(name: string, endpoint: string, store: Pick<SubscriptionStore, "deleteSubscription">): Promise<boolean> {
  return store.deleteSubscription(endpoint, name);
}

/**
 * Whether this device (`endpoint`), or any device of the name, receives notifications. A device
 * subscribed with a previous VAPID key no longer receives anything: it is reported as not
 * subscribed so the UI subscribes it again.
 */
export async function pushStatus(
  name: string,
  endpoint: string | undefined,
  deps: { store: Pick<SubscriptionStore, "getSubscription" | "listSubscriptions">; vapidPublicKey: string | null },
): Promise<{ subscribed: boolean; devices: number }> {
  const currentKey = deps.vapidPublicKey ? vapidKeyId(deps.vapidPublicKey) : null;
  if (endpoint !== undefined) {
    const sub = await deps.store.getSubscription(endpoint);
    const mine = sub !== null && sub.owner === name && sub.vapid_key_id === currentKey;
    return { subscribed: mine, devices: mine ? 1 : 0 };
  }
  const devices = (await deps.store.listSubscriptions(name)).filter((s) => s.vapid_key_id === currentKey).length;
  return { subscribed: devices > 0, devices };
}

async function evictOldestDevices(store: Pick<SubscriptionStore, "listSubscriptions" | "deleteSubscription">, name: string): Promise<void> {
  const subs = await store.listSubscriptions(name);
  if (subs.length <= MAX_DEVICES_PER_NAME) return;
  const oldestFirst = [...subs].sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (const sub of oldestFirst.slice(0, subs.length - MAX_DEVICES_PER_NAME)) {
    await store.deleteSubscription(sub.endpoint, name);
  }
}
