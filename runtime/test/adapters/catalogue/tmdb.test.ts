import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTmdbCatalogue } from "../../../src/adapters/catalogue/tmdb/index.js";
import { retryAfterSeconds } from "../../../src/adapters/catalogue/tmdb/http.js";
import { UpstreamError } from "../../../src/ports/catalogue.js";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { recordingLogger } from "@stellarr/testkit/logger";
import { testClock } from "@stellarr/testkit/clock";
import { deadlineAt, withDeadline } from "../../../src/lib/deadline.js";

let fake: TmdbFake;
beforeAll(async () => {
  fake = await startTmdbFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const make = (extra: Partial<Parameters<typeof createTmdbCatalogue>[0]> = {}) =>
  createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: fake.url, logger: recordingLogger(), ...extra });

async function upstreamError(p: Promise<unknown>): Promise<UpstreamError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe("createTmdbCatalogue against the TMDB fake", () => {
  it("searches /search/multi with include_adult=false and the language, keeping only movies and shows", async () => {
    const cat = make();
    const page = await cat.search({ query: "matrix", page: 1, language: "fr-FR" });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({
      path: "/search/multi",
      query: { query: "matrix", page: "1", include_adult: "false", language: "fr-FR" },
    });
    expect(page.results.map((r) => r.id)).toEqual(expect.arrayContaining([603, 604, 605]));
    // The fake puts a collection in these results; it never leaves the adapter.
    expect(page.results.every((r) => r.media_type === "movie" || r.media_type === "tv")).toBe(true);
    expect(page.results.find((r) => r.id === 603)).toMatchObject({
      title: "The Matrix",
      year: 1999,
      overview: expect.stringMatching(/^\[fr-FR\] /),
    });
  });

  it("drops persons from multi search", async () => {
    const page = await make().search({ query: "keanu", page: 1, language: "en-US" });
    expect(page.results).toEqual([]);
  });

  it("uses /search/movie and /search/tv for a media type, with paging", async () => {
    const cat = make();
    const tv = await cat.search({ query: "breaking", media_type: "tv", page: 1, language: "en-US" });
    expect(fake.calls[0]!.path).toBe("/search/tv");
    expect(tv.results[0]).toMatchObject({ id: 1396, media_type: "tv", title: "Breaking Bad", year: 2008 });
    const p2 = await cat.search({ query: "the", media_type: "movie", page: 2, language: "en-US" });
    expect(fake.calls[1]).toMatchObject({ path: "/search/movie", query: { page: "2" } });
    expect(p2.page).toBe(2);
    expect(p2.total_pages).toBeGreaterThan(2);
    expect(p2.results).toHaveLength(20);
  });

  it("names a title-less movie Unknown with a null year", async () => {
    const d = await make().details("movie", 900001);
    expect(d).toMatchObject({ title: "Unknown", year: null, imdb_id: null });
  });

  it("fetches details with external ids in one call, and caches them", async () => {
    const cat = make();
    const d = await cat.details("tv", 1396);
    expect(d).toMatchObject({
      id: 1396,
      media_type: "tv",
      title: "Breaking Bad",
      imdb_id: "tt0903747",
      tvdb_id: 81189,
      number_of_seasons: 5,
    });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ path: "/tv/1396", query: { append_to_response: "external_ids" } });
    await cat.details("tv", 1396);
    expect(fake.calls).toHaveLength(1);
  });

  it("details carry the season list and the routing facts", async () => {
    const cat = make();
    const bb = await cat.details("tv", 1396);
    expect(bb!.seasons!.map((s) => s.season_number)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await cat.details("movie", 129)).toMatchObject({
      seasons: null,
      genre_ids: [16],
      original_language: "ja",
      origin_country: ["JP"],
    });
  });

  it("expires cached details after the TTL", async () => {
    const clock = testClock();
    const cat = make({ clock, detailsTtlMs: 60_000 });
    await cat.details("movie", 603);
    clock.advance(59_000);
    await cat.details("movie", 603);
    expect(fake.calls).toHaveLength(1);
    clock.advance(2_000);
    await cat.details("movie", 603);
    expect(fake.calls).toHaveLength(2);
  });

  it("returns null for an unknown id", async () => {
    expect(await make().details("movie", 999_999_999)).toBeNull();
    expect(await make().details("tv", 603)).toBeNull();
  });

  it("single-flights identical concurrent calls", async () => {
    const cat = make();
    fake.delayNext("/movie/27205", 100);
    const all = await Promise.all(Array.from({ length: 50 }, () => cat.details("movie", 27205)));
    expect(new Set(all.map((d) => d?.imdb_id))).toEqual(new Set(["tt1375666"]));
    expect(fake.callsTo("/movie/27205")).toHaveLength(1);
    fake.delayNext("/search/multi", 100);
    await Promise.all(Array.from({ length: 10 }, () => cat.search({ query: "dune", page: 1, language: "en-US" })));
    expect(fake.callsTo("/search/multi")).toHaveLength(1);
  });

  it("bounds the number of requests in flight", async () => {
    const ids = [603, 550, 278, 238, 155, 680, 13, 27205];
    fake.setLatency(40);
    try {
      await Promise.all(ids.map((id) => make({ maxConcurrency: 100 }).details("movie", id)));
      expect(fake.maxInFlight()).toBeGreaterThan(3); // the fake does see parallel calls…
      fake.reset();
      const cat = make({ maxConcurrency: 3 });
      await Promise.all(ids.map((id) => cat.details("movie", id)));
      expect(fake.calls).toHaveLength(ids.length);
      expect(fake.maxInFlight()).toBeLessThanOrEqual(3); // …and the limiter holds them to 3
    } finally {
      fake.setLatency(0);
    }
  });

  it("passes the language through to details and trending", async () => {
    const cat = make();
    const d = await cat.details("movie", 603, "de-DE");
    expect(d!.overview).toMatch(/^\[de-DE\] /);
    expect(fake.calls[0]!.query.language).toBe("de-DE");
    await cat.trending("movie", 1, "es");
    expect(fake.calls[1]).toMatchObject({ path: "/trending/movie/week", query: { page: "1", language: "es" } });
  });

  it("reads trending pages without persons", async () => {
    const items = await make().trending("all", 1, "en-US");
    expect(items.length).toBeGreaterThan(10);
    expect(items.length).toBeLessThan(20);
    expect(new Set(items.map((i) => i.media_type))).toEqual(new Set(["movie", "tv"]));
  });

  it("finds shows by an episode's TVDB id and titles by IMDb id", async () => {
    const cat = make();
    expect(await cat.find("8031280", "tvdb_id")).toEqual({ movie_ids: [], tv_ids: [], episode_show_ids: [82728] });
    expect(await cat.find("81189", "tvdb_id")).toEqual({ movie_ids: [], tv_ids: [1396], episode_show_ids: [] });
    expect(await cat.find("tt0133093", "imdb_id")).toEqual({ movie_ids: [603], tv_ids: [], episode_show_ids: [] });
    expect(fake.calls[0]).toMatchObject({ path: "/find/8031280", query: { external_source: "tvdb_id" } });
  });

  it("retries a 429 after Retry-After and succeeds", async () => {
    const sleeps: number[] = [];
    const cat = make({ sleep: async (ms) => void sleeps.push(ms) });
    fake.failNext("/movie/603", 429, { "retry-after": "1" });
    const d = await cat.details("movie", 603);
    expect(d?.title).toBe("The Matrix");
    expect(fake.callsTo("/movie/603").map((c) => c.status)).toEqual([429, 200]);
    expect(sleeps).toEqual([1000]);
  });

  it("gives up after bounded 429 retries, carrying Retry-After", async () => {
    const cat = make({ maxRetries: 2, sleep: async () => {} });
    fake.failNext("/movie/603", 429, { "retry-after": "2" }, { times: 5 });
    const err = await upstreamError(cat.details("movie", 603));
    expect(err.kind).toBe("error");
    expect(err.retryAfterSeconds).toBe(2);
    expect(fake.callsTo("/movie/603")).toHaveLength(3);
  });

  it("does not wait for a Retry-After beyond the bound", async () => {
    const sleeps: number[] = [];
    const cat = make({ maxRetryAfterSeconds: 5, sleep: async (ms) => void sleeps.push(ms) });
    fake.failNext("/search/multi", 429, { "retry-after": "120" });
    const err = await upstreamError(cat.search({ query: "x", page: 1, language: "en-US" }));
    expect(err.retryAfterSeconds).toBe(120);
    expect(sleeps).toEqual([]);
  });

  it("waits for a 429's Retry-After only when the wait and another attempt fit before the deadline", async () => {
    const sleeps: number[] = [];
    const cat = make({ sleep: async (ms) => void sleeps.push(ms) });
    // 10 s is within the adapter's own bound, not within the 3 s the request has left.
    fake.failNext("/movie/603", 429, { "retry-after": "10" }, { times: 5 });
    let now = 1_000_000;
    const err = await upstreamError(
      withDeadline(
        deadlineAt(now + 3_000, () => now),
        () => cat.details("movie", 603),
      ),
    );
    expect(err.kind).toBe("error");
    expect(err.retryAfterSeconds).toBe(10);
    expect(sleeps).toEqual([]);
    expect(fake.callsTo("/movie/603")).toHaveLength(1);
    // With time enough, the same answer is waited for.
    fake.reset();
    fake.failNext("/movie/604", 429, { "retry-after": "10" });
    now = 2_000_000;
    await withDeadline(
      deadlineAt(now + 11_000, () => now),
      () => cat.details("movie", 604),
    );
    expect(sleeps).toEqual([10_000]);
  });

  it("asks nothing once the deadline has passed, and ends a slow answer at the deadline as a timeout", async () => {
    const cat = make();
    const passed = await upstreamError(withDeadline(deadlineAt(Date.now() - 1), () => cat.details("movie", 603)));
    expect(passed.kind).toBe("timeout");
    expect(fake.calls).toEqual([]);
    fake.delayNext("/movie/550", 5_000);
    const slow = await upstreamError(withDeadline(deadlineAt(Date.now() + 300), () => cat.details("movie", 550)));
    expect(slow.kind).toBe("timeout"); // the adapter's own limit is 8 s
  });

  it("ends a wait for a concurrency slot at the deadline, without asking TMDB", async () => {
    const cat = make({ maxConcurrency: 1 });
    fake.delayNext("/movie/550", 1_000);
    let busyDone = false;
    const busy = cat.details("movie", 550).finally(() => (busyDone = true));
    const queued = await upstreamError(withDeadline(deadlineAt(Date.now() + 100), () => cat.details("movie", 603)));
    expect(queued.kind).toBe("timeout");
    expect(busyDone).toBe(false); // it did not wait for the slot to free up
    await busy;
    expect(fake.callsTo("/movie/603")).toEqual([]);
  });

  it("a caller that joined a flight its starter's deadline ended asks TMDB again under its own", async () => {
    const cat = make();
    fake.delayNext("/movie/550", 2_000);
    const starter = upstreamError(withDeadline(deadlineAt(Date.now() + 200), () => cat.details("movie", 550)));
    const joiner = withDeadline(deadlineAt(Date.now() + 10_000), () => cat.details("movie", 550));
    expect((await starter).kind).toBe("timeout");
    expect((await joiner)?.id).toBe(550);
    expect(fake.callsTo("/movie/550")).toHaveLength(2);
  });

  it("turns 500s, 401s and timeouts into UpstreamErrors that never mention the key or URL", async () => {
    const cat = make({ timeoutMs: 200 });
    fake.failNext("/movie/603", 500);
    const e500 = await upstreamError(cat.details("movie", 603));
    expect(e500.kind).toBe("error");
    fake.delayNext("/movie/550", 2000);
    const eTimeout = await upstreamError(cat.details("movie", 550));
    expect(eTimeout.kind).toBe("timeout");
    const wrongKey = createTmdbCatalogue({ apiKey: "wrong-key-123", baseUrl: fake.url, logger: recordingLogger() });
    const e401 = await upstreamError(wrongKey.details("movie", 603));
    const closed = createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: "http://127.0.0.1:1/3", logger: recordingLogger() });
    const eConn = await upstreamError(closed.search({ query: "x", page: 1, language: "en-US" }));
    for (const e of [e500, eTimeout, e401, eConn]) {
      const text = `${e.message} ${String(e.cause ?? "")} ${e.stack ?? ""}`;
      expect(text).not.toContain(fake.apiKey);
      expect(text).not.toContain("wrong-key-123");
      expect(text).not.toContain("127.0.0.1");
      expect(text).not.toContain("api_key");
    }
  });

  it("reuses keep-alive connections across calls", async () => {
    const cat = make();
    const before = fake.connections();
    for (const id of [603, 550, 278, 238, 155]) await cat.details("movie", id);
    await cat.details("movie", 424242424); // a 404 body must be drained too
    await cat.search({ query: "star", page: 1, language: "en-US" });
    // Node's fetch (undici) pools sockets per origin; sequential calls ride one connection.
    expect(fake.connections() - before).toBeLessThanOrEqual(1);
  });
});

describe("createTmdbCatalogue with an injected fetch", () => {
  it("parses a real /search/movie payload and sends the key only as api_key", async () => {
    const { readFileSync } = await import("node:fs");
    let body = readFileSync(new URL("../../fixtures/tmdb/search_movie_response.json", import.meta.url), "utf8");
    const seen: string[] = [];
    const cat = createTmdbCatalogue({
      apiKey: "k3y",
      baseUrl: "https://api.themoviedb.org/3/",
      logger: recordingLogger(),
      fetch: (async (input: RequestInfo | URL) => {
        seen.push(String(input));
        return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
      }) as typeof fetch,
    });
    const page = await cat.search({ query: "batman begins", media_type: "movie", page: 1, language: "en-US" });
    expect(page).toMatchObject({ page: 1, total_pages: 1, total_results: 2 });
    body = body.replace('"total_pages": 1', '"total_pages": 1000');
    expect((await cat.search({ query: "batman", page: 1, language: "en-US" })).total_pages).toBe(500);
    expect(page.results.map((r) => [r.id, r.media_type, r.year])).toEqual([
      [272, "movie", 2005],
      [498471, "movie", 1992],
    ]);
    const url = new URL(seen[0]!);
    expect(url.origin + url.pathname).toBe("https://api.themoviedb.org/3/search/movie");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      api_key: "k3y",
      include_adult: "false",
      language: "en-US",
      page: "1",
      query: "batman begins",
    });
  });
});

describe("retryAfterSeconds", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterSeconds("3")).toBe(3);
    expect(retryAfterSeconds(null)).toBe(1);
    expect(retryAfterSeconds("garbage")).toBe(1);
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(retryAfterSeconds(new Date(now + 5000).toUTCString(), now)).toBe(5);
  });
});
