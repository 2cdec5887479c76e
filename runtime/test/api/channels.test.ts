/**
 * /api/channels (product.md §4) on both stores, against the real-protocol fakes: what the list
 * shows (never a token, webhook path or secret), the generated secret returned once, the SSRF
 * guard's 422, test messages and last_delivery, ownership, and bad input.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { startDiscord, type DiscordFake } from "@stellarr/testkit/fakes/discord";
import { startNtfy, type NtfyFake } from "@stellarr/testkit/fakes/ntfy";
import { startWebhookReceiver, type WebhookReceiverFake } from "@stellarr/testkit/fakes/webhook-receiver";
import { storeFactories } from "@stellarr/testkit/stores";
import { sendToChannel } from "../../src/adapters/notify/channels/index.js";
import { createPublicOrigin } from "../../src/app/notify/public-origin.js";
import { MAX_CHANNELS_PER_NAME } from "../../src/app/notify/personal-channels.js";
import type { Channel, CreateChannelResponse } from "../../src/contract/api/channels.js";

let ntfy: NtfyFake;
let discord: DiscordFake;
let receiver: WebhookReceiverFake;
beforeAll(async () => {
  [ntfy, discord, receiver] = await Promise.all([startNtfy(), startDiscord(), startWebhookReceiver()]);
});
afterAll(async () => {
  await Promise.all([ntfy.close(), discord.close(), receiver.close()]);
});

describe.each(storeFactories)("channel routes ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    // The fakes listen on 127.0.0.1: private endpoints are allowed here, refused in the guard test below.
    t = await createTestApp({
      store: made.store,
      config: { pushAllowPrivateEndpoints: true },
      channels: {
        send: (spec, f, locale) =>
          sendToChannel(spec, f, locale, { allowPrivate: true, ca: [ntfy.ca, discord.ca, receiver.ca].join("\n") }),
        origin: createPublicOrigin(null, "http://localhost:8080"),
      },
    });
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  const add = (body: unknown, name = "alice") => {
    t.clock.advance(1000);
    return t.request("/api/channels", { method: "POST", json: body, token: t.login(name) });
  };
  const list = async (name = "alice"): Promise<Channel[]> => {
    const res = await t.request("/api/channels", { token: t.login(name) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { channels: Channel[] }).channels;
  };

  it("adds ntfy, Discord and webhook channels; the list shows host and a masked tail only", async () => {
    const token = ntfy.createToken(["alice-topic"]);
    const hook = discord.createWebhook();
    const webhookUrl = receiver.createEndpoint("s".repeat(20));
    const created = [
      await add({ type: "ntfy", url: `${ntfy.origin}/alice-topic`, token }),
      await add({ type: "discord", url: hook.url }),
      await add({ type: "webhook", url: webhookUrl, secret: "my-own-secret-0123456789" }),
    ];
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    const bodies = (await Promise.all(created.map((r) => r.text()))).join("\n");
    const listedText = JSON.stringify(await list());
    for (const text of [bodies, listedText]) {
      for (const secret of [token, "alice-topic", hook.token, hook.id, new URL(webhookUrl).pathname, "my-own-secret-0123456789"]) {
        expect(text).not.toContain(secret);
      }
    }
    const channels = await list();
    expect(channels.map((c) => c.type)).toEqual(["ntfy", "discord", "webhook"]);
    expect(channels[0]).toMatchObject({
      id: expect.stringMatching(/^ch_/),
      host: new URL(ntfy.origin).host,
      masked: expect.stringMatching(/^127\.0\.0\.1:\d+\/…[0-9a-f]{4}$/),
      locale: "en",
      last_delivery: null,
    });
    expect(await list("bob")).toEqual([]);
  });

  it("generates a webhook secret when none is given and returns it once", async () => {
    const res = await add({ type: "webhook", url: receiver.createEndpoint("placeholder-secret-xyz") });
    expect(res.status).toBe(201);
    const body = (await res.json()) as CreateChannelResponse;
    expect(body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await list())).not.toContain(body.secret);
  });

  it("tests a channel: the service receives it and last_delivery says ok, or failed with a clean reason", async () => {
    const secret = "test-secret-0123456789abc";
    const url = receiver.createEndpoint(secret);
    const { channel } = (await (await add({ type: "webhook", url, secret }, "bob")).json()) as CreateChannelResponse;
    const before = receiver.received.length;
    const tested = await t.request(`/api/channels/${channel.id}/test`, { method: "POST", token: t.login("bob") });
    expect(tested.status).toBe(200);
    expect(await tested.json()).toMatchObject({ delivered: true, last_delivery: { status: "ok" } });
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)!.body).toMatchObject({ event: "fulfilled", requested_by: "bob", url: "http://stellarr.test/" });

    receiver.failNext({ status: 500 });
    const failed = await (await t.request(`/api/channels/${channel.id}/test`, { method: "POST", token: t.login("bob") })).json();
    expect(failed).toMatchObject({ delivered: false, last_delivery: { status: "failed", error: expect.stringContaining("500") } });
    expect(JSON.stringify(failed)).not.toContain(new URL(url).pathname);
    expect((await list("bob"))[0]!.last_delivery).toMatchObject({ status: "failed" });
    // Another name cannot test or remove it.
    expect((await t.request(`/api/channels/${channel.id}/test`, { method: "POST", token: t.login("alice") })).status).toBe(404);
  });

  it("removes only the owner's channel", async () => {
    const { channel } = (await (await add({ type: "discord", url: discord.createWebhook().url })).json()) as CreateChannelResponse;
    expect((await t.request(`/api/channels/${channel.id}`, { method: "DELETE", token: t.login("bob") })).status).toBe(404);
    expect((await t.request(`/api/channels/${channel.id}`, { method: "DELETE", token: t.login("alice") })).status).toBe(200);
    expect((await t.request(`/api/channels/${channel.id}`, { method: "DELETE", token: t.login("alice") })).status).toBe(404);
    expect((await t.request(`/api/channels/nonsense`, { method: "DELETE", token: t.login("alice") })).status).toBe(404);
    expect(await list()).toEqual([]);
  });

  it("refuses bad input with 422 naming the field, and more than the allowed number of channels", async () => {
    const cases: [unknown, string][] = [
      [{ type: "email", url: "https://x.example/" }, "type"],
      [{ type: "ntfy", url: "http://ntfy.example/topic" }, "url"],
      [{ type: "ntfy", url: "https://ntfy.example/topic", token: "nope" }, "token"],
      [{ type: "discord", url: "https://discord.com/api/webhooks/1/x" }, "url"],
      [{ type: "webhook", url: "https://hooks.example/x", secret: "short" }, "secret"],
      [{ type: "discord", url: "https://discord.com/api/webhooks/123456789012345678/tok", secret: "s".repeat(20) }, "secret"],
    ];
    for (const [body, field] of cases) {
      const res = await add(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
    expect(
      (
        await t.request("/api/channels", {
          method: "POST",
          body: "{",
          headers: { "content-type": "application/json" },
          token: t.login("alice"),
        })
      ).status,
    ).toBe(400);
    for (let i = 0; i < MAX_CHANNELS_PER_NAME; i++)
      expect((await add({ type: "discord", url: discord.createWebhook().url })).status).toBe(201);
    const over = await add({ type: "discord", url: discord.createWebhook().url });
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({ code: "too_many_channels" });
  });

  it("requires a session on every route", async () => {
    for (const [method, path] of [
      ["GET", "/api/channels"],
      ["POST", "/api/channels"],
      ["DELETE", "/api/channels/ch_AAAAAAAAAAAAAAAA"],
      ["POST", "/api/channels/ch_AAAAAAAAAAAAAAAA/test"],
    ] as const) {
      expect((await t.request(path, { method }))?.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe("channel routes without ALLOW_PRIVATE_ENDPOINTS", () => {
  it("refuse a channel on a private address with 422 endpoint_not_allowed", async () => {
    const t = await createTestApp({ config: { pushAllowPrivateEndpoints: false } });
    try {
      const res = await t.request("/api/channels", {
        method: "POST",
        json: { type: "discord", url: discord.createWebhook().url },
        token: t.login("alice"),
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: "endpoint_not_allowed" });
      expect(await t.store.listChannels("alice")).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
