import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTvdbLookup } from "../../../src/adapters/lookup/tvdb.js";
import { UpstreamError } from "../../../src/ports/catalogue.js";
import { startTvdbFake, type TvdbFake } from "@stellarr/testkit/fakes/tvdb";

describe("createTvdbLookup against the TheTVDB fake", () => {
  let fake: TvdbFake;
  beforeEach(async () => {
    fake = await startTvdbFake();
  });
  afterEach(async () => fake.close());

  it("logs in once and reuses the token", async () => {
    const lookup = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: fake.url });
    expect(await lookup.episodeSeriesId(8031280)).toBe(353546);
    expect(await lookup.episodeSeriesId(4185563)).toBe(94571);
    expect(fake.logins()).toBe(1);
    expect(fake.calls.filter((c) => c.path.startsWith("/episodes")).every((c) => c.authorized)).toBe(true);
  });

  it("concurrent first calls share one login", async () => {
    const lookup = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: fake.url });
    const ids = await Promise.all([8031280, 4185563, 8031280, 4185563].map((id) => lookup.episodeSeriesId(id)));
    expect(ids).toEqual([353546, 94571, 353546, 94571]);
    expect(fake.logins()).toBe(1);
  });

  it("refreshes the token on a 401 and retries once", async () => {
    const lookup = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: fake.url });
    await lookup.episodeSeriesId(8031280);
    fake.revokeTokens();
    expect(await lookup.episodeSeriesId(8031280)).toBe(353546);
    expect(fake.logins()).toBe(2);
  });

  it("refreshes a token older than 25 days before using it", async () => {
    let now = 0;
    const lookup = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: fake.url, now: () => now });
    await lookup.episodeSeriesId(8031280);
    now += 26 * 24 * 3600 * 1000;
    await lookup.episodeSeriesId(8031280);
    expect(fake.logins()).toBe(2);
    expect(fake.calls.filter((c) => c.status === 401)).toHaveLength(0);
  });

  it("unknown episode → null; invalid ids → null without a call", async () => {
    const lookup = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: fake.url });
    expect(await lookup.episodeSeriesId(1)).toBeNull();
    const before = fake.calls.length;
    expect(await lookup.episodeSeriesId(-3)).toBeNull();
    expect(fake.calls.length).toBe(before);
  });

  it("a wrong key, server errors and an unreachable host are UpstreamErrors without secrets", async () => {
    const wrong = createTvdbLookup({ apiKey: "nope-secret", baseUrl: fake.url });
    const err = await wrong.episodeSeriesId(8031280).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(String(err.message)).not.toContain("nope-secret");
    expect(String(err.message)).not.toContain("127.0.0.1");

    const lookup = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: fake.url });
    fake.failNext("/episodes", 503);
    await expect(lookup.episodeSeriesId(8031280)).rejects.toBeInstanceOf(UpstreamError);
    expect(await lookup.episodeSeriesId(8031280)).toBe(353546);

    const down = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: "http://127.0.0.1:9/v4", timeoutMs: 2000 });
    await expect(down.episodeSeriesId(8031280)).rejects.toBeInstanceOf(UpstreamError);
  });

  it("a second 401 after a fresh login is an error, not a loop", async () => {
    const lookup = createTvdbLookup({ apiKey: fake.apiKey, baseUrl: fake.url });
    fake.failNext("/episodes", 401, 2);
    await expect(lookup.episodeSeriesId(8031280)).rejects.toBeInstanceOf(UpstreamError);
    expect(fake.logins()).toBe(2);
  });
});
