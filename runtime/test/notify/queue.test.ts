/**
 * The delivery core and the embedded queue, on manual time: the bound on attempts in flight, the
 * caller's 1 s cap, the retry schedule (and 429 retry-after), the 24 h dedupe through claims, the
 * Lambda-shaped deadline, shutdown. Then the whole path with real senders and fakes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startDiscord, type DiscordFake } from "@stellarr/testkit/fakes/discord";
import { startNtfy, type NtfyFake } from "@stellarr/testkit/fakes/ntfy";
import { manualTimers, type ManualTimers } from "@stellarr/testkit/support/manual-timers";
import { sendToChannel } from "../../src/adapters/notify/channels/index.js";
import { channelDeliveries, type ChannelTarget } from "../../src/app/notify/channel-deliveries.js";
import { createDeliveryRunner, type Delivery, type DeliveryResult } from "../../src/app/notify/delivery-runner.js";
import { createEmbeddedQueue } from "../../src/app/notify/embedded-queue.js";
import { memoryClaims, type MemoryClaims } from "../../src/app/notify/memory-claims.js";
import { DEDUPE_WINDOW_MS, type DeliveryOutcome } from "../../src/domain/notify/delivery.js";
import type { ChannelFulfilment } from "../../src/domain/notify/messages.js";
import { recordingLogger } from "../support/logger.js";
import { describeDeliveryClaimsContract } from "./claims-contract.js";

describeDeliveryClaimsContract("memory", async () => ({ claims: memoryClaims() }));

const OK: DeliveryOutcome = { kind: "ok", status: 200 };
const UNAVAILABLE: DeliveryOutcome = { kind: "retry", status: 503, error: "ntfy 503" };

/** A delivery whose attempts answer when the test says (`answer`), or at once from `script`. */
function scripted(key: string, script: DeliveryOutcome[] = []) {
  const waiting: ((o: DeliveryOutcome) => void)[] = [];
  let calls = 0;
  const delivery: Delivery = {
    key,
    channelId: key,
    label: `host/…${key}`,
    attempt: () => {
      calls++;
      const next = script.shift();
      return next ? Promise.resolve(next) : new Promise<DeliveryOutcome>((resolve) => waiting.push(resolve));
    },
  };
  return {
    delivery,
    get calls() {
      return calls;
    },
    /** Answers the oldest attempt still waiting. */
    answer(outcome: DeliveryOutcome) {
      const resolve = waiting.shift();
      if (!resolve) throw new Error(`no attempt of ${key} is waiting`);
      resolve(outcome);
    },
  };
}

describe("delivery runner", () => {
  let timers: ManualTimers;
  let claims: MemoryClaims;
  let settled: DeliveryResult[];
  const runner = (extra: Parameters<typeof createDeliveryRunner>[0] | object = {}) =>
    createDeliveryRunner({ claims, timers, random: () => 0.5, onSettled: (r) => void settled.push(r), ...extra });

  beforeEach(() => {
    timers = manualTimers();
    claims = memoryClaims();
    settled = [];
  });

  it("never has more attempts in flight than its bound", async () => {
    const r = runner({ concurrency: 3 });
    const ds = Array.from({ length: 10 }, (_, i) => scripted(`k${i}`));
    const runs = ds.map((d) => r.run(d.delivery));
    await timers.flush();
    expect(r.inFlight).toBe(3);
    expect(ds.map((d) => d.calls)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    let most = 0;
    for (let i = 0; i < 10; i++) {
      ds[i]!.answer(OK);
      await timers.flush();
      most = Math.max(most, r.inFlight);
      expect(r.inFlight).toBeLessThanOrEqual(3);
    }
    expect(most).toBe(3);
    expect((await Promise.all(runs)).every((x) => x.status === "delivered")).toBe(true);
  });

  it("retries per the schedule and keeps the claim for 24 h once delivered", async () => {
    const d = scripted("k", [UNAVAILABLE, UNAVAILABLE, OK]);
    const run = runner().run(d.delivery);
    await timers.flush();
    expect(d.calls).toBe(1);
    expect(timers.pending()).toEqual([2_000]);
    await timers.advance(1_999);
    expect(d.calls).toBe(1);
    await timers.advance(1);
    expect(d.calls).toBe(2);
    expect(timers.pending()).toEqual([8_000]);
    await timers.advance(8_000);
    const result = await run;
    expect(result).toEqual({ status: "delivered", key: "k", channelId: "k", attempts: 3, at: timers.now() });
    expect(claims.heldUntil("k")).toBe(timers.now() + DEDUPE_WINDOW_MS);
    expect(settled).toEqual([result]);
  });

  it("waits as long as a 429 asks when that is longer than the schedule", async () => {
    const d = scripted("k", [{ kind: "retry", status: 429, error: "discord 429", retryAfterMs: 20_000 }, OK]);
    const run = runner().run(d.delivery);
    await timers.flush();
    expect(timers.pending()).toEqual([20_000]);
    await timers.advance(19_999);
    expect(d.calls).toBe(1);
    await timers.advance(1);
    expect((await run).status).toBe("delivered");
  });

  it("stops at a permanent failure and releases the claim", async () => {
    const d = scripted("k", [{ kind: "permanent", status: 401, error: "discord 401: Invalid Webhook Token (50027)" }]);
    const result = await runner().run(d.delivery);
    expect(result).toMatchObject({ status: "failed", attempts: 1, error: "discord 401: Invalid Webhook Token (50027)" });
    expect(claims.heldUntil("k")).toBeUndefined();
    expect(timers.requested).toEqual([]);
  });

  it("gives up after 8 attempts", async () => {
    const d = scripted(
      "k",
      Array.from({ length: 20 }, () => UNAVAILABLE),
    );
    const run = runner().run(d.delivery);
    await timers.advance(3 * 3_600_000);
    expect(await run).toMatchObject({ status: "failed", attempts: 8, error: "ntfy 503" });
    expect(d.calls).toBe(8);
    expect(timers.requested).toEqual([2_000, 8_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000]);
    expect(claims.heldUntil("k")).toBeUndefined();
  });

  it("an attempt that throws counts as a retryable failure", async () => {
    let calls = 0;
    const delivery: Delivery = {
      key: "k",
      channelId: "k",
      label: "x",
      attempt: async () => {
        if (++calls === 1) throw new Error("boom");
        return OK;
      },
    };
    const run = runner().run(delivery);
    await timers.advance(2_000);
    expect(await run).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("announces a title once per channel within 24 h, then again after", async () => {
    const r = runner();
    const first = scripted("fulfilled:movie:603:ch", [OK]);
    expect((await r.run(first.delivery)).status).toBe("delivered");
    const again = scripted("fulfilled:movie:603:ch", [OK]);
    expect(await r.run(again.delivery)).toMatchObject({ status: "duplicate", attempts: 0 });
    expect(again.calls).toBe(0);
    const otherChannel = scripted("fulfilled:movie:603:ch2", [OK]);
    expect((await r.run(otherChannel.delivery)).status).toBe("delivered");
    await timers.advance(DEDUPE_WINDOW_MS);
    const tomorrow = scripted("fulfilled:movie:603:ch", [OK]);
    expect((await r.run(tomorrow.delivery)).status).toBe("delivered");
  });

  it("a delivery in flight holds its key (webhook and sync at once send one message)", async () => {
    const r = runner();
    const webhookPath = scripted("k");
    const syncPath = scripted("k", [OK]);
    const a = r.run(webhookPath.delivery);
    await timers.flush();
    expect(await r.run(syncPath.delivery)).toMatchObject({ status: "duplicate" });
    webhookPath.answer(OK);
    expect((await a).status).toBe("delivered");
    expect(syncPath.calls).toBe(0);
  });

  it("after a failure a later trigger may try again", async () => {
    const r = runner();
    expect((await r.run(scripted("k", [{ kind: "permanent", error: "404" }]).delivery)).status).toBe("failed");
    expect((await r.run(scripted("k", [OK]).delivery)).status).toBe("delivered");
  });

  it("with a deadline (the Lambda shape), defers what would outlive it and releases the claim", async () => {
    const d = scripted("k", [UNAVAILABLE, UNAVAILABLE, OK]);
    const run = runner().run(d.delivery, { deadline: timers.now() + 5_000 });
    await timers.advance(2_000);
    expect(d.calls).toBe(2);
    expect(await run).toMatchObject({ status: "deferred", attempts: 2, error: "ntfy 503" });
    expect(claims.heldUntil("k")).toBeUndefined();
  });

  it("fails closed when the claims store is unavailable", async () => {
    const logger = recordingLogger();
    const broken = { ...claims, acquire: async () => Promise.reject(new Error("store down")) };
    const d = scripted("k", [OK]);
    const result = await createDeliveryRunner({ claims: broken, timers, logger }).run(d.delivery);
    expect(result).toMatchObject({ status: "failed", attempts: 0, error: "delivery claim unavailable" });
    expect(d.calls).toBe(0);
    expect(logger.lines.some((l) => l.level === "error" && l.msg === "delivery claim unavailable")).toBe(true);
  });

  it("logs the channel's masked label and the outcome, and survives a failing onSettled", async () => {
    const logger = recordingLogger();
    const r = createDeliveryRunner({ claims, timers, logger, onSettled: () => Promise.reject(new Error("db down")) });
    expect((await r.run(scripted("k", [OK]).delivery)).status).toBe("delivered");
    expect(logger.lines.find((l) => l.msg === "channel notified")?.fields).toEqual({ channel: "k", channel_label: "host/…k", attempts: 1 });
    expect(logger.lines.some((l) => l.msg === "recording a channel delivery failed")).toBe(true);
  });
});

describe("embedded queue", () => {
  let timers: ManualTimers;
  let claims: MemoryClaims;
  beforeEach(() => {
    timers = manualTimers();
    claims = memoryClaims();
  });

  it("returns as soon as every delivery settled", async () => {
    const queue = createEmbeddedQueue({ claims, timers });
    const report = await queue.dispatch([scripted("a", [OK]).delivery, scripted("b", [{ kind: "permanent", error: "x" }]).delivery]);
    expect(report).toEqual({ queued: 2, delivered: 1, failed: 1, duplicate: 0, pending: 0 });
    expect(timers.pending()).toEqual([]);
  });

  it("never keeps the caller more than 1 s; the rest finishes in the background", async () => {
    const settled: DeliveryResult[] = [];
    const queue = createEmbeddedQueue({ claims, timers, random: () => 0.5, onSettled: (r) => void settled.push(r) });
    const slow = scripted("slow");
    const retried = scripted("retried", [UNAVAILABLE, OK]);
    let report: unknown;
    const dispatched = queue.dispatch([slow.delivery, retried.delivery, scripted("fast", [OK]).delivery]).then((r) => (report = r));
    await timers.advance(999);
    expect(report).toBeUndefined();
    await timers.advance(1);
    await dispatched;
    expect(report).toEqual({ queued: 3, delivered: 1, failed: 0, duplicate: 0, pending: 2 });
    expect(queue.pending).toBe(2);

    await timers.advance(1_000); // the retry's 2 s
    slow.answer(OK);
    await queue.drain();
    expect(settled.map((r) => `${r.key}:${r.status}`).sort()).toEqual(["fast:delivered", "retried:delivered", "slow:delivered"]);
    expect(queue.pending).toBe(0);
  });

  it("close() ends waiting retries as deferred and refuses new work", async () => {
    const settled: DeliveryResult[] = [];
    const queue = createEmbeddedQueue({ claims, timers, onSettled: (r) => void settled.push(r) });
    const dispatched = queue.dispatch([scripted("k", [UNAVAILABLE, OK]).delivery]);
    await timers.advance(1_000);
    expect(await dispatched).toMatchObject({ pending: 1 });
    expect(timers.pending()).toHaveLength(1); // the retry's back-off
    await queue.close();
    expect(settled).toMatchObject([{ status: "deferred", attempts: 1 }]);
    expect(claims.heldUntil("k")).toBeUndefined();
    await expect(queue.dispatch([])).rejects.toThrow("closed");
  });
});

describe("channel deliveries with real senders and fakes", () => {
  let ntfy: NtfyFake;
  let discord: DiscordFake;
  beforeAll(async () => {
    [ntfy, discord] = await Promise.all([startNtfy(), startDiscord({ rateLimit: false })]);
  });
  afterAll(async () => {
    await Promise.all([ntfy.close(), discord.close()]);
  });

  const fulfilment: ChannelFulfilment = {
    media_type: "tv",
    tmdb_id: 1399,
    title: "Game of Thrones",
    year: 2011,
    poster_path: null,
    requested_by: "alice",
    followers: [],
    url: "https://stellarr.example/requests?status=added&focus=tv-1399",
  };

  it("one message per channel despite a 429, and none for a second trigger within 24 h", async () => {
    const timers = manualTimers();
    const queue = createEmbeddedQueue({ claims: memoryClaims(), timers, random: () => 0.5 });
    const hook = discord.createWebhook();
    const targets: ChannelTarget[] = [
      { id: "household-ntfy", spec: { type: "ntfy", server: `${ntfy.origin}/`, topic: "house", token: null }, locale: "es" },
      { id: "ch-7", spec: { type: "discord", url: hook.url }, locale: "en" },
      { id: "ch-7", spec: { type: "discord", url: hook.url }, locale: "en" }, // requester and follower share it
    ];
    const send = (spec: ChannelTarget["spec"], f: ChannelFulfilment, locale: string) =>
      sendToChannel(spec, f, locale, { allowPrivate: true, ca: spec.type === "ntfy" ? ntfy.ca : discord.ca });
    discord.failNext({ status: 429, retryAfter: 20 });
    const ntfyBefore = ntfy.published.length;

    const deliveries = channelDeliveries(fulfilment, targets, send);
    expect(deliveries.map((d) => d.key)).toEqual(["fulfilled:tv:1399:household-ntfy", "fulfilled:tv:1399:ch-7"]);
    const dispatched = queue.dispatch(deliveries);
    // Real I/O: wait for the answers, then for the queue to sleep on Discord's retry_after.
    await vi.waitFor(() => expect(timers.pending()).toContain(20_000), { timeout: 10_000 });
    await timers.advance(1_000);
    expect(await dispatched).toMatchObject({ queued: 2, delivered: 1, pending: 1 });
    expect(discord.executed.filter((e) => e.webhookId === hook.id)).toHaveLength(0);
    await timers.advance(19_000);
    await queue.drain();
    expect(discord.executed.filter((e) => e.webhookId === hook.id)).toHaveLength(1);
    expect(ntfy.published.slice(ntfyBefore)).toMatchObject([{ topic: "house", title: "Serie disponible" }]);

    expect(await queue.dispatch(channelDeliveries(fulfilment, targets, send))).toEqual({
      queued: 2,
      delivered: 0,
      failed: 0,
      duplicate: 2,
      pending: 0,
    });
    expect(ntfy.published.length).toBe(ntfyBefore + 1);
  });
});
