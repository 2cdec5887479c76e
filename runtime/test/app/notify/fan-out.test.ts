/**
 * The embedded fan-out end to end on both stores: a fulfilment pushes to the requester and every
 * follower, and sends one message per channel — household (NOTIFY_LOCALE) and the personal
 * channels of requester and followers (their locales) — to the real-protocol fakes; the same
 * title again within 24 h sends nothing more; last deliveries are recorded.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startDiscord, type DiscordFake } from "@stellarr/testkit/fakes/discord";
import { startNtfy, type NtfyFake } from "@stellarr/testkit/fakes/ntfy";
import { startWebhookReceiver, type WebhookReceiverFake } from "@stellarr/testkit/fakes/webhook-receiver";
import { storeFactories } from "@stellarr/testkit/stores";
import { testConfig } from "@stellarr/testkit/app";
import { sendToChannel } from "../../../src/adapters/notify/channels/index.js";
import { nullLogger } from "../../../src/adapters/log/null-logger.js";
import { serializeSpec } from "../../../src/domain/notify/channel.js";
import type { Fulfilment, Notifier } from "../../../src/ports/notifier.js";
import type { Store } from "../../../src/ports/store/index.js";
import { buildEmbeddedNotify, type EmbeddedNotify } from "../../../src/wiring/channels.js";

let ntfy: NtfyFake;
let discord: DiscordFake;
let receiver: WebhookReceiverFake;
beforeAll(async () => {
  [ntfy, discord, receiver] = await Promise.all([startNtfy(), startDiscord({ rateLimit: false }), startWebhookReceiver()]);
});
afterAll(async () => {
  await Promise.all([ntfy.close(), discord.close(), receiver.close()]);
});

const matrix: Fulfilment = {
  media_type: "movie",
  tmdb_id: 603,
  title: "The Matrix",
  year: 1999,
  poster_path: "/p.jpg",
  requested_by: "alice",
};

function recordingPush(): Notifier & { names: (string | null)[] } {
  const names: (string | null)[] = [];
  return { names, notifyFulfilled: async (f) => (names.push(f.requested_by), { attempted: 1, delivered: 1 }) };
}

describe.each(storeFactories)("fan-out ($name)", (factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let notify: EmbeddedNotify;
  let push: ReturnType<typeof recordingPush>;
  const secret = "household-secret-0123456789";
  let householdHook: string;
  let carolHook: string;
  let bobDiscord: ReturnType<DiscordFake["createWebhook"]>;
  let daveDiscord: ReturnType<DiscordFake["createWebhook"]>;

  beforeEach(async () => {
    ({ store, cleanup } = await factory.create());
    householdHook = receiver.createEndpoint(secret);
    carolHook = receiver.createEndpoint("carol-secret-0123456789");
    bobDiscord = discord.createWebhook();
    daveDiscord = discord.createWebhook();
    const household = {
      urls: `ntfy://${ntfy.origin.slice("https://".length)}/household,${householdHook}`,
      webhookSecret: secret,
      locale: "fr",
    };
    push = recordingPush();
    notify = buildEmbeddedNotify({
      config: testConfig({ notify: household, baseUrl: "https://stellarr.example", pushAllowPrivateEndpoints: true }),
      store,
      push,
      logger: nullLogger,
      fallbackOrigin: "http://127.0.0.1:8080",
      send: (spec, f, locale) => sendToChannel(spec, f, locale, { allowPrivate: true, ca: [ntfy.ca, discord.ca, receiver.ca].join("\n") }),
    });
    await store.putChannel({
      id: "ch_bob",
      owner: "bob",
      spec: serializeSpec({ type: "discord", url: bobDiscord.url }),
      locale: "de",
      created_at: new Date().toISOString(),
    });
    await store.putChannel({
      id: "ch_carol",
      owner: "carol",
      spec: serializeSpec({ type: "webhook", url: carolHook, secret: "carol-secret-0123456789" }),
      locale: "es",
      created_at: new Date().toISOString(),
    });
    await store.putChannel({
      id: "ch_dave",
      owner: "dave",
      spec: serializeSpec({ type: "discord", url: daveDiscord.url }),
      locale: "en",
      created_at: new Date().toISOString(),
    });
    await store.follow(matrix, "bob");
    await store.follow(matrix, "carol");
  });
  afterEach(async () => {
    await notify.close();
    await cleanup();
  });

  it("pushes to requester and followers and sends each channel once, in its language", async () => {
    const ntfyBefore = ntfy.published.length;
    const received = () => receiver.received.filter((r) => r.endpoint === householdHook || r.endpoint === carolHook);

    const result = await notify.notifier.notifyFulfilled(matrix);
    await notify.drain();
    expect(push.names).toEqual(["alice", "bob", "carol"]);
    expect(result).toEqual({ attempted: 3, delivered: 3 });

    const household = ntfy.published.slice(ntfyBefore);
    expect(household).toHaveLength(1);
    expect(household[0]).toMatchObject({
      topic: "household",
      title: "Film disponible",
      click: expect.stringMatching(/^https:\/\/stellarr\.example\//),
    });
    const bob = discord.executed.filter((e) => e.webhookId === bobDiscord.id);
    expect(bob).toHaveLength(1);
    expect(JSON.stringify(bob[0]!.body)).toContain("Film verfügbar");
    expect(
      received()
        .map((r) => r.endpoint)
        .sort(),
    ).toEqual([householdHook, carolHook].sort());
    for (const r of received()) expect(r.body).toMatchObject({ event: "fulfilled", requested_by: "alice", followers: ["bob", "carol"] });

    // dave follows nothing: his channel got nothing.
    expect(discord.executed.filter((e) => e.webhookId === daveDiscord.id)).toHaveLength(0);
    const last = await store.lastDeliveries(["ch_bob", "ch_carol", "ch_dave"]);
    expect(last.map((l) => l?.status ?? null)).toEqual(["ok", "ok", null]);

    // The same title again (say, the sync after the webhook): pushes again, but no channel repeats.
    await notify.notifier.notifyFulfilled(matrix);
    await notify.drain();
    expect(ntfy.published.length - ntfyBefore).toBe(1);
    expect(discord.executed.filter((e) => e.webhookId === bobDiscord.id)).toHaveLength(1);
    expect(received()).toHaveLength(2);
  });

  it("records a channel that refuses as failed, without its secrets, and still delivers the others", async () => {
    discord.deleteWebhook(bobDiscord.id);
    await notify.notifier.notifyFulfilled(matrix);
    await notify.drain();
    const [bob] = await store.lastDeliveries(["ch_bob"]);
    expect(bob).toMatchObject({ status: "failed", error: expect.stringContaining("404") });
    expect(bob!.error).not.toContain(bobDiscord.token);
    expect(receiver.received.some((r) => r.endpoint === carolHook)).toBe(true);
  });
});
