/**
 * Notification fan-out through the delivery core, once per store (SQLite, and DynamoDB on
 * dynalite: `perStore`): one fulfilment of a request with 100 followers (each with one push device
 * on the push-service fake) and 3 channels on the fakes: household ntfy and signed webhook, and the
 * requester's personal Discord channel (a household Discord entry must be discord.com, which the
 * fake cannot be). Reports how long the webhook/sync caller waits (bounded at 1 s), the time until
 * every push and channel message has been delivered, and the store round trips (SQLite statements,
 * DynamoDB HTTP calls). On DynamoDB this is the embedded queue over the table, the reads, claims and
 * records the AWS notifier function makes with the same core.
 */
import { performance } from "node:perf_hooks";
import { nullLogger } from "../src/adapters/log/null-logger.js";
import { sendToChannel } from "../src/adapters/notify/channels/index.js";
import { createWebPushNotifier } from "../src/adapters/notify/web-push.js";
import { notifyFulfilled, WEBHOOK_NOTIFY_WAIT_MS } from "../src/app/library/notify-fulfilled.js";
import { serializeSpec } from "../src/domain/notify/channel.js";
import { buildEmbeddedNotify } from "../src/wiring/channels.js";
import { testConfig } from "@stellarr/testkit/app";
import { startDiscord } from "@stellarr/testkit/fakes/discord";
import { startNtfy } from "@stellarr/testkit/fakes/ntfy";
import { startPushService } from "@stellarr/testkit/fakes/push-service";
import { startWebhookReceiver } from "@stellarr/testkit/fakes/webhook-receiver";
import type { Store } from "../src/ports/store/index.js";
import { perStore } from "./_stores.js";
import { addDevice, vapidKeys } from "../test/support/vapid.js";
import type { Figure } from "./index.js";

const FOLLOWERS = 100;

export const bench = (): Promise<Figure[]> => perStore("notify", (store, factory) => fanOut(store, factory.name));

async function fanOut(store: Store, storeName: string): Promise<Figure[]> {
  const [ntfy, discord, receiver, push] = await Promise.all([
    startNtfy({ requestBurst: 1000 }),
    startDiscord({ rateLimit: false }),
    startWebhookReceiver(),
    startPushService(),
  ]);
  const secret = "bench-household-secret-0123";
  const hook = discord.createWebhook();
  const household = {
    urls: [`ntfy://${new URL(ntfy.origin).host}/bench`, receiver.createEndpoint(secret)].join(","),
    webhookSecret: secret,
    locale: null,
  };
  const vapid = vapidKeys();
  const ca = [ntfy.ca, discord.ca, receiver.ca].join("\n");
  const webPush = createWebPushNotifier({
    store,
    config: { vapid, pushAllowPrivateEndpoints: true },
    logger: nullLogger,
    agent: push.agent,
  });
  const notify = buildEmbeddedNotify({
    config: testConfig({ notify: household, vapid, pushAllowPrivateEndpoints: true, baseUrl: "https://stellarr.example" }),
    store,
    push: webPush,
    logger: nullLogger,
    fallbackOrigin: "http://127.0.0.1:8080",
    send: (spec, f, locale) => sendToChannel(spec, f, locale, { allowPrivate: true, ca }),
  });
  try {
    const inserted = await store.insertRequest({
      tmdb_id: 603,
      media_type: "movie",
      title: "The Matrix",
      year: 1999,
      overview: null,
      poster_path: "/p.jpg",
      imdb_id: "tt0133093",
      tvdb_id: null,
      requested_by: "alice",
      created_at: new Date().toISOString(),
    });
    if (!inserted.inserted) throw new Error("request not inserted");
    await addDevice(store, push, "alice", "en", vapid);
    await store.putChannel({
      id: "ch_alice",
      owner: "alice",
      spec: serializeSpec({ type: "discord", url: hook.url }),
      locale: "en",
      created_at: new Date().toISOString(),
    });
    for (let i = 0; i < FOLLOWERS; i++) {
      const name = `follower-${String(i).padStart(3, "0")}`;
      await store.follow(inserted.request, name);
      await addDevice(store, push, name, ["en", "es", "fr", "de"][i % 4]!, vapid);
    }
    const flipped = (await store.markAdded(inserted.request, new Date().toISOString(), null))!;
    const roundTrips = store.stats.roundTrips;
    const started = performance.now();
    await notifyFulfilled(notify.notifier, [flipped], { waitMs: WEBHOOK_NOTIFY_WAIT_MS, logger: nullLogger });
    const callerWaitMs = performance.now() - started;
    await notify.drain();
    // The last pushes may still be in flight after the queue drained (push runs beside it).
    while (push.received.length < FOLLOWERS + 1 && performance.now() - started < 120_000) await new Promise((r) => setTimeout(r, 5));
    const allMs = performance.now() - started;
    const channels = ntfy.published.length + discord.executed.length + receiver.received.length;
    if (channels !== 3) throw new Error(`expected 3 channel messages, got ${channels}`);
    if (push.received.length !== FOLLOWERS + 1) throw new Error(`expected ${FOLLOWERS + 1} pushes, got ${push.received.length}`);
    const name = `notify.fanout_100_followers_3_channels.${storeName}`;
    return [
      { name: `${name}.caller_wait`, value: callerWaitMs, unit: "ms" },
      { name: `${name}.all_delivered`, value: allMs, unit: "ms" },
      { name: `${name}.store_round_trips`, value: store.stats.roundTrips - roundTrips, unit: "round_trips" },
    ];
  } finally {
    await notify.close();
    await Promise.all([ntfy.close(), discord.close(), receiver.close(), push.close()]);
  }
}
