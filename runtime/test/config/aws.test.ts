import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAwsConfig } from "../../src/config/aws.js";
import { awsConfigSource } from "../../src/wiring/aws.js";
import { ConfigError } from "../../src/config/parse.js";
import { createSecretsManager } from "../../src/adapters/secrets/secrets-manager.js";
import { nullLogger } from "../../src/adapters/log/null-logger.js";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";

let sm: SecretsManagerFake;
beforeAll(async () => {
  sm = await startSecretsManagerFake();
});
afterAll(async () => {
  await sm?.close();
});

const SECRET = {
  APP_SECRET_KEY: "k".repeat(32),
  PRESHARED_PASSWORD: "hunter2-hunter2",
  TMDB_API_KEY: "tmdb-key",
  ORIGIN_VERIFY_SECRET: "origin-secret",
  BASE_URL: "https://stellarr.example.com",
  FEED_TOKEN: "feed-token",
};

const env = (over: Record<string, string | undefined> = {}) => ({
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "AKIDTEST",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_SESSION_TOKEN: "session",
  SECRET_ID: "stellarr/app",
  TABLE_NAME: "stellarr",
  TRUST_PROXY: "cloudfront",
  TRENDING_LOCALES: "en,fr",
  SECRETS_MANAGER_ENDPOINT: sm.url,
  ...over,
});

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
};

describe("AWS configuration", () => {
  it("merges plain env settings with the secret and validates in the aws shape", () => {
    const { config } = parseAwsConfig(env(), SECRET);
    expect(config.baseUrl).toBe("https://stellarr.example.com");
    expect(config.originVerifySecret).toBe("origin-secret");
    expect(config.trustProxy).toEqual({ mode: "cloudfront" });
    expect(config.trendingLocales).toEqual(["en", "fr"]);
    expect(config.feedToken).toBe("feed-token");
  });

  it("fails closed: no origin-verify secret, TMDB key or BASE_URL is an error naming the variable", () => {
    const { ORIGIN_VERIFY_SECRET: _o, TMDB_API_KEY: _t, BASE_URL: _b, ...rest } = SECRET;
    try {
      parseAwsConfig(env(), rest);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      expect(problems).toMatch(/ORIGIN_VERIFY_SECRET/);
      expect(problems).toMatch(/TMDB_API_KEY/);
      expect(problems).toMatch(/BASE_URL is required/);
    }
  });

  it("reads WEBHOOK_TOKEN from the secret, PLEX_WEBHOOK_TOKEN as its synonym, and refuses both with different values", () => {
    expect(parseAwsConfig(env(), { ...SECRET, WEBHOOK_TOKEN: "hook" }).config.webhookToken).toBe("hook");
    expect(parseAwsConfig(env(), { ...SECRET, PLEX_WEBHOOK_TOKEN: "old" }).config.webhookToken).toBe("old");
    expect(() => parseAwsConfig(env(), { ...SECRET, WEBHOOK_TOKEN: "a", PLEX_WEBHOOK_TOKEN: "b" })).toThrow(
      /WEBHOOK_TOKEN and PLEX_WEBHOOK_TOKEN/,
    );
  });

  it("never takes secrets from the Lambda environment", () => {
    const { ORIGIN_VERIFY_SECRET: _o, ...rest } = SECRET;
    expect(() => parseAwsConfig(env({ ORIGIN_VERIFY_SECRET: "from-env" }), rest)).toThrow(/ORIGIN_VERIFY_SECRET/);
    const { config, ignored } = parseAwsConfig(env({ PRESHARED_PASSWORD: "env-password" }), SECRET);
    expect(config.presharedPassword).toBe("hunter2-hunter2");
    expect(ignored).toEqual(["PRESHARED_PASSWORD"]);
  });

  it("names every missing plain setting before any network call", () => {
    expect(() => awsConfigSource({ env: { SECRET_ID: "" }, logger: nullLogger, need: { table: true, bucket: true } })).toThrow(
      /AWS_REGION is required[\s\S]*AWS_ACCESS_KEY_ID[\s\S]*SECRET_ID is required[\s\S]*TABLE_NAME is required[\s\S]*TRENDING_BUCKET is required/,
    );
  });

  it("fetches the secret once per container and again after the TTL; rotation yields a new version", async () => {
    sm.put("ttl-test", SECRET);
    const c = clock();
    const source = awsConfigSource({ env: env({ SECRET_ID: "ttl-test" }), logger: nullLogger, clock: c, ttlMs: 60_000 });
    const before = sm.calls.filter((id) => id === "ttl-test").length;
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect(a).toBe(b);
    await source.get();
    expect(sm.calls.filter((id) => id === "ttl-test").length - before).toBe(1);

    c.advance(61_000);
    const same = await source.get();
    expect(same).toBe(a); // unchanged content: same object, nothing to rebuild
    expect(sm.calls.filter((id) => id === "ttl-test").length - before).toBe(2);

    sm.put("ttl-test", { ...SECRET, PRESHARED_PASSWORD: "rotated-password" });
    c.advance(61_000);
    const rotated = await source.get();
    expect(rotated.version).not.toBe(a.version);
    expect(rotated.config.presharedPassword).toBe("rotated-password");
  });

  it("by default, a changed password reaches a warm container within 5 minutes (as the docs say), not before", async () => {
    sm.put("default-ttl", SECRET);
    const c = clock();
    const source = awsConfigSource({ env: env({ SECRET_ID: "default-ttl" }), logger: nullLogger, clock: c });
    expect((await source.get()).config.presharedPassword).toBe(SECRET.PRESHARED_PASSWORD);
    sm.put("default-ttl", { ...SECRET, PRESHARED_PASSWORD: "rotated-password" });
    c.advance(5 * 60_000 - 1);
    expect((await source.get()).config.presharedPassword).toBe(SECRET.PRESHARED_PASSWORD);
    c.advance(1);
    expect((await source.get()).config.presharedPassword).toBe("rotated-password");
  });

  it("uses a read already in flight for its first load only (the Lambda entry's early read); later loads read again", async () => {
    sm.put("first-read", SECRET);
    const c = clock();
    const reads = () => sm.calls.filter((id) => id === "first-read").length;
    const before = reads();
    const early = createSecretsManager({
      region: "eu-west-1",
      endpoint: sm.url,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "s" },
    });
    const firstRead = early.getSecretJson("first-read");
    const source = awsConfigSource({ env: env({ SECRET_ID: "first-read" }), logger: nullLogger, clock: c, ttlMs: 60_000, firstRead });
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect(a).toBe(b);
    expect(a.config.presharedPassword).toBe(SECRET.PRESHARED_PASSWORD);
    expect(reads() - before).toBe(1);
    sm.put("first-read", { ...SECRET, PRESHARED_PASSWORD: "rotated-password" });
    c.advance(61_000);
    expect((await source.get()).config.presharedPassword).toBe("rotated-password");
    expect(reads() - before).toBe(2);
  });

  it("fails the first load with a failed early read and reads again on the next", async () => {
    const c = clock();
    const firstRead = Promise.reject(new Error("connect ECONNREFUSED"));
    firstRead.catch(() => undefined);
    sm.put("early-failed", SECRET);
    const source = awsConfigSource({ env: env({ SECRET_ID: "early-failed" }), logger: nullLogger, clock: c, firstRead });
    await expect(source.get()).rejects.toThrow(/ECONNREFUSED/);
    expect((await source.get()).config.presharedPassword).toBe(SECRET.PRESHARED_PASSWORD);
    expect(sm.calls.filter((id) => id === "early-failed")).toHaveLength(1);
  });

  it("keeps the last good configuration when a refresh fails, fails the first load", async () => {
    sm.put("flaky", SECRET);
    const c = clock();
    const source = awsConfigSource({ env: env({ SECRET_ID: "flaky" }), logger: nullLogger, clock: c, ttlMs: 60_000 });
    const good = await source.get();
    sm.put("flaky", "not json");
    c.advance(61_000);
    expect(await source.get()).toBe(good);

    const missing = awsConfigSource({ env: env({ SECRET_ID: "nope" }), logger: nullLogger, clock: c });
    await expect(missing.get()).rejects.toThrow(/HTTP 400 ResourceNotFoundException/);
  });

  it("rejects unsigned-looking requests (wrong key) and non-object secrets", async () => {
    const wrong = createSecretsManager({
      region: "eu-west-1",
      endpoint: sm.url,
      credentials: { accessKeyId: "OTHER", secretAccessKey: "x" },
    });
    await expect(wrong.getSecretJson("stellarr/app")).rejects.toThrow(/UnrecognizedClientException/);
    sm.put("array", "[1,2]");
    const ok = createSecretsManager({
      region: "eu-west-1",
      endpoint: sm.url,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "x" },
    });
    await expect(ok.getSecretJson("array")).rejects.toThrow(/not a JSON object/);
  });
});
