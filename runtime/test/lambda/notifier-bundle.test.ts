/**
 * The BUILT notifier bundle (dist/lambda/notifier/index.mjs) in a child `node` process, as Lambda
 * runs it, against dynalite and the ntfy / Discord / webhook fakes: a channel job reaches the
 * household channels and the personal channels of requester and followers once; the same job again
 * (Lambda's retry, or the sync after the webhook) sends nothing more; a channel still failing after
 * the invocation's attempts makes the handler throw so Lambda retries, and the retry delivers only
 * what is missing; a malformed event is dropped without a throw. Senders load lazily.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynaliteStore, TEST_CREDENTIALS, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { startDiscord, type DiscordFake, type DiscordWebhook } from "@stellarr/testkit/fakes/discord";
import { startNtfy, type NtfyFake } from "@stellarr/testkit/fakes/ntfy";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { startWebhookReceiver, type WebhookReceiverFake } from "@stellarr/testkit/fakes/webhook-receiver";
import { serializeSpec } from "../../src/domain/notify/channel.js";
import type { NotifierResult } from "../../src/wiring/lambda-notifier.js";
import { awsFakesEnv, copyBundle, startBundleProcess, type BundleProcess } from "./bundle-process.js";

let ntfy: NtfyFake;
let discord: DiscordFake;
let receiver: WebhookReceiverFake;
let sm: SecretsManagerFake;
let table: DynaliteTable;
let bundle: Awaited<ReturnType<typeof copyBundle>>;
let proc: BundleProcess;
let caDir: string;
let bobHook: DiscordWebhook;
let householdHook: string;

const job = {
  fulfilment: { media_type: "movie", tmdb_id: 603, title: "The Matrix", year: 1999, poster_path: "/p.jpg", requested_by: "alice" },
  followers: ["bob"],
};

beforeAll(async () => {
  [ntfy, discord, receiver, sm, table, bundle] = await Promise.all([
    startNtfy(),
    startDiscord({ rateLimit: false }),
    startWebhookReceiver(),
    startSecretsManagerFake({ accessKeyId: TEST_CREDENTIALS.accessKeyId }),
    createDynaliteStore(),
    copyBundle("notifier"),
  ]);
  caDir = await mkdtemp(join(tmpdir(), "stellarr-ca-"));
  const caFile = join(caDir, "ca.pem");
  await writeFile(caFile, [ntfy.ca, discord.ca, receiver.ca].join("\n"));
  householdHook = receiver.createEndpoint("household-secret-0123456789");
  bobHook = discord.createWebhook();
  sm.put("stellarr/app", {
    APP_SECRET_KEY: "notifier-test-secret-key-0123456789",
    PRESHARED_PASSWORD: "pw-pw-pw-pw-pw",
    TMDB_API_KEY: "tmdb",
    ORIGIN_VERIFY_SECRET: "origin",
    BASE_URL: "https://stellarr.example.com",
    NOTIFY_URLS: `ntfy://${new URL(ntfy.origin).host}/household,${householdHook}`,
    NOTIFY_WEBHOOK_SECRET: "household-secret-0123456789",
    NOTIFY_LOCALE: "de",
  });
  await table.store.putChannel({
    id: "ch_bob",
    owner: "bob",
    spec: serializeSpec({ type: "discord", url: bobHook.url }),
    locale: "fr",
    created_at: new Date().toISOString(),
  });
  proc = await startBundleProcess(bundle.dir, {
    ...awsFakesEnv(sm.url, { tableName: table.options.tableName, endpoint: table.options.endpoint! }),
    // The fakes listen on 127.0.0.1 with their own certificates.
    ALLOW_PRIVATE_ENDPOINTS: "true",
    NODE_EXTRA_CA_CERTS: caFile,
  });
});

afterAll(async () => {
  await proc?.close();
  await Promise.all([ntfy?.close(), discord?.close(), receiver?.close(), sm?.close(), table?.cleanup(), bundle?.cleanup()]);
  await rm(caDir, { recursive: true, force: true });
});

describe("notifier Lambda bundle", () => {
  it("delivers a job to household and personal channels once, in their languages, and records last deliveries", async () => {
    const { result, loaded } = await proc.invoke<NotifierResult>(job);
    expect(result).toEqual({ delivered: 3, failed: 0, duplicate: 0 });
    expect(ntfy.published).toHaveLength(1);
    expect(ntfy.published[0]).toMatchObject({
      topic: "household",
      title: "Film verfügbar",
      click: expect.stringMatching(/^https:\/\/stellarr\.example\.com\//),
    });
    expect(discord.executed.filter((e) => e.webhookId === bobHook.id)).toHaveLength(1);
    expect(JSON.stringify(discord.executed[0]!.body)).toContain("Film disponible");
    expect(receiver.received.filter((r) => r.endpoint === householdHook)).toHaveLength(1);
    expect(receiver.received[0]!.body).toMatchObject({ requested_by: "alice", followers: ["bob"], tmdb_id: 603 });
    expect(loaded.some((f) => /^chunks\/(ntfy|discord|webhook)-/.test(f))).toBe(true);
    expect((await table.store.lastDeliveries(["ch_bob"]))[0]).toMatchObject({ status: "ok" });

    // Lambda's retry of the same event, or the sync after the webhook: nothing is sent twice.
    expect((await proc.invoke<NotifierResult>(job)).result).toEqual({ delivered: 0, failed: 0, duplicate: 3 });
    expect(ntfy.published).toHaveLength(1);
    for (const line of proc.logs) expect(line).not.toContain(bobHook.token);
  });

  it("throws while a channel keeps failing, so Lambda retries; the retry sends only what is missing", async () => {
    const show = { ...job, fulfilment: { ...job.fulfilment, media_type: "tv", tmdb_id: 1396, title: "Breaking Bad" } };
    const ntfyBefore = ntfy.published.length;
    receiver.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(proc.invoke(show)).rejects.toThrow(/deferred/);
    expect(ntfy.published.length - ntfyBefore).toBe(1);

    const retried = await proc.invoke<NotifierResult>(show);
    expect(retried.result).toEqual({ delivered: 1, failed: 0, duplicate: 2 });
    expect(ntfy.published.length - ntfyBefore).toBe(1);
    expect(receiver.received.filter((r) => r.endpoint === householdHook && (r.body as { tmdb_id: number }).tmdb_id === 1396)).toHaveLength(
      1,
    );
  });

  it("drops a malformed event without throwing (Lambda would repeat it)", async () => {
    for (const event of [{}, { fulfilment: { media_type: "book", tmdb_id: 1 }, followers: [] }, "x", null]) {
      expect((await proc.invoke<NotifierResult>(event)).result).toEqual({ delivered: 0, failed: 0, duplicate: 0 });
    }
  });
});
