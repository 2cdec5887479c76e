import { createECDH, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signToken } from "../../src/domain/auth/token.js";
import { vapidKeyId } from "../../src/domain/push/vapid-key-id.js";
import { MAX_DEVICES_PER_NAME } from "../../src/app/push/subscriptions.js";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import { vapidKeys, type Vapid } from "../support/vapid.js";

/** A browser-shaped subscription (keys as a browser sends them). */
function browserSub(endpoint = `https://127.0.0.1:4443/push/${randomBytes(8).toString("hex")}`) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return { endpoint, keys: { p256dh: ecdh.getPublicKey("base64url"), auth: randomBytes(16).toString("base64url") } };
}

const PUSH_ROUTES: { method: string; path: string; json?: unknown }[] = [
  { method: "GET", path: "/api/push/vapid-public-key" },
  { method: "POST", path: "/api/push/subscribe", json: browserSub() },
  { method: "DELETE", path: "/api/push/subscribe", json: { endpoint: "https://127.0.0.1/push/x" } },
  { method: "GET", path: "/api/push/status" },
  { method: "GET", path: "/api/push/status?endpoint=https%3A%2F%2F127.0.0.1%2Fpush%2Fx" },
];

describe.each(storeFactories)("push routes ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let vapid: Vapid;

  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    vapid = vapidKeys();
    t = await createTestApp({ store: made.store, config: { vapid, pushAllowPrivateEndpoints: true } });
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  const subscribe = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    t.request("/api/push/subscribe", { method: "POST", json: body, token, headers });
  const unsubscribe = (token: string, endpoint: string) =>
    t.request("/api/push/subscribe", { method: "DELETE", json: { endpoint }, token });
  const status = async (token: string, endpoint?: string) => {
    const res = await t.request(`/api/push/status${endpoint ? `?endpoint=${encodeURIComponent(endpoint)}` : ""}`, { token });
    expect(res.status).toBe(200);
    return res.json();
  };

  describe("authentication", () => {
    it.each(PUSH_ROUTES)("$method $path refuses missing, unsigned, forged and expired tokens", async (route) => {
      const forgedName = `${Math.floor(t.clock.now() / 1000)}.${Buffer.from("alice").toString("base64url")}.${"A".repeat(43)}`;
      const otherKey = signToken(Buffer.alloc(32, 7), "alice", Math.floor(t.clock.now() / 1000));
      const expired = t.login("alice");
      const cases: (string | undefined)[] = [undefined, `x.${Buffer.from("alice").toString("base64url")}.y`, forgedName, otherKey];
      for (const token of cases) {
        const res = await t.request(route.path, { method: route.method, json: route.json, token });
        expect(res.status, `token ${token}`).toBe(401);
      }
      t.clock.advance(31 * 24 * 3600 * 1000);
      const res = await t.request(route.path, { method: route.method, json: route.json, token: expired });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe("token_expired");
      expect(await t.store.listSubscriptions("alice")).toEqual([]);
    });

    it("covers every registered push route", () => {
      const registered = t.app.routes().filter((r) => r.path.startsWith("/api/push"));
      for (const r of registered) {
        expect(
          PUSH_ROUTES.some((p) => p.method === r.method && p.path.split("?")[0] === r.path),
          `${r.method} ${r.path}`,
        ).toBe(true);
      }
      expect(registered.length).toBe(4);
    });
  });

  it("serves the VAPID public key, or 501 when push is not configured", async () => {
    const res = await t.request("/api/push/vapid-public-key", { token: t.login() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ public_key: vapid.publicKey });

    const off = await createTestApp({ store: t.store, config: { vapid: null } });
    const r501 = await off.request("/api/push/vapid-public-key", { token: off.login() });
    expect(r501.status).toBe(501);
    expect((await r501.json()).code).toBe("push_not_configured");
    const sub501 = await off.request("/api/push/subscribe", { method: "POST", json: browserSub(), token: off.login() });
    expect(sub501.status).toBe(501);
  });

  it("stores one subscription per device with its locale and VAPID key id", async () => {
    const alice = t.login("alice");
    const phone = browserSub();
    const laptop = browserSub();
    const res = await subscribe(alice, { ...phone, locale: "fr-FR" });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ status: "subscribed" });
    expect((await subscribe(alice, laptop, { "accept-language": "it-IT, de;q=0.8, en;q=0.5" })).status).toBe(201);

    const stored = await t.store.listSubscriptions("alice");
    expect(stored.map((s) => [s.endpoint, s.locale, s.vapid_key_id]).sort()).toEqual(
      [
        [phone.endpoint, "fr", vapidKeyId(vapid.publicKey)],
        [laptop.endpoint, "de", vapidKeyId(vapid.publicKey)],
      ].sort(),
    );
    expect(stored.find((s) => s.endpoint === phone.endpoint)).toMatchObject({
      owner: "alice",
      p256dh: phone.keys.p256dh,
      auth: phone.keys.auth,
    });
    expect(await status(alice)).toEqual({ subscribed: true, devices: 2 });

    // Same device again: 200, not a second row; no locale anywhere → en.
    expect((await subscribe(alice, phone)).status).toBe(200);
    expect((await t.store.getSubscription(phone.endpoint))?.locale).toBe("en");
    expect(await status(alice)).toEqual({ subscribed: true, devices: 2 });
  });

  it("normalises standard-base64 keys and refuses malformed ones", async () => {
    const alice = t.login();
    const sub = browserSub();
    const std = {
      ...sub,
      keys: {
        p256dh: Buffer.from(sub.keys.p256dh, "base64url").toString("base64"),
        auth: Buffer.from(sub.keys.auth, "base64url").toString("base64"),
      },
    };
    expect((await subscribe(alice, std)).status).toBe(201);
    expect((await t.store.getSubscription(sub.endpoint))?.p256dh).toBe(sub.keys.p256dh);

    const bad = await subscribe(alice, { ...browserSub(), keys: { p256dh: "AAAA", auth: randomBytes(8).toString("base64url") } });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.code).toBe("validation_failed");
    expect(body.errors.map((e: { path: unknown[] }) => e.path)).toEqual([
      ["keys", "p256dh"],
      ["keys", "auth"],
    ]);
  });

  it.each([
    ["missing keys", { endpoint: "https://127.0.0.1/x" }, 422, "validation_failed"],
    ["wrong types", { endpoint: 5, keys: { p256dh: 1, auth: 2 } }, 422, "validation_failed"],
    ["an over-long endpoint", { ...browserSub(`https://127.0.0.1/${"x".repeat(3000)}`) }, 422, "validation_failed"],
    ["a non-https endpoint", browserSub("http://127.0.0.1:8080/push/x"), 422, "endpoint_not_allowed"],
    ["a non-URL endpoint", browserSub("push-me"), 422, "endpoint_not_allowed"],
  ])("refuses %s", async (_label, body, code, error) => {
    const res = await subscribe(t.login(), body);
    expect(res.status).toBe(code);
    expect((await res.json()).code).toBe(error);
  });

  it("answers transport errors per the error model", async () => {
    const token = t.login();
    const notJson = await t.request("/api/push/subscribe", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
      token,
    });
    expect(notJson.status).toBe(400);
    const wrongType = await t.request("/api/push/subscribe", {
      method: "POST",
      body: "x",
      headers: { "content-type": "text/plain" },
      token,
    });
    expect(wrongType.status).toBe(415);
    const huge = await subscribe(token, { ...browserSub(), locale: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
    const put = await t.request("/api/push/subscribe", { method: "PUT", token });
    expect(put.status).toBe(405);
  });

  it("refuses private endpoints unless PUSH_ALLOW_PRIVATE_ENDPOINTS", async () => {
    const strict = await createTestApp({ store: t.store, config: { vapid, pushAllowPrivateEndpoints: false } });
    for (const endpoint of [
      "https://127.0.0.1:4443/push/a",
      "https://[::1]/push/b",
      "https://10.1.2.3/push/c",
      "https://[::ffff:192.168.1.1]/d",
      "https://localhost:4443/push/e",
    ]) {
      const res = await strict.request("/api/push/subscribe", { method: "POST", json: browserSub(endpoint), token: strict.login() });
      expect(res.status, endpoint).toBe(422);
      expect((await res.json()).code).toBe("endpoint_not_allowed");
    }
    expect(await t.store.listSubscriptions("alice")).toEqual([]);
    // The same endpoint is fine where private addresses are allowed (tests, labs).
    expect((await subscribe(t.login(), browserSub("https://127.0.0.1:4443/push/a"))).status).toBe(201);
  });

  it("moves an endpoint to whoever subscribes it", async () => {
    const device = browserSub();
    expect((await subscribe(t.login("alice"), device)).status).toBe(201);
    const moved = await subscribe(t.login("bob"), { ...device, locale: "es" });
    expect(moved.status).toBe(200);
    expect(await t.store.getSubscription(device.endpoint)).toMatchObject({ owner: "bob", locale: "es" });
    expect(await status(t.login("alice"))).toEqual({ subscribed: false, devices: 0 });
    expect(await status(t.login("bob"), device.endpoint)).toEqual({ subscribed: true, devices: 1 });
  });

  it("lets nobody unsubscribe or query another name's devices", async () => {
    const alice = t.login("alice");
    const mallory = t.login("mallory");
    const device = browserSub();
    await subscribe(alice, device);

    expect(await status(mallory)).toEqual({ subscribed: false, devices: 0 });
    expect(await status(mallory, device.endpoint)).toEqual({ subscribed: false, devices: 0 });
    const res = await unsubscribe(mallory, device.endpoint);
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe("not_found");
    expect(await t.store.getSubscription(device.endpoint)).toMatchObject({ owner: "alice" });
    expect(await status(alice, device.endpoint)).toEqual({ subscribed: true, devices: 1 });
  });

  it("unsubscribes one device of the caller", async () => {
    const alice = t.login("alice");
    const [a, b] = [browserSub(), browserSub()];
    await subscribe(alice, a);
    await subscribe(alice, b);
    const res = await unsubscribe(alice, a.endpoint);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "unsubscribed" });
    expect(await status(alice)).toEqual({ subscribed: true, devices: 1 });
    expect(await status(alice, a.endpoint)).toEqual({ subscribed: false, devices: 0 });
    expect((await unsubscribe(alice, a.endpoint)).status).toBe(404);
    const invalid = await t.request("/api/push/subscribe", { method: "DELETE", json: {}, token: alice });
    expect(invalid.status).toBe(422);
  });

  it(`keeps at most ${MAX_DEVICES_PER_NAME} devices per name, dropping the oldest`, async () => {
    const alice = t.login("alice");
    const devices = Array.from({ length: MAX_DEVICES_PER_NAME + 2 }, () => browserSub());
    for (const d of devices) {
      expect((await subscribe(alice, d)).status).toBe(201);
      t.clock.advance(1000);
    }
    expect(await status(alice)).toEqual({ subscribed: true, devices: MAX_DEVICES_PER_NAME });
    expect(await status(alice, devices[0]!.endpoint)).toMatchObject({ subscribed: false });
    expect(await status(alice, devices[1]!.endpoint)).toMatchObject({ subscribed: false });
    expect(await status(alice, devices[2]!.endpoint)).toMatchObject({ subscribed: true });
    expect(await status(alice, devices.at(-1)!.endpoint)).toMatchObject({ subscribed: true });
  });

  it("reports devices subscribed with a previous VAPID key as not subscribed", async () => {
    const alice = t.login("alice");
    const device = browserSub();
    await subscribe(alice, device);
    const rotated = await createTestApp({ store: t.store, config: { vapid: vapidKeys(), pushAllowPrivateEndpoints: true } });
    const res = await rotated.request(`/api/push/status?endpoint=${encodeURIComponent(device.endpoint)}`, {
      token: rotated.login("alice"),
    });
    expect(await res.json()).toEqual({ subscribed: false, devices: 0 });
    // Subscribing again records the new key.
    expect((await rotated.request("/api/push/subscribe", { method: "POST", json: device, token: rotated.login("alice") })).status).toBe(
      200,
    );
    const again = await rotated.request("/api/push/status", { token: rotated.login("alice") });
    expect(await again.json()).toEqual({ subscribed: true, devices: 1 });
  });
});
