/**
 * The web-push notifier (product.md §7): VAPID (RFC 8292) + `aes128gcm` (RFC 8291) through the
 * `web-push` library, which is imported only when a notification is actually sent so cold starts
 * that never notify do not pay for it (stack-notes.md §5, §8.1).
 *
 * Service worker contract (full text in docs/push.md): the push message data is the JSON
 * `PushPayload` of `domain/push/payload.ts` — `{title, body, tag, url, image, icon}` — and a click
 * on the notification opens or focuses the app at `url`.
 *
 * Delivery failures never throw: 404/410 deletes the subscription (the browser dropped it),
 * subscriptions made with another VAPID key are deleted unsent (the UI re-subscribes), anything
 * else is logged without endpoint paths or keys.
 */
import { Agent } from "node:https";
import { buildFulfilmentPayload } from "../../domain/push/payload.js";
import { vapidKeyId } from "../../domain/push/vapid-key-id.js";
import { currentDeadline } from "../../lib/deadline.js";
import { describeError } from "../../lib/errors.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Logger } from "../../ports/logger.js";
import type { Fulfilment, Notifier, NotifyResult, VapidKeys } from "../../ports/notifier.js";
import type { PushSubscriptionRecord, SubscriptionStore } from "../../ports/store/subscriptions.js";
import { checkPushEndpoint, guardedLookup, type ResolveAll } from "./endpoint-guard.js";

type WebPushModule = typeof import("web-push");

export interface WebPushNotifierOptions {
  store: Pick<SubscriptionStore, "listSubscriptions" | "deleteSubscription">;
  config: { vapid: VapidKeys | null; pushAllowPrivateEndpoints: boolean };
  logger: Logger;
  /** HTTPS agent for the push services (tests: one that trusts the fake's certificate). */
  agent?: Agent;
  /** Sends in flight at once. */
  concurrency?: number;
  /** Socket idle timeout per send, ms (shortened to what is left of the current deadline). */
  timeoutMs?: number;
  /** The dynamic-import seam (tests spy on it); defaults to `import("web-push")`. */
  loadWebPush?: () => Promise<WebPushModule>;
  /** DNS seam for the send-time SSRF check. */
  resolve?: ResolveAll;
}

export const PUSH_TTL_SECONDS = 86_400;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_MS = 10_000;

const importWebPush = async (): Promise<WebPushModule> => {
  const mod = (await import("web-push")) as WebPushModule & { default?: WebPushModule };
  // CommonJS through ESM: the functions live on `default` (named exports are best-effort).
  return mod.default ?? mod;
};

export function createWebPushNotifier(options: WebPushNotifierOptions): Notifier {
  const { store, config, logger } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const load = options.loadWebPush ?? importWebPush;
  let webPush: Promise<WebPushModule> | undefined;
  // Without an injected agent, refuse private addresses at connect time too (DNS rebinding).
  const agent = options.agent ?? new Agent(config.pushAllowPrivateEndpoints ? {} : { lookup: guardedLookup });

  async function send(wp: WebPushModule, sub: PushSubscriptionRecord, body: string, vapid: VapidKeys): Promise<boolean> {
    const host = hostOf(sub.endpoint);
    const allowed = await checkPushEndpoint(sub.endpoint, { allowPrivate: config.pushAllowPrivateEndpoints, resolve: options.resolve });
    if (!allowed.ok) {
      logger.warn("push endpoint refused", { push_host: host, reason: allowed.reason });
      return false;
    }
    const deadline = currentDeadline();
    if (deadline.remaining() === 0) {
      logger.warn("push delivery skipped: the deadline passed", { push_host: host });
      return false;
    }
    try {
      await wp.sendNotification({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, body, {
        vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: PUSH_TTL_SECONDS,
        urgency: "normal",
        agent,
        // Never 0 (web-push reads it as "no timeout"): remaining() was checked just above.
        timeout: Math.max(1, deadline.timeoutFor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)),
      });
      return true;
    } catch (err) {
      const status = (err as { statusCode?: unknown }).statusCode;
      if (status === 404 || status === 410) {
        await store
          .deleteSubscription(sub.endpoint)
          .catch((e: unknown) => logger.warn("push subscription cleanup failed", { push_host: host, error: describe(e) }));
        logger.info("push subscription gone; deleted", { push_host: host, status, owner: sub.owner });
      } else {
        logger.warn("push delivery failed", {
          push_host: host,
          status: typeof status === "number" ? status : undefined,
          error: describe(err),
        });
      }
      return false;
    }
  }

  return {
    async notifyFulfilled(fulfilment: Fulfilment): Promise<NotifyResult> {
      const none: NotifyResult = { attempted: 0, delivered: 0 };
      const vapid = config.vapid;
      if (!vapid || !fulfilment.requested_by) return none;
      let subs: PushSubscriptionRecord[];
      try {
        subs = await store.listSubscriptions(fulfilment.requested_by);
      } catch (err) {
        logger.error("push subscriptions unavailable", { error: describe(err) });
        return none;
      }
      const currentKey = vapidKeyId(vapid.publicKey);
      const current: PushSubscriptionRecord[] = [];
      for (const sub of subs) {
        if (sub.vapid_key_id === currentKey) current.push(sub);
        else {
          // Made with a previous key: the push service would refuse our signature. The UI re-subscribes.
          await store.deleteSubscription(sub.endpoint).catch(() => {});
          logger.info("push subscription for another VAPID key dropped", { push_host: hostOf(sub.endpoint), owner: sub.owner });
        }
      }
      if (current.length === 0) return none;

      let wp: WebPushModule;
      try {
        wp = await (webPush ??= load());
      } catch (err) {
        webPush = undefined;
        logger.error("web-push could not be loaded", { error: describe(err) });
        return { attempted: current.length, delivered: 0 };
      }

      const bodies = new Map<string, string>();
      const bodyFor = (locale: string): string => {
        let body = bodies.get(locale);
        if (body === undefined) bodies.set(locale, (body = JSON.stringify(buildFulfilmentPayload(fulfilment, locale))));
        return body;
      };

      let delivered = 0;
      await mapLimit(current, concurrency, async (sub) => {
        if (await send(wp, sub, bodyFor(sub.locale), vapid)) delivered++;
      });
      logger.info("push sent", { owner: fulfilment.requested_by, attempted: current.length, delivered });
      return { attempted: current.length, delivered };
    },
  };
}

/** Only the host is logged: the endpoint path is a capability (anyone holding it can push). */
function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return "invalid";
  }
}

/** Logged failure reasons: the system error code or class, never a URL (endpoint paths are capabilities). */
const describe = (err: unknown): string => describeError(err, { preferCode: true, redactUrls: true, max: 300 });
