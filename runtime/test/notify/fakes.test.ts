/**
 * The channel fakes refuse what the real services refuse (see each fake's header for the source
 * it follows). Driven with raw HTTPS requests, independent of the senders under test elsewhere.
 */
import { createHmac } from "node:crypto";
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordFake } from "@stellarr/testkit/fakes/discord";
import { startNtfy, type NtfyFake } from "@stellarr/testkit/fakes/ntfy";
import { startWebhookReceiver, type WebhookReceiverFake } from "@stellarr/testkit/fakes/webhook-receiver";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown> | null;
}

function send(url: string, ca: Buffer, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? "POST", ca, headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: Record<string, unknown> | null = null;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

describe("ntfy fake", () => {
  let ntfy: NtfyFake;
  let t = Date.UTC(2026, 0, 1);
  beforeAll(async () => {
    ntfy = await startNtfy({ now: () => t, requestBurst: 60 });
  });
  afterAll(async () => {
    await ntfy.close();
  });
  const publish = (body: unknown, headers: Record<string, string> = {}, path = "/") =>
    send(`${ntfy.origin}${path}`, ntfy.ca, { body: typeof body === "string" ? body : JSON.stringify(body), headers });

  it("publishes JSON posted to the root and answers with the message", async () => {
    const answer = await publish({
      topic: "house",
      title: "Hi",
      message: "Body",
      click: "https://x.example/",
      tags: ["tv"],
      attach: "https://img.example/p.jpg",
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      event: "message",
      topic: "house",
      title: "Hi",
      message: "Body",
      click: "https://x.example/",
      tags: ["tv"],
      attachment: { name: "p.jpg", url: "https://img.example/p.jpg" },
    });
    expect(ntfy.published.at(-1)).toMatchObject({ topic: "house", raw: false });
  });

  it("publishes a body posted to /<topic> verbatim (how a wrong sender shows up)", async () => {
    await publish({ topic: "house", message: "x" }, {}, "/house");
    expect(ntfy.published.at(-1)).toMatchObject({ topic: "house", raw: true, message: '{"topic":"house","message":"x"}' });
  });

  it.each([
    ["not json", "{", 400, 40024],
    ["a wrong field type", { topic: "house", title: 5 }, 400, 40024],
    ["a JSON array", [], 400, 40024],
    ["a missing topic", { message: "x" }, 400, 40009],
    ["a bad topic", { topic: "a/b" }, 400, 40009],
    ["a 65-character topic", { topic: "x".repeat(65) }, 400, 40009],
    ["a reserved topic", { topic: "docs" }, 400, 40010],
    ["priority 6", { topic: "house", priority: 6 }, 400, 40007],
    ["a relative attach URL", { topic: "house", attach: "/p.jpg" }, 400, 40013],
    ["an icon that is not http(s)", { topic: "house", icon: "ftp://x/p.png" }, 400, 40021],
    ["a message over 4096 bytes", { topic: "house", message: "é".repeat(2049) }, 400, 40014],
    ["a body over twice the message limit", { topic: "house", message: "x".repeat(9000) }, 413, 41303],
  ])("refuses %s", async (_name, body, status, code) => {
    const answer = await publish(body);
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ code, http: status, error: expect.any(String) });
    expect(answer.headers["content-type"]).toBe("application/json");
  });

  it("answers unknown paths 404 40401", async () => {
    expect((await send(`${ntfy.origin}/a/b`, ntfy.ca, { body: "{}" })).json).toEqual({ code: 40401, http: 404, error: "page not found" });
  });

  it("limits requests per visitor with 429 42901 and no Retry-After, refilling one per 5 s", async () => {
    const limited = await startNtfy({ now: () => t, requestBurst: 2 });
    try {
      const go = () => send(`${limited.origin}/`, limited.ca, { body: JSON.stringify({ topic: "t" }) });
      expect((await go()).status).toBe(200);
      expect((await go()).status).toBe(200);
      const refused = await go();
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ code: 42901, http: 429 });
      expect(refused.headers["retry-after"]).toBeUndefined();
      t += 5_000;
      expect((await go()).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  describe("with access control", () => {
    let locked: NtfyFake;
    beforeAll(async () => {
      locked = await startNtfy({ defaultAccess: "deny-all" });
    });
    afterAll(async () => {
      await locked.close();
    });
    const go = (topic: string, authorization?: string) =>
      send(`${locked.origin}/`, locked.ca, { body: JSON.stringify({ topic }), headers: authorization ? { authorization } : {} });

    it("issues tokens shaped like ntfy's", () => {
      expect(locked.createToken(["x"])).toMatch(/^tk_[a-z0-9]{29}$/);
    });

    it("accepts a token with write access to the topic", async () => {
      const token = locked.createToken(["house"]);
      expect((await go("house", `Bearer ${token}`)).status).toBe(200);
      expect(locked.published.at(-1)?.token).toBe(token);
    });

    it("401 40101 for an unknown or malformed token, 403 40301 without access", async () => {
      const token = locked.createToken(["house"]);
      expect((await go("house", `Bearer tk_${"0".repeat(29)}`)).json).toMatchObject({ code: 40101, http: 401 });
      expect((await go("house", `Bearer ${token}x`)).json).toMatchObject({ code: 40101, http: 401 });
      expect((await go("house", "Basic Zm9vOmJhcg==")).json).toMatchObject({ code: 40101, http: 401 });
      expect((await go("garage", `Bearer ${token}`)).json).toMatchObject({ code: 40301, http: 403 });
      expect((await go("house")).json).toMatchObject({ code: 40301, http: 403 });
    });
  });

  it("injects failures in ntfy's error shape", async () => {
    ntfy.failNext({ status: 503 }, { status: 429 });
    expect((await publish({ topic: "house" })).json).toMatchObject({ http: 503 });
    expect((await publish({ topic: "house" })).json).toMatchObject({ code: 42901, http: 429 });
    expect((await publish({ topic: "house" })).status).toBe(200);
  });
});

describe("Discord fake", () => {
  let discord: DiscordFake;
  beforeAll(async () => {
    discord = await startDiscord({ rateLimit: false });
  });
  afterAll(async () => {
    await discord.close();
  });
  const execute = (url: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    send(url, discord.ca, { body: typeof body === "string" ? body : JSON.stringify(body), headers });
  const embed = { title: "T", description: "D", url: "https://x.example/", color: 1, timestamp: "2026-01-01T00:00:00.000Z" };

  it("executes: 204 without wait, 200 with the message when wait=true", async () => {
    const hook = discord.createWebhook();
    expect(hook.id).toMatch(/^\d{17,20}$/);
    expect(hook.token).toHaveLength(68);
    const plain = await execute(hook.url, { content: "hello" });
    expect(plain.status).toBe(204);
    const waited = await execute(`${hook.url}?wait=true`, { embeds: [embed] });
    expect(waited.status).toBe(200);
    expect(waited.json).toMatchObject({ webhook_id: hook.id, embeds: [{ type: "rich", title: "T" }] });
    expect(discord.executed.slice(-2).map((e) => e.wait)).toEqual([false, true]);
  });

  it("404 10015 for an unknown webhook, 401 50027 for a wrong token", async () => {
    const hook = discord.createWebhook();
    expect((await execute(`${discord.origin}/api/webhooks/123456789012345678/${hook.token}`, { content: "x" })).json).toEqual({
      message: "Unknown Webhook",
      code: 10015,
    });
    const wrong = await execute(`${discord.origin}/api/webhooks/${hook.id}/nope`, { content: "x" });
    expect([wrong.status, wrong.json]).toEqual([401, { message: "Invalid Webhook Token", code: 50027 }]);
    discord.deleteWebhook(hook.id);
    expect((await execute(hook.url, { content: "x" })).status).toBe(404);
  });

  it.each([
    ["invalid JSON", "{", 50109, null],
    ["an empty message", {}, 50006, null],
    ["blank content", { content: "   " }, 50006, null],
    ["content over 2000", { content: "x".repeat(2001) }, 50035, "content"],
    ["11 embeds", { embeds: Array.from({ length: 11 }, () => embed) }, 50035, "embeds"],
    ["a 257-character title", { embeds: [{ ...embed, title: "x".repeat(257) }] }, 50035, "embeds.0.title"],
    ["a 4097-character description", { embeds: [{ ...embed, description: "x".repeat(4097) }] }, 50035, "embeds.0.description"],
    [
      "more than 6000 characters in all",
      { embeds: [{ description: "x".repeat(4000) }, { description: "x".repeat(2001) }] },
      50035,
      "embeds",
    ],
    ["a bad embed URL", { embeds: [{ ...embed, url: "not a url" }] }, 50035, "embeds.0.url"],
    ["a thumbnail that is not http(s)", { embeds: [{ ...embed, thumbnail: { url: "ftp://x/p.jpg" } }] }, 50035, "embeds.0.thumbnail.url"],
    ["a bad timestamp", { embeds: [{ ...embed, timestamp: "yesterday" }] }, 50035, "embeds.0.timestamp"],
    ["a colour over 0xFFFFFF", { embeds: [{ ...embed, color: 0x1000000 }] }, 50035, "embeds.0.color"],
    ["an author without a name", { embeds: [{ ...embed, author: {} }] }, 50035, "embeds.0.author.name"],
    ["unknown allowed_mentions", { content: "x", allowed_mentions: { parse: ["channels"] } }, 50035, "allowed_mentions.parse"],
  ])("refuses %s", async (_name, body, code, field) => {
    const hook = discord.createWebhook();
    const answer = await execute(hook.url, body);
    expect(answer.status).toBe(400);
    expect(answer.json?.code).toBe(code);
    if (field) {
      let node: unknown = answer.json?.errors;
      for (const key of field.split(".")) node = (node as Record<string, unknown>)[key];
      expect((node as { _errors: { message: string }[] })._errors[0]!.message).toEqual(expect.any(String));
    }
  });

  it("counts lengths after trimming (exactly 256 passes)", async () => {
    const hook = discord.createWebhook();
    expect((await execute(hook.url, { embeds: [{ title: ` ${"x".repeat(256)} ` }] })).status).toBe(204);
  });

  it("refuses a body that is not JSON by content type", async () => {
    const hook = discord.createWebhook();
    const answer = await execute(hook.url, { content: "x" }, { "content-type": "text/plain" });
    expect(answer.status).toBe(400);
    expect(answer.json?.code).toBe(50035);
  });

  it("rate-limits each webhook with X-RateLimit-* headers and a 429 carrying retry_after", async () => {
    let t = Date.UTC(2026, 0, 1);
    const limited = await startDiscord({ now: () => t, rateLimit: { limit: 2, windowMs: 2_000 } });
    try {
      const hook = limited.createWebhook();
      const go = () => send(hook.url, limited.ca, { body: '{"content":"x"}', headers: { "content-type": "application/json" } });
      const first = await go();
      expect(first.headers).toMatchObject({ "x-ratelimit-limit": "2", "x-ratelimit-remaining": "1", "x-ratelimit-reset-after": "2.000" });
      await go();
      t += 500;
      const refused = await go();
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({ message: "You are being rate limited.", retry_after: 1.5, global: false });
      expect(refused.headers).toMatchObject({ "retry-after": "2", "x-ratelimit-remaining": "0", "x-ratelimit-scope": "user" });
      t += 1_500;
      expect((await go()).status).toBe(204);
    } finally {
      await limited.close();
    }
  });

  it("injects 5xx and 429 with retry_after", async () => {
    const hook = discord.createWebhook();
    discord.failNext({ status: 502 }, { status: 429, retryAfter: 3.25 });
    expect((await execute(hook.url, { content: "x" })).status).toBe(502);
    const limited = await execute(hook.url, { content: "x" });
    expect([limited.status, limited.json?.retry_after, limited.headers["retry-after"]]).toEqual([429, 3.25, "4"]);
  });
});

describe("webhook receiver fake", () => {
  let receiver: WebhookReceiverFake;
  let nowMs = Date.UTC(2026, 0, 1, 12);
  const secret = "receiver-secret-0123";
  beforeAll(async () => {
    receiver = await startWebhookReceiver({ now: () => nowMs });
  });
  afterAll(async () => {
    await receiver.close();
  });
  const sign = (t: number, body: string, key = secret) => `t=${t},v1=${createHmac("sha256", key).update(`${t}.${body}`).digest("hex")}`;
  const deliver = (url: string, body: string, signature: string | null, type = "application/json") =>
    send(url, receiver.ca, {
      body,
      headers: { "content-type": type, ...(signature === null ? {} : { "x-stellarr-signature": signature }) },
    });
  const body = '{"event":"fulfilled","title":"X"}';
  const t = () => Math.floor(nowMs / 1000);

  it("accepts a correctly signed delivery and records the raw bytes", async () => {
    const url = receiver.createEndpoint(secret);
    expect((await deliver(url, body, sign(t(), body))).status).toBe(204);
    expect(receiver.received.at(-1)).toMatchObject({ endpoint: url, raw: body, timestamp: t(), body: { event: "fulfilled" } });
  });

  it("accepts when any of several v1 signatures matches (secret rotation)", async () => {
    const url = receiver.createEndpoint(secret);
    const old = sign(t(), body, "old-secret-old-secret").split(",")[1];
    expect((await deliver(url, body, `${sign(t(), body)},${old}`)).status).toBe(204);
  });

  it.each([
    ["no signature", () => null, 401, "missing or malformed signature header"],
    ["a malformed header", () => "sha256=abc", 401, "missing or malformed signature header"],
    ["a signature by another secret", () => sign(t(), body, "another-secret-000"), 401, "signature does not match"],
    ["a signature over other bytes", () => sign(t(), `${body} `), 401, "signature does not match"],
    ["a stale timestamp", () => sign(t() - 301, body), 401, "timestamp outside the tolerance"],
    ["a future timestamp", () => sign(t() + 301, body), 401, "timestamp outside the tolerance"],
  ])("refuses %s", async (_name, signature, status, reason) => {
    const url = receiver.createEndpoint(secret);
    const answer = await deliver(url, body, signature());
    expect([answer.status, answer.text]).toEqual([status, reason]);
    expect(receiver.rejected.at(-1)).toEqual({ endpoint: url, status, reason });
  });

  it("refuses a non-JSON content type, a non-event body, unknown endpoints", async () => {
    const url = receiver.createEndpoint(secret);
    expect((await deliver(url, body, sign(t(), body), "text/plain")).status).toBe(415);
    expect((await deliver(url, "[1]", sign(t(), "[1]"))).status).toBe(400);
    expect((await deliver(`${receiver.origin}/hooks/unknown`, body, sign(t(), body))).status).toBe(404);
  });

  it("injects failures with Retry-After", async () => {
    const url = receiver.createEndpoint(secret);
    receiver.failNext({ status: 429, retryAfter: 7 });
    const answer = await deliver(url, body, sign(t(), body));
    expect([answer.status, answer.headers["retry-after"]]).toEqual([429, "7"]);
    nowMs += 1000;
    expect((await deliver(url, body, sign(t(), body))).status).toBe(204);
  });
});
