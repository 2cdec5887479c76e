/**
 * The push toggle's state machine (product.md §7): the browser subscription and the server record
 * are always changed together; a subscription made with another VAPID key is replaced; the server
 * is told the UI locale on every subscribe.
 */
import { readonly, ref } from "vue";
import { ApiError, fetchVapidKey, pushStatus, subscribePush, unsubscribePush } from "@/api/index.js";
import { locale } from "@/i18n/index.js";
import { activeRegistration } from "./service-worker.js";

export type PushState =
  | "unknown"
  | "unsupported" // no Push API
  | "insecure" // plain http: no service worker, no push
  | "ios-install" // iOS Safari outside a home-screen app: show the install guide
  | "not-configured" // the server has no VAPID keys (501)
  | "blocked" // permission denied
  | "unreachable" // the first check could not reach the server (offline, server down): try again later
  | "off"
  | "on";

const state = ref<PushState>("unknown");
const busy = ref(false);

export interface PushEnvironment {
  secure: boolean;
  supported: boolean;
  ios: boolean;
  standalone: boolean;
  permission: NotificationPermission | null;
}

export function detectEnvironment(): PushEnvironment {
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  const ua = navigator.userAgent;
  const ios = /iPad|iPhone|iPod/.test(ua) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const standalone =
    (typeof window.matchMedia === "function" && window.matchMedia("(display-mode: standalone)").matches) ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return { secure: window.isSecureContext, supported, ios, standalone, permission: supported ? Notification.permission : null };
}

/** The state the environment alone decides, or null when it depends on the subscription. */
export function environmentState(env: PushEnvironment): PushState | null {
  if (!env.supported) {
    if (env.ios && !env.standalone) return "ios-install";
    return env.secure ? "unsupported" : "insecure";
  }
  if (!env.secure) return "insecure";
  if (env.permission === "denied") return "blocked";
  return null;
}

export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64Url(buffer: ArrayBuffer | null): string {
  if (!buffer) return "";
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function sameKey(subscription: PushSubscription, serverKey: string): boolean {
  const current = subscription.options?.applicationServerKey ?? null;
  return current !== null && bytesToBase64Url(current) === serverKey.replace(/=+$/, "");
}

function bodyFor(subscription: PushSubscription) {
  return {
    endpoint: subscription.endpoint,
    keys: { p256dh: bytesToBase64Url(subscription.getKey("p256dh")), auth: bytesToBase64Url(subscription.getKey("auth")) },
    locale: locale(),
  };
}

async function pushManager(): Promise<PushManager | null> {
  const registration = await activeRegistration();
  return registration?.pushManager ?? null;
}

async function serverKey(): Promise<string | null> {
  try {
    return await fetchVapidKey();
  } catch (err) {
    if (err instanceof ApiError && err.code === "push_not_configured") return null;
    throw err;
  }
}

async function run<T>(work: () => Promise<T>): Promise<T> {
  busy.value = true;
  try {
    return await work();
  } finally {
    busy.value = false;
  }
}

/** A browser subscription for the server's current key, replacing one made with an old key. */
async function subscribeWith(manager: PushManager, key: string): Promise<PushSubscription> {
  const existing = await manager.getSubscription();
  if (existing && sameKey(existing, key)) return existing;
  if (existing) await existing.unsubscribe();
  return manager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key) });
}

export const push = {
  state: readonly(state),
  busy: readonly(busy),

  /** Works out the toggle's state after login or at start; repairs a stale or foreign-key subscription. */
  async sync(): Promise<PushState> {
    const fixed = environmentState(detectEnvironment());
    if (fixed) return (state.value = fixed);
    return run(async (): Promise<PushState> => {
      const manager = await pushManager();
      if (!manager) return (state.value = "unsupported");
      const subscription = await manager.getSubscription();
      const key = await serverKey();
      if (key === null) return (state.value = "not-configured");
      if (!subscription) return (state.value = "off");
      if (!sameKey(subscription, key)) {
        // The server's VAPID key changed: the old subscription is dead, make a new one silently.
        if (Notification.permission !== "granted") {
          await subscription.unsubscribe();
          return (state.value = "off");
        }
        await subscribePush(bodyFor(await subscribeWith(manager, key)));
        return (state.value = "on");
      }
      // The browser may hold a subscription the server does not count for this name (another
      // person signed in on this device, or the server dropped it): then the toggle is off, and
      // enabling registers the existing subscription for the current name.
      const known = await pushStatus(subscription.endpoint);
      return (state.value = known.subscribed ? "on" : "off");
    }).catch((err: unknown) => {
      // Something to show instead of nothing, so the bell keeps its place; a later sync replaces it.
      if (state.value === "unknown") state.value = "unreachable";
      throw err;
    });
  },

  async enable(): Promise<PushState> {
    const fixed = environmentState(detectEnvironment());
    if (fixed) return (state.value = fixed);
    return run(async () => {
      if (Notification.permission === "default") {
        const answer = await Notification.requestPermission();
        if (answer === "denied") return (state.value = "blocked");
        if (answer !== "granted") throw new PushPermissionError();
      }
      const manager = await pushManager();
      if (!manager) return (state.value = "unsupported");
      const key = await serverKey();
      if (key === null) return (state.value = "not-configured");
      const subscription = await subscribeWith(manager, key);
      try {
        await subscribePush(bodyFor(subscription));
      } catch (err) {
        // Never leave the browser subscribed while the server does not know it.
        await subscription.unsubscribe().catch(() => false);
        throw err;
      }
      return (state.value = "on");
    });
  },

  async disable(): Promise<PushState> {
    return run(async (): Promise<PushState> => {
      const manager = await pushManager();
      const subscription = manager ? await manager.getSubscription() : null;
      if (subscription) {
        // Server first: if it fails, both sides still agree that this device is subscribed.
        await unsubscribePush(subscription.endpoint);
        await subscription.unsubscribe();
      }
      return (state.value = "off");
    });
  },

  /** Tells the server the new UI language of this device's notifications. */
  async updateLocale(): Promise<void> {
    if (state.value !== "on") return;
    const subscription = await (await pushManager())?.getSubscription();
    if (subscription) await subscribePush(bodyFor(subscription));
  },

  reset(): void {
    state.value = "unknown";
  },
};

export class PushPermissionError extends Error {
  override readonly name = "PushPermissionError";
  constructor() {
    super("Notification permission was not granted");
  }
}
