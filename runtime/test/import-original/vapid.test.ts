/**
 * The VAPID rule of the import: the original's push subscriptions are imported only when the
 * importer is given the original's VAPID key pair (and this Stellarr then runs with it); a device
 * imported that way really receives this Stellarr's notifications, signed with the original's key,
 * and a server running with other keys drops it instead of sending.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWebPushNotifier } from "../../src/adapters/notify/web-push.js";
import { vapidKeyId } from "../../src/domain/push/vapid-key-id.js";
import { startPushService, type FakeSubscription, type PushServiceFake } from "../fakes/push-service.js";
import { vapidKeys, type Vapid } from "../push/support.js";
import { recordingLogger } from "../support/logger.js";
import { ALICE_STORED } from "./expected.js";
import { createBench, type Bench, type TargetKind } from "./support.js";

const flat = (s: string) => s.replace(/ {2,}/g, " ");
/** As the original stored keys: standard base64 with padding (the browser's are base64url). */
const standardBase64 = (k: string) => Buffer.from(k, "base64url").toString("base64");

let fake: PushServiceFake;
beforeAll(async () => {
  fake = await startPushService();
});
afterAll(async () => fake.close());

describe.each<TargetKind>(["sqlite", "dynamodb"])("push subscriptions from the original's table into %s", (target) => {
  let bench: Bench;
  let original: Vapid;
  let device: FakeSubscription;
  beforeEach(async () => {
    original = vapidKeys();
    device = fake.subscribe();
    bench = await createBench("dynamodb", target, {
      alice: { endpoint: device.endpoint, keys: { p256dh: standardBase64(device.keys.p256dh), auth: standardBase64(device.keys.auth) } },
    });
  });
  afterEach(async () => bench.cleanup());

  it("without the original's VAPID keys: complete subscriptions are skipped, with the reason", async () => {
    const run = await bench.run("--verbose");
    expect(run.code).toBe(0);
    const out = flat(run.stdout);
    expect(out).toContain("Push subscriptions: 0 imported, 0 already present, 5 skipped");
    expect(out).toContain("1 × Push subscriptions: not the original's VAPID keys");
    expect(out).toContain("1 × Push subscriptions: keys incomplete (p256dh and auth needed)");
    expect(out).toContain("1 × Push subscriptions: endpoint is not an https URL");
    expect(out).toContain("1 × Push subscriptions: display name not accepted by this Stellarr's login");
    expect(out).toContain("1 × Push subscriptions: the same device subscribed later as PUSH#alice/0 (kept)");
    expect(await bench.store().listSubscriptions("alice")).toEqual([]);
    expect(await bench.store().listSubscriptions("dave")).toEqual([]);
  });

  it("with them: Alice's device is imported and receives this Stellarr's notification, signed with the original's key", async () => {
    bench.env.VAPID_PUBLIC_KEY = original.publicKey;
    bench.env.VAPID_PRIVATE_KEY = original.privateKey;
    const run = await bench.run();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(flat(run.stdout)).toContain("Push subscriptions: 1 imported, 0 already present, 4 skipped");
    expect(run.stdout).toContain("only work while this Stellarr runs with the original's VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY");
    // No key, secret or endpoint in the output.
    for (const secret of [original.privateKey, original.publicKey, device.endpoint, device.keys.auth, bench.env.AWS_SECRET_ACCESS_KEY!]) {
      expect(run.stdout + run.stderr).not.toContain(secret);
    }

    const store = bench.store();
    expect(await store.listSubscriptions("alice")).toEqual([
      {
        ...ALICE_STORED,
        endpoint: device.endpoint,
        p256dh: device.keys.p256dh,
        auth: device.keys.auth,
        vapid_key_id: vapidKeyId(original.publicKey),
      },
    ]);
    expect(await store.listSubscriptions("dave")).toEqual([]);

    // This Stellarr, running with the original's pair, reaches the imported device.
    const notify = (vapid: Vapid) =>
      createWebPushNotifier({
        store,
        config: { vapid, pushAllowPrivateEndpoints: true },
        logger: recordingLogger(),
        agent: fake.agent,
      }).notifyFulfilled({
        media_type: "tv",
        tmdb_id: 1396,
        title: "Breaking Bad",
        year: 2008,
        poster_path: null,
        requested_by: "alice",
      });
    const mark = fake.received.length;
    expect(await notify(original)).toMatchObject({ delivered: 1 });
    const got = fake.received.slice(mark).filter((r) => r.endpoint === device.endpoint);
    expect(got).toHaveLength(1);
    expect(got[0]!.vapidPublicKey).toBe(original.publicKey);
    expect(got[0]!.payload).toMatchObject({ tag: "fulfilled-tv-1396", title: "Show available" });

    // Running with other keys, the server could never reach it: it drops the subscription unsent.
    expect(await notify(vapidKeys())).toMatchObject({ delivered: 0 });
    expect(fake.received.length).toBe(mark + 1);
    expect(await store.listSubscriptions("alice")).toEqual([]);
  });

  it("refuses (exit 2) a VAPID key pair that is not one, or half a pair", async () => {
    bench.env.VAPID_PUBLIC_KEY = original.publicKey;
    bench.env.VAPID_PRIVATE_KEY = vapidKeys().privateKey;
    const mismatched = await bench.run();
    expect(mismatched.code).toBe(2);
    expect(mismatched.stderr).toContain("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not one key pair");
    expect(mismatched.stderr).not.toContain(bench.env.VAPID_PRIVATE_KEY);
    delete bench.env.VAPID_PRIVATE_KEY;
    const half = await bench.run();
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("must be set together");
    expect(bench.targetExists() && target === "sqlite" ? await bench.store().listSubscriptions("alice") : []).toEqual([]);
  });
});
