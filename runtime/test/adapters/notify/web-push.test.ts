import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebPushNotifier, type WebPushNotifierOptions } from "../../../src/adapters/notify/web-push.js";
import { deadlineAt, withDeadline } from "../../../src/lib/deadline.js";
import type { Fulfilment } from "../../../src/ports/notifier.js";
import type { Store } from "../../../src/ports/store/index.js";
import { startPushService, type PushServiceFake } from "@stellarr/testkit/fakes/push-service";
import { recordingLogger, type RecordingLogger } from "@stellarr/testkit/logger";
import { storeFactories } from "@stellarr/testkit/stores";
import { addDevice, vapidKeys, type Vapid } from "../../support/vapid.js";

const matrix: Fulfilment = {
  media_type: "movie",
  tmdb_id: 603,
  title: "The Matrix",
  year: 1999,
  poster_path: "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
  requested_by: "alice",
};

let fake: PushServiceFake;
beforeAll(async () => {
  fake = await startPushService();
});
afterAll(async () => {
  await fake.close();
});

describe.each(storeFactories)("web-push notifier ($name)", (factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let logger: RecordingLogger;
  let vapid: Vapid;
  let received0: number;

  beforeEach(async () => {
    ({ store, cleanup } = await factory.create());
    logger = recordingLogger();
    vapid = vapidKeys();
    received0 = fake.received.length;
  });
  afterEach(async () => {
    await cleanup();
  });

  const notifier = (extra: Partial<WebPushNotifierOptions> = {}) =>
    createWebPushNotifier({ store, config: { vapid, pushAllowPrivateEndpoints: true }, logger, agent: fake.agent, ...extra });
  const receivedFor = (endpoint: string) => fake.received.slice(received0).filter((r) => r.endpoint === endpoint);

  it("sends one correctly encrypted, localised notification per device", async () => {
    const en = await addDevice(store, fake, "alice", "en", vapid);
    const fr = await addDevice(store, fake, "alice", "fr", vapid);
    await addDevice(store, fake, "bob", "de", vapid);

    const result = await notifier().notifyFulfilled(matrix);

    expect(result).toEqual({ attempted: 2, delivered: 2 });
    const [toEn] = receivedFor(en.endpoint);
    const [toFr] = receivedFor(fr.endpoint);
    expect(fake.received.length - received0).toBe(2); // bob got nothing
    expect(toEn?.payload).toEqual({
      title: "Movie available",
      body: "The Matrix (1999) is now in the library.",
      tag: "fulfilled-movie-603",
      url: "/requests?status=added&focus=movie-603",
      image: "https://image.tmdb.org/t/p/w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
      icon: "/icons/icon-192.png",
    });
    expect(toFr?.payload).toMatchObject({
      title: "Film disponible",
      body: "The Matrix (1999) est maintenant dans la bibliothèque.",
      tag: "fulfilled-movie-603",
    });
    for (const push of [toEn!, toFr!]) {
      expect(push.headers.ttl).toBe("86400");
      expect(push.headers.urgency).toBe("normal");
      expect(push.vapidPublicKey).toBe(vapid.publicKey);
      expect(push.claims.aud).toBe(fake.origin);
      expect(push.claims.sub).toBe(vapid.subject);
    }
    expect(fake.rejected.filter((r) => [en.endpoint, fr.endpoint].includes(r.endpoint))).toEqual([]);
  });

  it("sends nothing to a name without subscriptions, and never loads web-push for it", async () => {
    await addDevice(store, fake, "bob", "en", vapid);
    const loadWebPush = vi.fn(() => import("web-push"));
    const n = notifier({ loadWebPush });
    expect(await n.notifyFulfilled(matrix)).toEqual({ attempted: 0, delivered: 0 });
    expect(await n.notifyFulfilled({ ...matrix, requested_by: null })).toEqual({ attempted: 0, delivered: 0 });
    expect(fake.received.length).toBe(received0);
    expect(loadWebPush).not.toHaveBeenCalled();
  });

  it("does nothing when push is not configured", async () => {
    await addDevice(store, fake, "alice", "en", vapid);
    const loadWebPush = vi.fn(() => import("web-push"));
    const n = createWebPushNotifier({
      store,
      config: { vapid: null, pushAllowPrivateEndpoints: true },
      logger,
      agent: fake.agent,
      loadWebPush,
    });
    expect(await n.notifyFulfilled(matrix)).toEqual({ attempted: 0, delivered: 0 });
    expect(loadWebPush).not.toHaveBeenCalled();
  });

  it("loads web-push once, on the first real send", async () => {
    await addDevice(store, fake, "alice", "en", vapid);
    const loadWebPush = vi.fn(() => import("web-push"));
    const n = notifier({ loadWebPush });
    expect(await n.notifyFulfilled(matrix)).toEqual({ attempted: 1, delivered: 1 });
    expect(await n.notifyFulfilled({ ...matrix, tmdb_id: 604 })).toEqual({ attempted: 1, delivered: 1 });
    expect(loadWebPush).toHaveBeenCalledTimes(1);
  });

  it.each([410, 404])("deletes a subscription the push service answers %i for", async (status) => {
    const gone = await addDevice(store, fake, "alice", "en", vapid);
    const live = await addDevice(store, fake, "alice", "de", vapid);
    fake.respondWith(gone.endpoint, status);

    expect(await notifier().notifyFulfilled(matrix)).toEqual({ attempted: 2, delivered: 1 });
    expect(await store.getSubscription(gone.endpoint)).toBeNull();
    expect(await store.getSubscription(live.endpoint)).not.toBeNull();
    expect(receivedFor(live.endpoint)[0]?.payload).toMatchObject({ title: "Film verfügbar" });
  });

  it("logs a 500 without failing the caller or dropping the subscription", async () => {
    const failing = await addDevice(store, fake, "alice", "es", vapid);
    const ok = await addDevice(store, fake, "alice", "en", vapid);
    fake.respondWith(failing.endpoint, 500);

    const result = await notifier().notifyFulfilled(matrix);

    expect(result).toEqual({ attempted: 2, delivered: 1 });
    expect(receivedFor(failing.endpoint)).toHaveLength(1); // it was delivered to the service, which failed
    expect(receivedFor(ok.endpoint)).toHaveLength(1);
    expect(await store.getSubscription(failing.endpoint)).not.toBeNull();
    const warn = logger.lines.find((l) => l.msg === "push delivery failed");
    expect(warn?.fields).toMatchObject({ status: 500, push_host: new URL(fake.origin).host });
    // No endpoint path (a capability) and no key material in any log line.
    const logged = JSON.stringify(logger.lines);
    for (const secret of [new URL(failing.endpoint).pathname, failing.keys.auth, failing.keys.p256dh, vapid.privateKey]) {
      expect(logged).not.toContain(secret);
    }
  });

  it("sends nothing once the current deadline has passed", async () => {
    const device = await addDevice(store, fake, "alice", "en", vapid);
    const result = await withDeadline(deadlineAt(Date.now() - 1), () => notifier().notifyFulfilled(matrix));
    // SQLite still lists the device (it takes no deadline) and the send is skipped; DynamoDB is not asked at all.
    expect(result.delivered).toBe(0);
    expect(receivedFor(device.endpoint)).toEqual([]);
  });

  it("survives network failures", async () => {
    await store.putSubscription({
      endpoint: "https://127.0.0.1:1/push/nothing-listens-here",
      owner: "alice",
      p256dh: fake.subscribe().keys.p256dh,
      auth: fake.subscribe().keys.auth,
      locale: "en",
      vapid_key_id: (await import("../../../src/domain/push/vapid-key-id.js")).vapidKeyId(vapid.publicKey),
      created_at: new Date().toISOString(),
    });
    expect(await notifier().notifyFulfilled(matrix)).toEqual({ attempted: 1, delivered: 0 });
    expect(logger.lines.some((l) => l.msg === "push delivery failed")).toBe(true);
  });

  it("drops subscriptions made with another VAPID key without sending to them", async () => {
    const old = await addDevice(store, fake, "alice", "en", vapidKeys());
    const current = await addDevice(store, fake, "alice", "fr", vapid);

    expect(await notifier().notifyFulfilled(matrix)).toEqual({ attempted: 1, delivered: 1 });
    expect(receivedFor(old.endpoint)).toHaveLength(0);
    expect(await store.getSubscription(old.endpoint)).toBeNull();
    expect(receivedFor(current.endpoint)).toHaveLength(1);
  });

  it("checks the endpoint again at send time (private address refused unless allowed)", async () => {
    const device = await addDevice(store, fake, "alice", "en", vapid);
    const guarded = createWebPushNotifier({ store, config: { vapid, pushAllowPrivateEndpoints: false }, logger, agent: fake.agent });

    expect(await guarded.notifyFulfilled(matrix)).toEqual({ attempted: 1, delivered: 0 });
    expect(receivedFor(device.endpoint)).toHaveLength(0);
    expect(logger.lines.find((l) => l.msg === "push endpoint refused")?.fields).toMatchObject({ reason: "non-public address" });
  });

  it("bounds concurrent sends", async () => {
    const devices = await Promise.all(Array.from({ length: 5 }, (_, i) => addDevice(store, fake, "alice", i % 2 ? "es" : "de", vapid)));
    let inFlight = 0;
    let peak = 0;
    const real = (await import("web-push")).default;
    const loadWebPush = async () =>
      ({
        ...real,
        sendNotification: async (...args: Parameters<typeof real.sendNotification>) => {
          peak = Math.max(peak, ++inFlight);
          try {
            return await real.sendNotification(...args);
          } finally {
            inFlight--;
          }
        },
      }) as unknown as typeof import("web-push");

    expect(await notifier({ concurrency: 2, loadWebPush }).notifyFulfilled(matrix)).toEqual({ attempted: 5, delivered: 5 });
    expect(peak).toBe(2);
    for (const d of devices) expect(receivedFor(d.endpoint)).toHaveLength(1);
  });
});

describe("web-push module loading", () => {
  it("is imported only when a notification is actually sent", async () => {
    // A fresh process: this test file itself has loaded web-push already.
    const runtimeDir = fileURLToPath(new URL("../../..", import.meta.url));
    const script = `
      import { createRequire } from "node:module";
      import { createECDH } from "node:crypto";
      const { createWebPushNotifier } = await import("./src/adapters/notify/web-push.ts");
      const { vapidKeyId } = await import("./src/domain/push/vapid-key-id.ts");
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).some((p) => p.includes("/node_modules/web-push/"));
      const e = createECDH("prime256v1"); e.generateKeys();
      const vapid = { publicKey: e.getPublicKey("base64url"), privateKey: Buffer.concat([Buffer.alloc(32 - e.getPrivateKey().length), e.getPrivateKey()]).toString("base64url"), subject: "mailto:a@b.c" };
      const ua = createECDH("prime256v1"); ua.generateKeys();
      const subs = { bob: [{ endpoint: "https://127.0.0.1:1/x", owner: "bob", p256dh: ua.getPublicKey("base64url"), auth: "AAAAAAAAAAAAAAAAAAAAAA", locale: "en", vapid_key_id: vapidKeyId(vapid.publicKey), created_at: "" }] };
      const store = { listSubscriptions: async (o) => subs[o] ?? [], deleteSubscription: async () => true };
      const logger = { debug() {}, info() {}, warn() {}, error() {} };
      const n = createWebPushNotifier({ store, config: { vapid, pushAllowPrivateEndpoints: true }, logger });
      const out = [loaded()];
      await n.notifyFulfilled({ media_type: "movie", tmdb_id: 1, title: "x", year: null, poster_path: null, requested_by: "alice" });
      out.push(loaded());
      await n.notifyFulfilled({ media_type: "movie", tmdb_id: 1, title: "x", year: null, poster_path: null, requested_by: "bob" });
      out.push(loaded());
      console.log(JSON.stringify(out));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: runtimeDir,
    });
    // after module load, after a no-subscriber call, after a real send
    expect(JSON.parse(stdout.trim().split("\n").pop()!)).toEqual([false, false, true]);
  });
});
