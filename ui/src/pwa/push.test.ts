import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "@/i18n/index.js";
import { session } from "@/stores/session.js";
import { apiError, json, mockFetch } from "@/utils/test/fetch-mock.js";
import { freshToken } from "@/utils/test/fixtures.js";
import { base64UrlToBytes, bytesToBase64Url, environmentState, push } from "./push.js";
import { registerServiceWorker } from "./service-worker.js";

const KEY_A = bytesToBase64Url(new Uint8Array(65).fill(4).buffer);
const KEY_B = bytesToBase64Url(new Uint8Array(65).fill(7).buffer);

class FakeSubscription {
  constructor(
    readonly manager: FakePushManager,
    readonly endpoint: string,
    readonly options: { applicationServerKey: ArrayBuffer },
  ) {}
  getKey(name: string): ArrayBuffer {
    return new TextEncoder().encode(name === "auth" ? "auth-secret" : "p256dh-point").buffer as ArrayBuffer;
  }
  async unsubscribe(): Promise<boolean> {
    if (this.manager.current === this) this.manager.current = null;
    return true;
  }
}

class FakePushManager {
  current: FakeSubscription | null = null;
  count = 0;
  async getSubscription() {
    return this.current;
  }
  async subscribe(options: { applicationServerKey: Uint8Array }) {
    this.current = new FakeSubscription(this, `https://push.example/send/${++this.count}`, {
      applicationServerKey: options.applicationServerKey.slice().buffer as ArrayBuffer,
    });
    return this.current;
  }
}

let manager: FakePushManager;
const registration: { active: object; pushManager: FakePushManager | null } = { active: {}, pushManager: null };
let permission: NotificationPermission;
let answer: NotificationPermission;

beforeEach(async () => {
  await setLocale("en", { persist: false });
  session.start(freshToken(), "alice");
  manager = new FakePushManager();
  permission = "default";
  answer = "granted";
  // Registration happens once per page (module state): the test swaps the push manager behind it.
  registration.pushManager = manager;
  vi.stubGlobal("isSecureContext", true);
  Object.defineProperty(window, "isSecureContext", { value: true, configurable: true });
  vi.stubGlobal("PushManager", FakePushManager);
  vi.stubGlobal("Notification", {
    get permission() {
      return permission;
    },
    requestPermission: vi.fn(async () => (permission = answer)),
  });
  Object.defineProperty(navigator, "serviceWorker", {
    configurable: true,
    value: { controller: null, register: vi.fn(async () => registration), addEventListener: vi.fn(), ready: Promise.resolve(registration) },
  });
  await registerServiceWorker();
  push.reset();
});
afterEach(() => {
  session.end("logout");
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, "serviceWorker");
});

describe("push toggle", () => {
  it("enables: asks permission, subscribes with the server key, registers browser and locale with the server", async () => {
    await setLocale("de", { persist: false });
    const http = mockFetch({
      "GET /api/push/vapid-public-key": { public_key: KEY_A },
      "POST /api/push/subscribe": json({ status: "subscribed" }, 201),
    });
    expect(await push.enable()).toBe("on");
    expect(bytesToBase64Url(manager.current!.options.applicationServerKey)).toBe(KEY_A);
    expect(http.callsTo("POST", "/api/push/subscribe")[0]!.body).toEqual({
      endpoint: "https://push.example/send/1",
      keys: {
        p256dh: bytesToBase64Url(new TextEncoder().encode("p256dh-point").buffer as ArrayBuffer),
        auth: bytesToBase64Url(new TextEncoder().encode("auth-secret").buffer as ArrayBuffer),
      },
      locale: "de",
    });
    expect(push.state.value).toBe("on");
  });

  it("a first check that cannot reach the server says so (the bell stays in the header); the next one recovers", async () => {
    const http = mockFetch({});
    http.fn.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    await expect(push.sync()).rejects.toMatchObject({ code: "network_error" });
    expect(push.state.value).toBe("unreachable");
    http.set("GET /api/push/vapid-public-key", { public_key: KEY_A });
    expect(await push.sync()).toBe("off");
  });

  it("does not leave the browser subscribed when the server refuses the endpoint", async () => {
    mockFetch({
      "GET /api/push/vapid-public-key": { public_key: KEY_A },
      "POST /api/push/subscribe": apiError(422, "endpoint_not_allowed"),
    });
    await expect(push.enable()).rejects.toMatchObject({ code: "endpoint_not_allowed" });
    expect(manager.current).toBeNull();
  });

  it("reports a denied permission as blocked and subscribes nothing", async () => {
    answer = "denied";
    const http = mockFetch({});
    expect(await push.enable()).toBe("blocked");
    expect(manager.current).toBeNull();
    expect(http.calls).toHaveLength(0);
  });

  it("disables both the server record and the browser subscription", async () => {
    permission = "granted";
    await manager.subscribe({ applicationServerKey: base64UrlToBytes(KEY_A) });
    const http = mockFetch({ "DELETE /api/push/subscribe": json({ status: "unsubscribed" }) });
    expect(await push.disable()).toBe("off");
    expect(http.callsTo("DELETE", "/api/push/subscribe")[0]!.body).toEqual({ endpoint: "https://push.example/send/1" });
    expect(manager.current).toBeNull();
  });

  it("re-subscribes on start when the server's VAPID key changed", async () => {
    permission = "granted";
    await manager.subscribe({ applicationServerKey: base64UrlToBytes(KEY_A) });
    const http = mockFetch({
      "GET /api/push/vapid-public-key": { public_key: KEY_B },
      "POST /api/push/subscribe": json({ status: "subscribed" }, 201),
    });
    expect(await push.sync()).toBe("on");
    expect(bytesToBase64Url(manager.current!.options.applicationServerKey)).toBe(KEY_B);
    expect(http.callsTo("POST", "/api/push/subscribe")[0]!.body).toMatchObject({ endpoint: "https://push.example/send/2" });
  });

  it("shows off when the server does not count this device for the signed-in name", async () => {
    permission = "granted";
    await manager.subscribe({ applicationServerKey: base64UrlToBytes(KEY_A) });
    const http = mockFetch({
      "GET /api/push/vapid-public-key": { public_key: KEY_A },
      "GET /api/push/status": json({ subscribed: false, devices: 0 }),
    });
    expect(await push.sync()).toBe("off");
    expect(http.callsTo("GET", "/api/push/status")[0]!.url).toBe(
      `/api/push/status?endpoint=${encodeURIComponent("https://push.example/send/1")}`,
    );
  });

  it("knows when the server has no push configured", async () => {
    mockFetch({ "GET /api/push/vapid-public-key": apiError(501, "push_not_configured") });
    expect(await push.sync()).toBe("not-configured");
  });
});

describe("push environment", () => {
  const env = { secure: true, supported: true, ios: false, standalone: false, permission: "default" as NotificationPermission };
  it("tells iOS Safari outside the home screen, insecure pages, no support and a blocked permission apart", () => {
    expect(environmentState({ ...env, supported: false, ios: true })).toBe("ios-install");
    expect(environmentState({ ...env, supported: false, ios: true, standalone: true })).toBe("unsupported");
    expect(environmentState({ ...env, supported: false, secure: false })).toBe("insecure");
    expect(environmentState({ ...env, permission: "denied" })).toBe("blocked");
    expect(environmentState(env)).toBeNull();
  });
});
