import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channelFingerprint, describeChannel, redactForChannel, type ChannelSpec } from "../../../src/domain/notify/channel.js";
import {
  ATTEMPT_TIMEOUT_MS,
  deliveryKey,
  isRetryableStatus,
  nextRetryDelay,
  outcomeOfStatus,
  parseRetryAfter,
  RETRY_POLICY,
  type DeliveryOutcome,
} from "../../../src/domain/notify/delivery.js";
import { parseHouseholdNotify } from "../../../src/domain/notify/household.js";
import {
  channelRequest,
  discordMessage,
  ntfyMessage,
  titleLink,
  webhookBody,
  type ChannelFulfilment,
} from "../../../src/domain/notify/messages.js";
import { validatePersonalChannel } from "../../../src/domain/notify/personal.js";
import { signatureHeader } from "../../../src/domain/notify/signature.js";
import { buildFulfilmentPayload } from "../../../src/domain/push/payload.js";

const TOKEN = "tk_abcdefghijklmnopqrstuvwxyz012";
const HOOK_ID = "1234567890123456789";
const HOOK_TOKEN = "Zx9_secret-token-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnop";
const SECRET = "s3cret-s3cret-s3cret";

const matrix: ChannelFulfilment = {
  media_type: "movie",
  tmdb_id: 603,
  title: "The Matrix",
  year: 1999,
  poster_path: "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
  requested_by: "alice",
  followers: ["bob", "carol"],
  url: "https://stellarr.example/requests?status=added&focus=movie-603",
};

describe("NOTIFY_URLS", () => {
  const parse = (urls: string, extra: Record<string, string> = {}) => parseHouseholdNotify({ NOTIFY_URLS: urls, ...extra });

  it("reads every entry form into channel specs with stable ids", () => {
    const result = parse(
      [
        `ntfy://${TOKEN}@ntfy.example/alerts`,
        "ntfy+http://192.168.1.10:8080/house",
        `discord://${HOOK_ID}/${HOOK_TOKEN}`,
        `https://discord.com/api/webhooks/${HOOK_ID}/other_token`,
        "https://hooks.example/stellarr?k=1",
      ].join(" , "),
      { NOTIFY_WEBHOOK_SECRET: SECRET, NOTIFY_LOCALE: "fr-CA" },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.locale).toBe("fr");
    expect(result.value.channels.map((c) => c.spec)).toEqual([
      { type: "ntfy", server: "https://ntfy.example/", topic: "alerts", token: TOKEN },
      { type: "ntfy", server: "http://192.168.1.10:8080/", topic: "house", token: null },
      { type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}` },
      { type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}/other_token` },
      { type: "webhook", url: "https://hooks.example/stellarr?k=1", secret: SECRET },
    ]);
    expect(result.value.channels.map((c) => c.entry)).toEqual([1, 2, 3, 4, 5]);
    for (const c of result.value.channels) expect(c.id).toBe(`household-${channelFingerprint(c.spec)}`);
    // Same entry, same id (claims and last_delivery survive restarts); another entry, another id.
    const again = parse(`discord://${HOOK_ID}/${HOOK_TOKEN}`);
    expect(again.ok && again.value.channels[0]!.id).toBe(result.value.channels[2]!.id);
    expect(new Set(result.value.channels.map((c) => c.id)).size).toBe(5);
  });

  it("keeps a path prefix before the topic (ntfy behind a proxy path)", () => {
    const result = parse("ntfy://push.example:8443/ntfy/house");
    expect(result.ok && result.value.channels[0]!.spec).toEqual({
      type: "ntfy",
      server: "https://push.example:8443/ntfy/",
      topic: "house",
      token: null,
    });
  });

  it("defaults: nothing configured is no channel, locale en", () => {
    expect(parseHouseholdNotify({})).toEqual({ ok: true, value: { channels: [], locale: "en" } });
    expect(parse(" , ")).toEqual({ ok: true, value: { channels: [], locale: "en" } });
  });

  it.each([
    ["ftp://files.example/x", "NOTIFY_URLS entry 1: must start with ntfy://, ntfy+http://, discord:// or https://"],
    ["http://hooks.example/x", "NOTIFY_URLS entry 1: must start with ntfy://, ntfy+http://, discord:// or https://"],
    ["ntfy://ntfy.example/bad.topic", "NOTIFY_URLS entry 1: the topic (last path segment) must be 1–64 of A-Z a-z 0-9 _ -"],
    ["ntfy://ntfy.example/", "NOTIFY_URLS entry 1: the topic (last path segment) must be 1–64 of A-Z a-z 0-9 _ -"],
    ["ntfy://ntfy.example/docs", "NOTIFY_URLS entry 1: that topic name is reserved by ntfy"],
    ["ntfy://ntfy.example/a?x=1", "NOTIFY_URLS entry 1: an ntfy URL has no query or fragment"],
    ["ntfy://tk_short@ntfy.example/a", "NOTIFY_URLS entry 1: the access token must be an ntfy token (tk_ and 29 letters or digits)"],
    [`ntfy://user:${TOKEN}@ntfy.example/a`, "NOTIFY_URLS entry 1: only an access token may come before @ (ntfy://tk_…@host/topic)"],
    ["discord://12/abc", "NOTIFY_URLS entry 1: the webhook id must be a Discord snowflake (17–20 digits)"],
    [`discord://${HOOK_ID}`, "NOTIFY_URLS entry 1: a discord:// entry is discord://<webhook id>/<webhook token>"],
    [`https://discord.com/api/webhooks/${HOOK_ID}`, "NOTIFY_URLS entry 1: the path must be /api/webhooks/<id>/<token>"],
    ["https://user:pw@hooks.example/x", "NOTIFY_URLS entry 1: credentials are not allowed in a webhook URL"],
  ])("refuses %s", (entry, problem) => {
    const result = parse(entry, { NOTIFY_WEBHOOK_SECRET: SECRET });
    expect(result).toEqual({ ok: false, problems: [problem] });
  });

  it("names the entry's position and never echoes a token, topic or secret", () => {
    const secretish = `ntfy://${TOKEN}@ntfy.example/secret-topic-name?x`;
    const result = parse(`https://ok.example/x,${secretish},discord://${HOOK_ID}/${HOOK_TOKEN}!`, { NOTIFY_WEBHOOK_SECRET: SECRET });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      "NOTIFY_URLS entry 2: an ntfy URL has no query or fragment",
      "NOTIFY_URLS entry 3: the webhook token must be letters, digits, _ or -",
    ]);
    const text = result.problems.join("\n");
    for (const secret of [TOKEN, "secret-topic-name", HOOK_TOKEN, SECRET]) expect(text).not.toContain(secret);
  });

  it("requires NOTIFY_WEBHOOK_SECRET (16+ characters) for webhook entries, and a known NOTIFY_LOCALE", () => {
    expect(parse("https://hooks.example/x")).toEqual({
      ok: false,
      problems: ["NOTIFY_WEBHOOK_SECRET is required when NOTIFY_URLS has a webhook (https) entry"],
    });
    expect(parse("https://hooks.example/x", { NOTIFY_WEBHOOK_SECRET: "short" })).toMatchObject({
      ok: false,
      problems: ["NOTIFY_WEBHOOK_SECRET must be 16–256 printable characters"],
    });
    expect(parse("", { NOTIFY_LOCALE: "it" })).toEqual({ ok: false, problems: ["NOTIFY_LOCALE must be one of en, es, fr, de"] });
  });

  it("refuses a repeated entry and more than 20 entries", () => {
    expect(parse("discord://12345678901234567/a, discord://12345678901234567/a")).toEqual({
      ok: false,
      problems: ["NOTIFY_URLS entry 2: repeats an earlier entry"],
    });
    const many = Array.from({ length: 21 }, (_, i) => `ntfy://ntfy.example/t${i}`).join(",");
    expect(parse(many)).toMatchObject({ ok: false, problems: ["NOTIFY_URLS has 21 entries; at most 20"] });
  });
});

describe("personal channels", () => {
  const fixed = () => "generated-secret-generated-secret";

  it("accepts each type (https only) and generates a webhook secret when none is given", () => {
    expect(validatePersonalChannel({ type: "ntfy", url: "https://ntfy.sh/my-topic", token: TOKEN })).toEqual({
      ok: true,
      spec: { type: "ntfy", server: "https://ntfy.sh/", topic: "my-topic", token: TOKEN },
      generatedSecret: null,
    });
    expect(validatePersonalChannel({ type: "discord", url: `https://relay.example/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}` })).toEqual({
      ok: true,
      spec: { type: "discord", url: `https://relay.example/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}` },
      generatedSecret: null,
    });
    expect(validatePersonalChannel({ type: "webhook", url: "https://hooks.example/in" }, fixed)).toEqual({
      ok: true,
      spec: { type: "webhook", url: "https://hooks.example/in", secret: fixed() },
      generatedSecret: fixed(),
    });
    expect(validatePersonalChannel({ type: "webhook", url: "https://hooks.example/in", secret: SECRET }, fixed)).toEqual({
      ok: true,
      spec: { type: "webhook", url: "https://hooks.example/in", secret: SECRET },
      generatedSecret: null,
    });
  });

  it("generates a 43-character random secret by default", () => {
    const a = validatePersonalChannel({ type: "webhook", url: "https://hooks.example/in" });
    const b = validatePersonalChannel({ type: "webhook", url: "https://hooks.example/in" });
    expect(a.ok && a.generatedSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.ok && b.ok && a.generatedSecret !== b.generatedSecret).toBe(true);
  });

  it.each([
    [null, "body", "must be a JSON object"],
    [{ type: "email", url: "https://x.example" }, "type", "must be one of ntfy, discord, webhook"],
    [{ type: "ntfy" }, "url", "is required"],
    [{ type: "ntfy", url: "ntfy.sh/topic" }, "url", "must be an absolute https URL"],
    [{ type: "ntfy", url: "http://ntfy.sh/topic" }, "url", "must be https"],
    [{ type: "ntfy", url: "https://ntfy.sh/a b" }, "url", "the topic (last path segment) must be 1–64 of A-Z a-z 0-9 _ -"],
    [
      { type: "ntfy", url: "https://ntfy.sh/t", token: "secret" },
      "token",
      "the access token must be an ntfy token (tk_ and 29 letters or digits)",
    ],
    [{ type: "ntfy", url: "https://ntfy.sh/t", token: 5 }, "token", "must be a string"],
    [{ type: "ntfy", url: "https://ntfy.sh/t", secret: SECRET }, "secret", "is only for webhook channels"],
    [{ type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}` }, "url", "the path must be /api/webhooks/<id>/<token>"],
    [
      { type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}?wait=true` },
      "url",
      "a Discord webhook URL has no query or fragment",
    ],
    [{ type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}/x`, token: TOKEN }, "token", "is only for ntfy channels"],
    [
      { type: "webhook", url: "https://hooks.example/in", secret: "too short" },
      "secret",
      "must be 16–256 printable characters without spaces",
    ],
    [{ type: "webhook", url: "https://u:p@hooks.example/in" }, "url", "credentials are not allowed in the URL"],
    [{ type: "ntfy", url: "https://u:p@ntfy.sh/t" }, "url", "credentials are not allowed in the URL (use the token)"],
  ])("refuses %j (%s: %s)", (body, field, reason) => {
    expect(validatePersonalChannel(body)).toEqual({ ok: false, field, reason });
  });
});

describe("channel messages", () => {
  const ntfy: ChannelSpec = { type: "ntfy", server: "https://ntfy.example/", topic: "house", token: TOKEN };
  const push = (locale: string) => buildFulfilmentPayload(matrix, locale);

  it("links to the title on the public origin, as the push notification does", () => {
    expect(titleLink("https://stellarr.example", matrix)).toBe("https://stellarr.example/requests?status=added&focus=movie-603");
    expect(titleLink("https://stellarr.example/", { media_type: "tv", tmdb_id: 1399 })).toBe(
      "https://stellarr.example/requests?status=added&focus=tv-1399",
    );
  });

  it("ntfy: JSON for the server root, texts from the push payload in the channel's locale", () => {
    expect(ntfyMessage(ntfy as Extract<ChannelSpec, { type: "ntfy" }>, matrix, "de")).toEqual({
      topic: "house",
      title: "Film verfügbar",
      message: "The Matrix (1999) ist jetzt in der Bibliothek.",
      click: matrix.url,
      tags: ["movie_camera"],
      attach: "https://image.tmdb.org/t/p/w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
      filename: "poster.jpg",
    });
    for (const locale of ["en", "es", "fr", "de"]) {
      const m = ntfyMessage(ntfy as Extract<ChannelSpec, { type: "ntfy" }>, matrix, locale);
      expect([m.title, m.message]).toEqual([push(locale).title, push(locale).body]);
    }
    const request = channelRequest(ntfy, { ...matrix, poster_path: null }, "en", 0);
    expect(request.url).toBe("https://ntfy.example/");
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(request.body)).not.toHaveProperty("attach");
  });

  it("Discord: one embed with title and year, localised text, poster and link; no mentions", () => {
    const message = discordMessage(matrix, "es", Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(message).toEqual({
      embeds: [
        {
          title: "The Matrix (1999)",
          description: "The Matrix (1999) ya está en la biblioteca.",
          url: matrix.url,
          color: 0x5b6cff,
          timestamp: "2026-01-02T03:04:05.000Z",
          author: { name: "Película disponible" },
          thumbnail: { url: "https://image.tmdb.org/t/p/w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg" },
        },
      ],
      allowed_mentions: { parse: [] },
    });
    const untitled = discordMessage({ ...matrix, title: null, poster_path: "../evil" }, "en", 0).embeds[0];
    expect(untitled.title).toBe("Movie available");
    expect(untitled).not.toHaveProperty("thumbnail");
    const request = channelRequest({ type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}` }, matrix, "en", 0);
    expect(request.url).toBe(`https://discord.com/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}?wait=true`);
  });

  it("names no kind of media server: a title is available, whichever server reported it (issue #23)", () => {
    const specs: ChannelSpec[] = [
      ntfy,
      { type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}` },
      { type: "webhook", url: "https://hooks.example/in", secret: SECRET },
    ];
    const titles: Record<string, RegExp> = { en: /available/, es: /disponible/, fr: /disponible/, de: /verfügbar/ };
    for (const f of [
      matrix,
      { ...matrix, media_type: "tv" as const, tmdb_id: 1399, title: "Game of Thrones" },
      { ...matrix, title: null },
    ]) {
      for (const locale of ["en", "es", "fr", "de"]) {
        const payload = buildFulfilmentPayload(f, locale);
        expect(payload.title).toMatch(titles[locale]!);
        const texts = [payload.title, payload.body, ...specs.map((spec) => channelRequest(spec, f, locale, 0).body)];
        for (const text of texts) expect(text, `${locale}: ${text}`).not.toMatch(/plex|jellyfin|emby/i);
      }
    }
  });

  it("keeps Discord's embed limits whatever TMDB returns", () => {
    const long = discordMessage({ ...matrix, title: "x".repeat(5000) }, "en", 0).embeds[0];
    expect([...long.title].length).toBeLessThanOrEqual(256);
    expect([...long.description].length).toBeLessThanOrEqual(4096);
  });

  it("webhook: the documented body, signed over the exact bytes sent", () => {
    expect(webhookBody(matrix)).toEqual({
      event: "fulfilled",
      title: "The Matrix",
      year: 1999,
      media_type: "movie",
      tmdb_id: 603,
      requested_by: "alice",
      followers: ["bob", "carol"],
      url: matrix.url,
      poster_url: "https://image.tmdb.org/t/p/w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
    });
    const request = channelRequest({ type: "webhook", url: "https://hooks.example/in", secret: SECRET }, matrix, "en", 1_767_225_600_999);
    const header = request.headers["x-stellarr-signature"]!;
    const mac = createHmac("sha256", SECRET).update(`1767225600.${request.body}`).digest("hex");
    expect(header).toBe(`t=1767225600,v1=${mac}`);
  });

  it("signature: t is whole seconds and the MAC changes with secret, time and body", () => {
    const base = signatureHeader(SECRET, "{}", 100.9);
    expect(base).toMatch(/^t=100,v1=[0-9a-f]{64}$/);
    expect(signatureHeader(`${SECRET}x`, "{}", 100)).not.toBe(base);
    expect(signatureHeader(SECRET, "{}", 101)).not.toBe(base);
    expect(signatureHeader(SECRET, "{ }", 100)).not.toBe(base);
  });
});

describe("masking and redaction", () => {
  const specs: ChannelSpec[] = [
    { type: "ntfy", server: "https://ntfy.example:8443/", topic: "family-secret-topic", token: TOKEN },
    { type: "discord", url: `https://discord.com/api/webhooks/${HOOK_ID}/${HOOK_TOKEN}` },
    { type: "webhook", url: "https://hooks.example/private/path-capability?key=qwerty123", secret: SECRET },
  ];

  it("shows the host and a masked tail, never the token, topic, path or secret", () => {
    expect(specs.map((s) => describeChannel(s))).toEqual([
      { type: "ntfy", host: "ntfy.example:8443", masked: expect.stringMatching(/^ntfy\.example:8443\/…[0-9a-f]{4}$/) },
      { type: "discord", host: "discord.com", masked: expect.stringMatching(/^discord\.com\/…[0-9a-f]{4}$/) },
      { type: "webhook", host: "hooks.example", masked: expect.stringMatching(/^hooks\.example\/…[0-9a-f]{4}$/) },
    ]);
    const shown = JSON.stringify(specs.map((s) => describeChannel(s)));
    for (const secret of [TOKEN, "family-secret-topic", HOOK_ID, HOOK_TOKEN, "path-capability", "qwerty123", SECRET])
      expect(shown).not.toContain(secret);
  });

  it("removes secrets and URLs from error texts", () => {
    const [ntfy, discord, webhook] = specs as [ChannelSpec, ChannelSpec, ChannelSpec];
    expect(redactForChannel(`ntfy 403: forbidden for family-secret-topic with ${TOKEN}`, ntfy)).toBe("ntfy 403: forbidden for … with …");
    expect(redactForChannel(`failed /api/webhooks/${HOOK_ID}/${HOOK_TOKEN} and ${HOOK_TOKEN}`, discord)).toBe("failed … and …");
    expect(redactForChannel(`echo: https://hooks.example/private/path-capability?key=qwerty123 ${SECRET} qwerty123`, webhook)).toBe(
      "echo: <url> … …",
    );
    expect(redactForChannel("x".repeat(500), ntfy)).toHaveLength(160);
  });
});

describe("delivery rules", () => {
  const retry: DeliveryOutcome = { kind: "retry", error: "503" };

  it("classifies statuses: 2xx ok; 408, 429, 5xx retry; other 4xx and 3xx permanent", () => {
    expect(outcomeOfStatus(204, "")).toEqual({ kind: "ok", status: 204 });
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(status)).toBe(true);
    for (const status of [301, 302, 307, 400, 401, 403, 404, 409, 410, 413, 422]) {
      expect(outcomeOfStatus(status, "e")).toEqual({ kind: "permanent", status, error: "e" });
    }
    expect(outcomeOfStatus(429, "slow down", 1500)).toEqual({ kind: "retry", status: 429, error: "slow down", retryAfterMs: 1500 });
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1_500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("never retries a success or a permanent failure, and stops after 8 attempts", () => {
    expect(nextRetryDelay(1, { kind: "ok", status: 200 }, Math.random)).toBeNull();
    expect(nextRetryDelay(1, { kind: "permanent", error: "404" }, Math.random)).toBeNull();
    expect(nextRetryDelay(7, retry, () => 0.5)).toBe(3_600_000);
    expect(nextRetryDelay(8, retry, () => 0.5)).toBeNull();
  });

  it("schedule: at least 2 attempts within 30 s, at most 8, backing off with jitter", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), { minLength: 8, maxLength: 8 }), (randoms) => {
        const delays: number[] = [];
        for (let attempt = 1; ; attempt++) {
          const d = nextRetryDelay(attempt, retry, () => randoms[attempt - 1]!);
          if (d === null) break;
          delays.push(d);
        }
        expect(delays).toHaveLength(RETRY_POLICY.maxAttempts - 1);
        // Worst case for the second attempt: the first one runs to its deadline, then the longest first delay.
        expect(ATTEMPT_TIMEOUT_MS + delays[0]!).toBeLessThanOrEqual(30_000);
        RETRY_POLICY.delaysMs.forEach((base, i) => {
          expect(delays[i]).toBeGreaterThanOrEqual(base * 0.75);
          expect(delays[i]).toBeLessThanOrEqual(base * 1.25);
        });
        for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
      }),
    );
  });

  it("honours a longer retry-after, capped at an hour", () => {
    expect(nextRetryDelay(1, { ...retry, retryAfterMs: 20_000 }, () => 0.5)).toBe(20_000);
    expect(nextRetryDelay(1, { ...retry, retryAfterMs: 500 }, () => 0.5)).toBe(2_000);
    expect(nextRetryDelay(1, { ...retry, retryAfterMs: 86_400_000 }, () => 0.5)).toBe(3_600_000);
  });

  it("keys a delivery by title and channel", () => {
    expect(deliveryKey(matrix, "ch-1")).toBe("fulfilled:movie:603:ch-1");
    expect(deliveryKey({ media_type: "tv", tmdb_id: 603 }, "ch-1")).not.toBe(deliveryKey(matrix, "ch-1"));
  });
});
