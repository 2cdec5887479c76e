/**
 * /api/push/* (product.md §4, §7): every route behind the verified session; a name has one
 * subscription per device, and an endpoint belongs to whoever subscribed it last.
 */
import * as z from "zod/mini";
import { subscriptionLocale } from "../../domain/push/locale.js";
import { normaliseAuthSecret, normaliseP256dh } from "../../domain/push/subscription-keys.js";
import { vapidKeyId } from "../../domain/push/vapid-key-id.js";
import { isoNow } from "../../ports/clock.js";
import { readJson } from "../body.js";
import type { AppDeps } from "../deps.js";
import { HttpError, validationFailed } from "../errors.js";
import { json } from "../respond.js";
import type { AppRequest, AppRouter } from "../router.js";
import { requireSession } from "../session.js";
import { parseWith, queryObject } from "../validate.js";

const MAX_ENDPOINT = 2048;
/** Devices per name: beyond this the oldest subscription makes room (a fulfilment fans out to all of them). */
export const MAX_DEVICES_PER_NAME = 20;
const endpointSchema = z.string().check(z.minLength(1), z.maxLength(MAX_ENDPOINT));

const SubscribeBody = z.object({
  endpoint: endpointSchema,
  keys: z.object({
    p256dh: z.string().check(z.maxLength(200)),
    auth: z.string().check(z.maxLength(100)),
  }),
  locale: z.optional(z.string().check(z.maxLength(35))),
});

const UnsubscribeBody = z.object({ endpoint: endpointSchema });
const StatusQuery = z.object({ endpoint: z.optional(endpointSchema) });

const notConfigured = () => new HttpError(501, "push_not_configured", "Push notifications are not configured on this server");

export function registerPushRoutes(router: AppRouter, deps: AppDeps): void {
  router.get("/api/push/vapid-public-key", (request: AppRequest) => {
    requireSession(request, deps);
    if (!deps.config.vapid) throw notConfigured();
    return json({ public_key: deps.config.vapid.publicKey });
  });

  router.post("/api/push/subscribe", async (request: AppRequest) => {
    const { name } = requireSession(request, deps);
    const vapid = deps.config.vapid;
    if (!vapid) throw notConfigured();
    const body = parseWith(SubscribeBody, await readJson(request));
    const p256dh = normaliseP256dh(body.keys.p256dh);
    const auth = normaliseAuthSecret(body.keys.auth);
    const keyErrors = [
      ...(p256dh ? [] : [{ path: ["keys", "p256dh"], message: "must be a base64url P-256 public key (65 bytes)" }]),
      ...(auth ? [] : [{ path: ["keys", "auth"], message: "must be a base64url 16-byte secret" }]),
    ];
    if (!p256dh || !auth) throw validationFailed(keyErrors);
    // Loaded on demand: the guard brings node:dns and node:net, ≈3 ms of every Lambda cold start
    // that only a subscribing device needs.
    const { checkPushEndpoint } = await import("../../adapters/notify/endpoint-guard.js");
    const allowed = await checkPushEndpoint(body.endpoint, { allowPrivate: deps.config.pushAllowPrivateEndpoints });
    if (!allowed.ok) {
      throw new HttpError(422, "endpoint_not_allowed", `Push endpoint not allowed: ${allowed.reason}`);
    }
    const outcome = await deps.store.putSubscription({
      endpoint: body.endpoint,
      owner: name,
      p256dh,
      auth,
      locale: subscriptionLocale(body.locale, request.headers.get("accept-language")),
      vapid_key_id: vapidKeyId(vapid.publicKey),
      created_at: isoNow(deps.clock),
    });
    await evictOldestDevices(deps, name);
    return json({ status: "subscribed" }, outcome === "created" ? 201 : 200);
  });

  router.delete("/api/push/subscribe", async (request: AppRequest) => {
    const { name } = requireSession(request, deps);
    const body = parseWith(UnsubscribeBody, await readJson(request));
    // Owner-scoped: someone else's endpoint looks exactly like an unknown one.
    if (!(await deps.store.deleteSubscription(body.endpoint, name))) {
      throw new HttpError(404, "not_found", "No such push subscription for this name");
    }
    return json({ status: "unsubscribed" });
  });

  router.get("/api/push/status", async (request: AppRequest) => {
    const { name } = requireSession(request, deps);
    const query = parseWith(StatusQuery, queryObject(new URL(request.url)));
    // A device subscribed with a previous VAPID key no longer receives anything: report it as not
    // subscribed so the UI subscribes it again.
    const currentKey = deps.config.vapid ? vapidKeyId(deps.config.vapid.publicKey) : null;
    if (query.endpoint !== undefined) {
      const sub = await deps.store.getSubscription(query.endpoint);
      const mine = sub !== null && sub.owner === name && sub.vapid_key_id === currentKey;
      return json({ subscribed: mine, devices: mine ? 1 : 0 });
    }
    const devices = (await deps.store.listSubscriptions(name)).filter((s) => s.vapid_key_id === currentKey).length;
    return json({ subscribed: devices > 0, devices });
  });
}

async function evictOldestDevices(deps: AppDeps, name: string): Promise<void> {
  const subs = await deps.store.listSubscriptions(name);
  if (subs.length <= MAX_DEVICES_PER_NAME) return;
  const oldestFirst = [...subs].sort((a, b) => a.created_at.localeCompare(b.created_at));
  for (const sub of oldestFirst.slice(0, subs.length - MAX_DEVICES_PER_NAME)) {
    await deps.store.deleteSubscription(sub.endpoint, name);
  }
}
