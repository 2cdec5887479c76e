import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFactories } from "@stellarr/testkit/stores";
import { catalogueTestEnv, jsonOf, type CatalogueTestEnv } from "../support/catalogue-env.js";

describe.each(storeFactories)("POST /api/search ($name)", (factory) => {
  let env: CatalogueTestEnv;
  beforeEach(async () => {
    env = await catalogueTestEnv(factory);
  });
  afterEach(() => env.close());

  const search = (json: unknown, token: string | null = env.token) =>
    env.t.request("/api/search", { method: "POST", json, token: token ?? undefined });

  it("returns movies and shows with flags and season counts", async () => {
    await env.t.store.upsertLibrary("tv", [{ tmdb_id: 1399, tvdb_id: 121361, title: "Game of Thrones" }], env.t.clock.now());
    const created = await env.t.request("/api/request", { json: { tmdb_id: 1396, media_type: "tv" }, token: env.token });
    expect(created.status).toBe(201);
    env.fake.reset();

    const res = await search({ query: "breaking" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await jsonOf(res);
    expect(body).toMatchObject({ page: 1, total_pages: expect.any(Number), total_results: expect.any(Number) });
    const bb = body.results.find((r: any) => r.id === 1396);
    expect(bb).toEqual({
      id: 1396,
      title: "Breaking Bad",
      year: 2008,
      overview: expect.any(String),
      poster_path: expect.stringMatching(/^\/.+\.jpg$/),
      media_type: "tv",
      vote_average: expect.any(Number),
      requested: true,
      in_library: false,
      number_of_seasons: 5,
      season_numbers: [0, 1, 2, 3, 4, 5],
    });
    const got = await jsonOf(await search({ query: "game thrones", media_type: "tv" }));
    expect(got.results[0]).toMatchObject({ id: 1399, in_library: true, requested: false, number_of_seasons: 8 });
  });

  it("uses one batched store read per page", async () => {
    const before = env.t.store.stats.roundTrips;
    const body = await jsonOf(await search({ query: "the" }));
    expect(body.results.length).toBe(20);
    expect(env.t.store.stats.roundTrips - before).toBe(1);
  });

  it("drops persons and collections, and gives every show a season count and every movie null", async () => {
    const body = await jsonOf(await search({ query: "matrix" }));
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect(["movie", "tv"]).toContain(r.media_type);
    expect(body.results.every((r: any) => r.number_of_seasons === null && r.season_numbers === null)).toBe(true);
    const shows = await jsonOf(await search({ query: "star", media_type: "tv" }));
    expect(shows.results.length).toBeGreaterThan(0);
    for (const r of shows.results) {
      expect(r.number_of_seasons).toBeGreaterThanOrEqual(1);
      expect(r.season_numbers).toEqual(expect.arrayContaining([1]));
    }
  });

  it("lists exactly the season numbers POST /api/request accepts: specials (0) only when TMDB has them", async () => {
    const show = async (query: string, id: number) =>
      (await jsonOf(await search({ query, media_type: "tv" }))).results.find((r: any) => r.id === id);
    const request = (tmdb_id: number, seasons: number[]) =>
      env.t.request("/api/request", { method: "POST", json: { tmdb_id, media_type: "tv", seasons }, token: env.token });
    // Breaking Bad: TMDB lists specials and seasons 1–5; Bluey: seasons 1–3, no specials.
    const bb = await show("breaking bad", 1396);
    const bluey = await show("bluey", 82728);
    expect(bb.season_numbers).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bluey.season_numbers).toEqual([1, 2, 3]);
    // The season list is what TMDB's details list, one details call per show (cached afterwards).
    const tmdbSeasons = (await (await fetch(`${env.fake.url}/tv/82728?api_key=${env.fake.apiKey}`)).json()).seasons.map(
      (s: { season_number: number }) => s.season_number,
    );
    expect(bluey.season_numbers).toEqual(tmdbSeasons);
    // What is not listed is refused (so the picker never offers it)…
    expect((await request(82728, [0])).status).toBe(422);
    expect((await request(82728, [bluey.season_numbers.at(-1) + 1])).status).toBe(422);
    // …and every listed number is accepted, specials included when listed.
    for (const r of [bb, bluey]) {
      const res = await request(r.id, r.season_numbers);
      expect(res.status).toBe(201);
      expect((await jsonOf(res)).request.seasons).toEqual({ all: false, seasons: r.season_numbers });
    }
  });

  it("passes page and language to TMDB with include_adult=false", async () => {
    await search({ query: "the", media_type: "movie", page: 2, language: "de-DE" });
    expect(env.fake.callsTo("/search/")[0]).toMatchObject({
      path: "/search/movie",
      query: { query: "the", page: "2", language: "de-DE", include_adult: "false" },
    });
  });

  it("reports the season count as null when TMDB details fail, without failing the search", async () => {
    env.fake.failNext("/tv/1396", 500);
    const body = await jsonOf(await search({ query: "breaking bad", media_type: "tv" }));
    expect(body.results.find((r: any) => r.id === 1396)).toMatchObject({ number_of_seasons: null, season_numbers: null });
  });

  it("answers 502 without the key or URL when TMDB fails", async () => {
    env.fake.failNext("/search/multi", 500);
    const res = await search({ query: "x" });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ detail: expect.any(String), code: "upstream_error" });
    expect(text).not.toContain(env.fake.apiKey);
    expect(text).not.toContain("127.0.0.1");
    expect(JSON.stringify(env.t.logger.lines)).not.toContain(env.fake.apiKey);
  });

  it("answers 504 when TMDB times out", async () => {
    await env.close();
    env = await catalogueTestEnv(factory, {
      catalogue: (fake) => {
        fake.delayNext("/search/multi", 1500);
        return createSlowCatalogue(fake);
      },
    });
    const res = await search({ query: "x" });
    expect(res.status).toBe(504);
    expect(await jsonOf(res)).toMatchObject({ code: "upstream_timeout" });
  });

  it("passes on TMDB's rate limit as 502 with Retry-After when it persists", async () => {
    env.fake.failNext("/search/multi", 429, { "retry-after": "30" }, { times: 10 });
    const res = await search({ query: "x" });
    expect(res.status).toBe(502);
    expect(res.headers.get("retry-after")).toBe("30");
  });

  it("validates the body", async () => {
    for (const bad of [
      {},
      { query: "" },
      { query: "   " },
      { query: "x".repeat(201) },
      { query: 5 },
      { query: "x", media_type: "person" },
      { query: "x", page: 0 },
      { query: "x", page: 501 },
      { query: "x", page: 1.5 },
      { query: "x", language: "en_US!" },
    ]) {
      const res = await search(bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(await jsonOf(res)).toMatchObject({ code: "validation_failed", errors: expect.any(Array) });
    }
    expect((await search({ query: "x", media_type: null })).status).toBe(200);
    const notJson = await env.t.request("/api/search", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
      token: env.token,
    });
    expect(notJson.status).toBe(400);
    const wrongType = await env.t.request("/api/search", {
      method: "POST",
      body: "query=x",
      headers: { "content-type": "text/plain" },
      token: env.token,
    });
    expect(wrongType.status).toBe(415);
  });

  it("requires a session", async () => {
    expect((await search({ query: "x" }, null)).status).toBe(401);
    expect((await search({ query: "x" }, "garbage.token.here")).status).toBe(401);
  });

  it("is rate-limited per name", async () => {
    await env.close();
    env = await catalogueTestEnv(factory, { config: { apiRateLimitPerMinute: 2 } });
    expect((await search({ query: "a" })).status).toBe(200);
    expect((await search({ query: "b" })).status).toBe(200);
    const limited = await search({ query: "c" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await search({ query: "c" }, env.t.login("bob"))).status).toBe(200);
  });
});

import { createTmdbCatalogue } from "../../src/adapters/catalogue/tmdb/index.js";
import { nullLogger } from "../../src/adapters/log/null-logger.js";
import type { TmdbFake } from "@stellarr/testkit/fakes/tmdb";
const createSlowCatalogue = (fake: TmdbFake) =>
  createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: fake.url, logger: nullLogger, timeoutMs: 300 });
