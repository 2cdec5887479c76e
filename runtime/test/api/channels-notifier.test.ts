/**
 * `POST /api/channels/{id}/test` when another function sends (AWS: `remoteChannelTester` over the
 * notifier invocation): its answers map to the embedded bodies, and its failures to 502/503/504 as
 * the OpenAPI document describes them (createTestApp checks every response) — never a 500. The
 * built bundles run the same path against the real notifier in test/lambda/channel-test-bundle.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { createPublicOrigin } from "../../src/app/notify/public-origin.js";
import {
  remoteChannelTester,
  REPLY_MARGIN_MS,
  type ChannelTestEvent,
  type InvokeNotifier,
} from "../../src/app/notify/remote-channel-test.js";
import { ChannelTestUnavailableError } from "../../src/ports/channel-tester.js";

const ID = "ch_AAAAAAAAAAAAAAAA";
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function appWith(invoke: InvokeNotifier, config: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  t = await createTestApp({
    ...config,
    channels: {
      test: remoteChannelTester(invoke),
      origin: createPublicOrigin("https://stellarr.example.com", "https://stellarr.example.com"),
    },
  });
  return t;
}

const test = (app: TestApp, name = "alice") => app.request(`/api/channels/${ID}/test`, { method: "POST", token: app.login(name) });

describe("channel test through the notifier", () => {
  it("answers the notifier's result with the embedded body, and its not-found as 404", async () => {
    const seen: { event: ChannelTestEvent; timeoutMs: number }[] = [];
    const last_delivery = { status: "failed", at: "2026-12-03T22:00:00.000Z", error: "ntfy: HTTP 500" };
    const app = await appWith(async (event, timeoutMs) => {
      seen.push({ event, timeoutMs });
      return event.test_channel.owner === "alice" ? { found: true, delivered: false, last_delivery } : { found: false };
    });
    const res = await test(app);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ delivered: false, last_delivery });
    expect((await test(app, "bob")).status).toBe(404);
    expect(seen[0]!.event).toEqual({ test_channel: { owner: "alice", id: ID, within_ms: seen[0]!.timeoutMs - REPLY_MARGIN_MS } });
  });

  it.each([
    ["timeout", 504, "notifier_timeout"],
    ["busy", 503, "notifier_busy"],
    ["failed", 502, "notifier_error"],
  ] as const)("the notifier unavailable (%s) is %i %s, logged without detail from the channel", async (kind, status, code) => {
    const app = await appWith(async () => {
      throw new ChannelTestUnavailableError(kind, `Lambda Invoke failed: ${kind}`);
    });
    const res = await test(app);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code });
    if (kind === "busy") expect(res.headers.get("retry-after")).toBe("5");
    expect(app.logger.lines.some((r) => r.msg === "channel test: notifier unavailable" && r.fields?.kind === kind)).toBe(true);
  });

  it("an answer that is no test result is 502, not a 500 or a made-up success", async () => {
    for (const reply of [
      null,
      "ok",
      { found: true },
      { found: true, delivered: true, last_delivery: { status: "sent", at: "x" } },
      { delivered: 0, failed: 0, duplicate: 0 },
    ]) {
      const app = await appWith(async () => reply);
      const res = await test(app);
      expect(res.status, JSON.stringify(reply)).toBe(502);
      expect(await res.json()).toMatchObject({ code: "notifier_error" });
      await app.close();
      t = undefined;
    }
  });

  it("a request with too little time left answers 504 without invoking", async () => {
    let invoked = 0;
    const app = await appWith(
      async () => {
        invoked++;
        return { found: false };
      },
      { config: { requestTimeoutSeconds: 2 } },
    );
    const res = await test(app);
    expect(res.status).toBe(504);
    expect(invoked).toBe(0);
  });

  it("without a tester (AWS without a notifier function) the test is 501", async () => {
    t = await createTestApp({});
    const res = await test(t);
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ code: "channels_not_configured" });
  });
});
