/**
 * Each channel sender against its fake: what the service accepts, every refusal it makes and how
 * the sender classifies it, 429 back-off, deadlines, and the SSRF guard (private addresses only
 * with the switch, connect-time refusal, no redirects). No error text holds a token or a path.
 */
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordFake } from "@stellarr/testkit/fakes/discord";
import { startNtfy, type NtfyFake } from "@stellarr/testkit/fakes/ntfy";
import { startWebhookReceiver, type WebhookReceiverFake } from "@stellarr/testkit/fakes/webhook-receiver";
import { readDiscordAnswer, sendDiscord } from "../../../../src/adapters/notify/channels/discord.js";
import { sendToChannel } from "../../../../src/adapters/notify/channels/index.js";
import { sendNtfy } from "../../../../src/adapters/notify/channels/ntfy.js";
import type { SendContext } from "../../../../src/adapters/notify/channels/outcome.js";
import { sendWebhook } from "../../../../src/adapters/notify/channels/webhook.js";
import type { ResolveAll } from "../../../../src/adapters/notify/endpoint-guard.js";
import type { DiscordChannel, NtfyChannel, WebhookChannel } from "../../../../src/domain/notify/channel.js";
import { nextRetryDelay, type DeliveryOutcome } from "../../../../src/domain/notify/delivery.js";
import { webhookBody, type ChannelFulfilment } from "../../../../src/domain/notify/messages.js";
import { deadlineIn, withDeadline } from "../../../../src/lib/deadline.js";

const matrix: ChannelFulfilment = {
  media_type: "movie",
  tmdb_id: 603,
  title: "The Matrix",
  year: 1999,
  poster_path: "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
  requested_by: "alice",
  followers: ["bob"],
  url: "https://stellarr.example/requests?status=added&focus=movie-603",
};

/** Fails the test if an outcome's error mentions any of `secrets`. */
function expectClean(outcome: DeliveryOutcome, secrets: string[]): void {
  if (outcome.kind === "ok") return;
  for (const secret of secrets) expect(outcome.error).not.toContain(secret);
}

/** A resolver that answers `first` for the check and `then` afterwards (DNS rebinding). */
function rebinding(host: string, first: string, then: string): ResolveAll & { calls: number } {
  const fn = Object.assign(
    async (name: string) => {
      if (name !== host) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: "ENOTFOUND" });
      fn.calls++;
      return [{ address: fn.calls === 1 ? first : then, family: 4 }];
    },
    { calls: 0 },
  );
  return fn;
}

describe("ntfy sender", () => {
  let ntfy: NtfyFake;
  let ctx: SendContext;
  beforeAll(async () => {
    ntfy = await startNtfy();
    ctx = { allowPrivate: true, ca: ntfy.ca };
  });
  afterAll(async () => {
    await ntfy.close();
  });
  const spec = (topic = "house", token: string | null = null): NtfyChannel => ({ type: "ntfy", server: `${ntfy.origin}/`, topic, token });

  it("publishes the localised message as JSON to the server root", async () => {
    expect(await sendNtfy(spec(), matrix, "fr", ctx)).toEqual({ kind: "ok", status: 200 });
    expect(ntfy.published.at(-1)).toMatchObject({
      topic: "house",
      raw: false,
      title: "Film disponible",
      message: "The Matrix (1999) est maintenant dans la bibliothèque.",
      click: matrix.url,
      tags: ["movie_camera"],
      attachment: { name: "poster.jpg", url: "https://image.tmdb.org/t/p/w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg" },
    });
    expect(ntfy.published.at(-1)?.headers["content-type"]).toBe("application/json");
  });

  it("a reserved topic is refused for good", async () => {
    const outcome = await sendNtfy(spec("docs"), matrix, "en", ctx);
    expect(outcome).toEqual({ kind: "permanent", status: 400, error: "ntfy 400: invalid request: topic name is not allowed (40010)" });
  });

  it("429 and 5xx are retried; ntfy gives no retry-after, so the schedule decides", async () => {
    ntfy.failNext({ status: 429 }, { status: 502 });
    const limited = await sendNtfy(spec(), matrix, "en", ctx);
    expect(limited).toEqual({ kind: "retry", status: 429, error: "ntfy 429: limit reached: too many requests (42901)" });
    expect(nextRetryDelay(1, limited, () => 0.5)).toBe(2_000);
    expect(await sendNtfy(spec(), matrix, "en", ctx)).toMatchObject({ kind: "retry", status: 502 });
  });

  it("a slow server hits the deadline and is retried", async () => {
    ntfy.failNext({ delayMs: 5_000 });
    const before = ntfy.published.length;
    expect(await sendNtfy(spec(), matrix, "en", { ...ctx, timeoutMs: 150 })).toEqual({
      kind: "retry",
      error: "ntfy: no answer within 0.2 s",
    });
    expect(ntfy.published.length).toBe(before);
  });

  it("the current deadline (a request's, an invocation's) cuts an attempt shorter than its own limit", async () => {
    ntfy.failNext({ delayMs: 5_000 });
    const before = ntfy.published.length;
    // The sender's own limit is 10 s; 150 ms are left of the deadline.
    const outcome = await withDeadline(deadlineIn(150), () => sendNtfy(spec(), matrix, "en", ctx));
    expect(outcome).toMatchObject({ kind: "retry", error: expect.stringMatching(/^ntfy: no answer within/) });
    expect(ntfy.published.length).toBe(before);
  });

  describe("with access tokens", () => {
    let locked: NtfyFake;
    beforeAll(async () => {
      locked = await startNtfy({ defaultAccess: "deny-all" });
    });
    afterAll(async () => {
      await locked.close();
    });
    const lockedSpec = (topic: string, token: string | null): NtfyChannel => ({ type: "ntfy", server: `${locked.origin}/`, topic, token });

    it("sends the token as Bearer", async () => {
      const token = locked.createToken(["house"]);
      expect(await sendNtfy(lockedSpec("house", token), matrix, "en", { allowPrivate: true, ca: locked.ca })).toEqual({
        kind: "ok",
        status: 200,
      });
      expect(locked.published.at(-1)?.token).toBe(token);
    });

    it("401 and 403 are permanent and never name the token or topic", async () => {
      const token = locked.createToken(["house"]);
      const unknown = `tk_${"z".repeat(29)}`;
      const bad = await sendNtfy(lockedSpec("house", unknown), matrix, "en", { allowPrivate: true, ca: locked.ca });
      expect(bad).toEqual({ kind: "permanent", status: 401, error: "ntfy 401: unauthorized (40101)" });
      const forbidden = await sendNtfy(lockedSpec("secret-garage", token), matrix, "en", { allowPrivate: true, ca: locked.ca });
      expect(forbidden).toEqual({ kind: "permanent", status: 403, error: "ntfy 403: forbidden (40301)" });
      const anonymous = await sendNtfy(lockedSpec("house", null), matrix, "en", { allowPrivate: true, ca: locked.ca });
      expect(anonymous).toMatchObject({ kind: "permanent", status: 403 });
      for (const o of [bad, forbidden]) expectClean(o, [token, unknown, "secret-garage"]);
    });
  });

  describe("plain http (household ntfy+http)", () => {
    let lan: NtfyFake;
    beforeAll(async () => {
      lan = await startNtfy({ plainHttp: true });
    });
    afterAll(async () => {
      await lan.close();
    });

    it("reaches a private address only with private endpoints allowed", async () => {
      const plain: NtfyChannel = { type: "ntfy", server: `${lan.origin}/`, topic: "house", token: null };
      expect(plain.server.startsWith("http://127.0.0.1:")).toBe(true);
      expect(await sendNtfy(plain, matrix, "en", { allowPrivate: true })).toEqual({ kind: "ok", status: 200 });
      expect(await sendNtfy(plain, matrix, "en", { allowPrivate: false })).toEqual({
        kind: "permanent",
        error: "ntfy: refused by the endpoint guard (not https)",
      });
      expect(lan.requestCount()).toBe(1);
    });

    it("never sends plain http to a public address, even when DNS changes its answer", async () => {
      const port = new URL(lan.origin).port;
      const atCheck = await sendNtfy({ type: "ntfy", server: `http://8.8.8.8:${port}/`, topic: "house", token: null }, matrix, "en", {
        allowPrivate: true,
        timeoutMs: 2_000,
      });
      expect(atCheck).toEqual({ kind: "permanent", error: "ntfy: refused by the endpoint guard (plain http to a public address)" });
      // Private when checked, public when connecting: refused by the socket's lookup.
      const dns = rebinding("ntfy.lan", "192.168.1.2", "8.8.8.8");
      const atConnect = await sendNtfy({ type: "ntfy", server: `http://ntfy.lan:${port}/`, topic: "house", token: null }, matrix, "en", {
        allowPrivate: true,
        resolve: dns,
      });
      expect(atConnect).toEqual({
        kind: "permanent",
        error: "ntfy: refused by the endpoint guard (plain http to a public address at connect)",
      });
      expect(dns.calls).toBe(2);
    });
  });
});

describe("Discord sender", () => {
  let discord: DiscordFake;
  let ctx: SendContext;
  beforeAll(async () => {
    discord = await startDiscord({ rateLimit: false });
    ctx = { allowPrivate: true, ca: discord.ca, now: () => Date.UTC(2026, 0, 2) };
  });
  afterAll(async () => {
    await discord.close();
  });
  const specOf = (url: string): DiscordChannel => ({ type: "discord", url });

  it("executes the webhook with wait=true and one embed", async () => {
    const hook = discord.createWebhook();
    expect(await sendDiscord(specOf(hook.url), matrix, "de", ctx)).toEqual({ kind: "ok", status: 200 });
    const sent = discord.executed.at(-1)!;
    expect(sent.wait).toBe(true);
    expect(sent.body).toEqual({
      embeds: [
        {
          title: "The Matrix (1999)",
          description: "The Matrix (1999) ist jetzt in der Bibliothek.",
          url: matrix.url,
          color: 0x5b6cff,
          timestamp: "2026-01-02T00:00:00.000Z",
          author: { name: "Film verfügbar" },
          thumbnail: { url: "https://image.tmdb.org/t/p/w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg" },
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it("unknown webhook (404) and wrong token (401) are permanent, without the id, token or path", async () => {
    const hook = discord.createWebhook();
    const wrong = await sendDiscord(specOf(`${discord.origin}/api/webhooks/${hook.id}/Wrong_${hook.token.slice(6)}`), matrix, "en", ctx);
    expect(wrong).toEqual({ kind: "permanent", status: 401, error: "discord 401: Invalid Webhook Token (50027)" });
    discord.deleteWebhook(hook.id);
    const gone = await sendDiscord(specOf(hook.url), matrix, "en", ctx);
    expect(gone).toEqual({ kind: "permanent", status: 404, error: "discord 404: Unknown Webhook (10015)" });
    for (const o of [wrong, gone]) expectClean(o, [hook.id, hook.token, "/api/webhooks"]);
  });

  it("reads a 50035 answer down to the offending field", async () => {
    const hook = discord.createWebhook();
    const answer = await new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>(
      (resolve, reject) => {
        const req = request(
          hook.url,
          { method: "POST", ca: discord.ca, headers: { "content-type": "application/json" }, agent: false },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ embeds: [{ title: "x".repeat(300) }] }));
      },
    );
    expect(readDiscordAnswer(answer.status, answer.body, answer.headers, 0)).toEqual({
      error: "discord 400: Invalid Form Body (50035) — embeds.0.title: Must be 256 or fewer in length.",
      retryAfterMs: undefined,
    });
  });

  it("honours retry_after from a 429 body (fractional seconds)", async () => {
    const hook = discord.createWebhook();
    discord.failNext({ status: 429, retryAfter: 12.5 });
    const limited = await sendDiscord(specOf(hook.url), matrix, "en", ctx);
    expect(limited).toEqual({ kind: "retry", status: 429, error: "discord 429: You are being rate limited.", retryAfterMs: 12_500 });
    expect(nextRetryDelay(1, limited, () => 0.99)).toBe(12_500);
  });

  it("hits the webhook's own rate limit and reports when it resets", async () => {
    let t = Date.UTC(2026, 0, 1);
    const limited = await startDiscord({ now: () => t, rateLimit: { limit: 1, windowMs: 2_000 } });
    try {
      const hook = limited.createWebhook();
      const c = { allowPrivate: true, ca: limited.ca };
      expect(await sendDiscord(specOf(hook.url), matrix, "en", c)).toMatchObject({ kind: "ok" });
      t += 800;
      expect(await sendDiscord(specOf(hook.url), matrix, "en", c)).toMatchObject({ kind: "retry", status: 429, retryAfterMs: 1_200 });
    } finally {
      await limited.close();
    }
  });

  it("5xx and timeouts are retried", async () => {
    const hook = discord.createWebhook();
    discord.failNext({ status: 503 }, { delayMs: 5_000 });
    expect(await sendDiscord(specOf(hook.url), matrix, "en", ctx)).toEqual({
      kind: "retry",
      status: 503,
      error: "discord 503: 503: Internal Server Error (0)",
    });
    expect(await sendDiscord(specOf(hook.url), matrix, "en", { ...ctx, timeoutMs: 150 })).toEqual({
      kind: "retry",
      error: "discord: no answer within 0.2 s",
    });
  });

  it("refuses a loopback webhook without ALLOW_PRIVATE_ENDPOINTS, before any request", async () => {
    const hook = discord.createWebhook();
    const before = discord.requestCount();
    expect(await sendDiscord(specOf(hook.url), matrix, "en", { allowPrivate: false, ca: discord.ca })).toEqual({
      kind: "permanent",
      error: "discord: refused by the endpoint guard (non-public address)",
    });
    expect(discord.requestCount()).toBe(before);
  });
});

describe("webhook sender", () => {
  let receiver: WebhookReceiverFake;
  let ctx: SendContext;
  const secret = "whsec-0123456789abcdef";
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    ctx = { allowPrivate: true, ca: receiver.ca };
  });
  afterAll(async () => {
    await receiver.close();
  });
  const specOf = (url: string, key = secret): WebhookChannel => ({ type: "webhook", url, secret: key });

  it("delivers the body with a signature the receiver verifies", async () => {
    const url = receiver.createEndpoint(secret);
    expect(await sendWebhook(specOf(url), matrix, "en", ctx)).toEqual({ kind: "ok", status: 204 });
    const got = receiver.received.at(-1)!;
    expect(got.endpoint).toBe(url);
    expect(got.body).toEqual(webhookBody(matrix));
    expect(got.headers["x-stellarr-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it("a wrong secret or a clock off by more than 5 minutes is refused (401, permanent)", async () => {
    const url = receiver.createEndpoint(secret);
    const wrong = await sendWebhook(specOf(url, "another-secret-value"), matrix, "en", ctx);
    expect(wrong).toEqual({ kind: "permanent", status: 401, error: "webhook 401" });
    expect(receiver.rejected.at(-1)?.reason).toBe("signature does not match");
    const stale = await sendWebhook(specOf(url), matrix, "en", { ...ctx, now: () => Date.now() - 400_000 });
    expect(stale).toMatchObject({ kind: "permanent", status: 401 });
    expect(receiver.rejected.at(-1)?.reason).toBe("timestamp outside the tolerance");
    for (const o of [wrong, stale]) expectClean(o, [new URL(url).pathname, secret]);
  });

  it("signs each attempt afresh, so a retry is not stale", async () => {
    const url = receiver.createEndpoint(secret);
    receiver.failNext({ status: 503 });
    let now = Date.now() - 200_000;
    expect(await sendWebhook(specOf(url), matrix, "en", { ...ctx, now: () => now })).toMatchObject({ kind: "retry", status: 503 });
    now += 200_000;
    expect(await sendWebhook(specOf(url), matrix, "en", { ...ctx, now: () => now })).toMatchObject({ kind: "ok" });
    expect(receiver.received.at(-1)?.timestamp).toBe(Math.floor(now / 1000));
  });

  it("honours Retry-After on 429", async () => {
    const url = receiver.createEndpoint(secret);
    receiver.failNext({ status: 429, retryAfter: 7 });
    expect(await sendWebhook(specOf(url), matrix, "en", ctx)).toEqual({
      kind: "retry",
      status: 429,
      error: "webhook 429",
      retryAfterMs: 7_000,
    });
  });

  it("does not follow redirects", async () => {
    const elsewhere = receiver.createEndpoint(secret);
    const url = receiver.createEndpoint(secret, { status: 307, headers: { location: elsewhere } });
    const before = receiver.received.length;
    expect(await sendWebhook(specOf(url), matrix, "en", ctx)).toEqual({ kind: "permanent", status: 307, error: "webhook 307" });
    expect(receiver.received.slice(before).map((r) => r.endpoint)).toEqual([url]);
  });

  it("refuses a host that resolves to a public address when checked but loopback when connecting", async () => {
    const port = new URL(receiver.origin).port;
    const dns = rebinding("hooks.test", "8.8.8.8", "127.0.0.1");
    const before = receiver.requestCount();
    const outcome = await sendWebhook(specOf(`https://hooks.test:${port}/hooks/x`), matrix, "en", {
      allowPrivate: false,
      ca: receiver.ca,
      resolve: dns,
    });
    expect(outcome).toEqual({ kind: "permanent", error: "webhook: refused by the endpoint guard (non-public address at connect)" });
    expect(receiver.requestCount()).toBe(before);
  });

  it("network failures are retried, without the URL", async () => {
    const outcome = await sendWebhook(specOf("https://127.0.0.1:1/hooks/secret-path"), matrix, "en", ctx);
    expect(outcome).toEqual({ kind: "retry", error: "webhook: network error ECONNREFUSED" });
  });
});

describe("sendToChannel", () => {
  it("loads the sender the spec needs", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const url = receiver.createEndpoint("whsec-0123456789abcdef");
      const outcome = await sendToChannel({ type: "webhook", url, secret: "whsec-0123456789abcdef" }, matrix, "en", {
        allowPrivate: true,
        ca: receiver.ca,
      });
      expect(outcome).toEqual({ kind: "ok", status: 204 });
    } finally {
      await receiver.close();
    }
  });
});
