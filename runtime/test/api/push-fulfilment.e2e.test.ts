/**
 * End to end: devices subscribe through the API, Plex (or a library sync) reports the requested
 * title, and the local push service receives correctly signed, encrypted, localised messages.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebPushNotifier } from "../../src/adapters/notify/web-push.js";
import type { Notifier } from "../../src/ports/notifier.js";
import type { NewRequest, Store } from "../../src/ports/store/index.js";
import { startPushService, type FakeSubscription, type PushServiceFake } from "@stellarr/testkit/fakes/push-service";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { recordingLogger } from "@stellarr/testkit/logger";
import { storeFactories } from "@stellarr/testkit/stores";
import { addDevice, vapidKeys, type Vapid } from "../support/vapid.js";
import { plexFixture } from "@stellarr/testkit/plex";

const HOOK_TOKEN = "plex-hook-token-for-tests";
// A genuine Plex payload (new Plex agent, Guid[] with tmdb://584), sent as the library.new event.
const fixture = plexFixture("media.pause_movie_plex-agent.json");
const libraryNew = { ...fixture, event: "library.new" };

const request = (over: Partial<NewRequest>): NewRequest => ({
  tmdb_id: 584,
  media_type: "movie",
  title: "2 Fast 2 Furious",
  year: 2003,
  overview: null,
  poster_path: "/6nDZExrDKIXvSAghsFKVFRVJuSf.jpg",
  imdb_id: "tt0322259",
  tvdb_id: null,
  requested_by: "alice",
  created_at: new Date().toISOString(),
  ...over,
});

let fake: PushServiceFake;
beforeAll(async () => {
  fake = await startPushService();
});
afterAll(async () => {
  await fake.close();
});

describe.each(storeFactories)("fulfilment notifications ($name)", (factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let vapid: Vapid;
  let notifier: Notifier;
  let t: TestApp;
  let phone: FakeSubscription;
  let laptop: FakeSubscription;
  let bobs: FakeSubscription;
  let mark: number;

  const deliveredTo = (sub: FakeSubscription) => fake.received.slice(mark).filter((r) => r.endpoint === sub.endpoint);

  beforeEach(async () => {
    ({ store, cleanup } = await factory.create());
    vapid = vapidKeys();
    notifier = createWebPushNotifier({
      store,
      config: { vapid, pushAllowPrivateEndpoints: true },
      logger: recordingLogger(),
      agent: fake.agent,
    });
    t = await createTestApp({ store, notifier, config: { webhookToken: HOOK_TOKEN, vapid, pushAllowPrivateEndpoints: true } });

    // Load web-push before the timed part (the webhook waits at most 3 s for delivery).
    await addDevice(store, fake, "warm-up", "en", vapid);
    await notifier.notifyFulfilled({
      media_type: "movie",
      tmdb_id: 1,
      title: null,
      year: null,
      poster_path: null,
      requested_by: "warm-up",
    });

    // alice has two devices: one says fr in the body, the other only through Accept-Language (en).
    [phone, laptop, bobs] = [fake.subscribe(), fake.subscribe(), fake.subscribe()];
    const alice = t.login("alice");
    expect((await t.request("/api/push/subscribe", { method: "POST", json: { ...phone, locale: "fr-FR" }, token: alice })).status).toBe(
      201,
    );
    expect(
      (
        await t.request("/api/push/subscribe", {
          method: "POST",
          json: laptop,
          token: alice,
          headers: { "accept-language": "en-GB,en;q=0.9" },
        })
      ).status,
    ).toBe(201);
    expect(
      (await t.request("/api/push/subscribe", { method: "POST", json: { ...bobs, locale: "de" }, token: t.login("bob") })).status,
    ).toBe(201);
    mark = fake.received.length;
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  const postWebhook = (payload: unknown) => {
    const form = new FormData();
    form.append("payload", JSON.stringify(payload));
    form.append("thumb", new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: "image/jpeg" }), "thumb.jpg");
    return t.request(`/webhook/plex?token=${HOOK_TOKEN}`, { method: "POST", body: form });
  };

  it("Plex reports alice's requested movie: both of her devices get a localised notification", async () => {
    expect((await store.insertRequest(request({}))).inserted).toBe(true);

    const res = await postWebhook(libraryNew);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "success", tmdb_id: 584, matched_request: true, notification_sent: true });

    await vi.waitFor(() => expect(deliveredTo(phone).length + deliveredTo(laptop).length).toBe(2));
    expect(deliveredTo(phone)[0]?.payload).toEqual({
      title: "Film disponible",
      body: "2 Fast 2 Furious (2003) est maintenant dans la bibliothèque.",
      tag: "fulfilled-movie-584",
      url: "/requests?status=added&focus=movie-584",
      image: "https://image.tmdb.org/t/p/w500/6nDZExrDKIXvSAghsFKVFRVJuSf.jpg",
      icon: "/icons/icon-192.png",
    });
    expect(deliveredTo(laptop)[0]?.payload).toMatchObject({
      title: "Movie available",
      body: "2 Fast 2 Furious (2003) is now in the library.",
    });
    expect(deliveredTo(bobs)).toEqual([]);
    expect(fake.rejected.filter((r) => [phone, laptop].some((s) => s.endpoint === r.endpoint))).toEqual([]);

    // The same event again changes nothing and notifies nobody.
    const again = await postWebhook(libraryNew);
    expect(await again.json()).toMatchObject({ matched_request: false, notification_sent: false });
    expect(fake.received.length - mark).toBe(2);
  });

  it("a requester without subscriptions gets nothing", async () => {
    await store.insertRequest(request({ requested_by: "carol" }));
    const res = await postWebhook(libraryNew);
    expect(await res.json()).toMatchObject({ matched_request: true, notification_sent: false });
    expect(fake.received.length).toBe(mark);
  });

  it("library sync fulfilment notifies too, unless notify=false", async () => {
    await store.insertRequest(request({}));
    await store.insertRequest(request({ tmdb_id: 9799, title: "The Fast and the Furious", year: 2001 }));

    const quiet = await t.request(`/sync/library?media_type=movie&notify=false&token=${HOOK_TOKEN}`, {
      method: "POST",
      json: [{ tmdb_id: 9799 }],
    });
    expect(quiet.status).toBe(200);
    expect(await quiet.json()).toMatchObject({ marked_as_added: 1 });

    const loud = await t.request(`/sync/library?media_type=movie&token=${HOOK_TOKEN}`, { method: "POST", json: [{ tmdb_id: 584 }] });
    expect(loud.status).toBe(200);
    expect(await loud.json()).toMatchObject({ marked_as_added: 1 });

    await vi.waitFor(() => expect(deliveredTo(phone).length + deliveredTo(laptop).length).toBe(2));
    expect(deliveredTo(phone).map((r) => (r.payload as { tag: string }).tag)).toEqual(["fulfilled-movie-584"]);
    expect(deliveredTo(laptop).map((r) => (r.payload as { tag: string }).tag)).toEqual(["fulfilled-movie-584"]);
  });

  it("a full resync notifies at commit, not per batch", async () => {
    await store.insertRequest(request({}));
    const batch = await t.request(`/sync/library?media_type=movie&mode=full&sync_id=nightly-1&token=${HOOK_TOKEN}`, {
      method: "POST",
      json: [{ tmdb_id: 584 }, { tmdb_id: 603 }],
    });
    expect(batch.status).toBe(200);
    expect(fake.received.length).toBe(mark);

    const commit = await t.request(`/sync/library/commit?media_type=movie&sync_id=nightly-1&token=${HOOK_TOKEN}`, { method: "POST" });
    expect(commit.status).toBe(200);
    await vi.waitFor(() => expect(deliveredTo(phone).length + deliveredTo(laptop).length).toBe(2));
    expect(deliveredTo(phone)[0]?.payload).toMatchObject({ title: "Film disponible", tag: "fulfilled-movie-584" });
  });
});
