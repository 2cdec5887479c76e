import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFactories } from "@stellarr/testkit/stores";
import { catalogueTestEnv, jsonOf, REQUEST_FIELDS, type CatalogueTestEnv } from "../support/catalogue-env.js";

describe.each(storeFactories)("GET /api/library-status ($name)", (factory) => {
  let env: CatalogueTestEnv;
  beforeEach(async () => {
    env = await catalogueTestEnv(factory);
  });
  afterEach(() => env.close());

  const status = (headers: Record<string, string> = {}, token: string | null = env.token) =>
    env.t.request("/api/library-status", { headers, token: token ?? undefined });

  it("returns the complete library (ascending ids) and pending requests only", async () => {
    const now = env.t.clock.now();
    const ids = Array.from({ length: 1200 }, (_, i) => 5000 - i * 3);
    await env.t.store.upsertLibrary(
      "movie",
      ids.map((tmdb_id) => ({ tmdb_id })),
      now,
    );
    await env.t.store.upsertLibrary(
      "tv",
      [
        { tmdb_id: 1399, tvdb_id: 121361 },
        { tmdb_id: 95, tvdb_id: 70327 },
      ],
      now,
    );
    for (const [media_type, tmdb_id] of [
      ["movie", 603],
      ["tv", 1396],
      ["movie", 550],
    ] as const) {
      expect((await env.t.request("/api/request", { json: { tmdb_id, media_type }, token: env.token })).status).toBe(201);
    }
    await env.t.store.markAdded({ media_type: "movie", tmdb_id: 550 }, new Date(now).toISOString(), null);

    const res = await status();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await jsonOf(res);
    expect(body.library.movie).toEqual([...ids].sort((a, b) => a - b));
    expect(body.library.tv).toEqual([95, 1399]);
    expect(body.requests.map((r: any) => `${r.media_type}:${r.tmdb_id}`)).toEqual(["tv:1396", "movie:603"]);
    for (const r of body.requests) expect(Object.keys(r).sort()).toEqual(REQUEST_FIELDS);
  });

  it("has a strong ETag and answers 304 to If-None-Match until something changes", async () => {
    const first = await status();
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await status();
    expect(again.headers.get("etag")).toBe(etag);

    const notModified = await status({ "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);
    expect((await status({ "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await status({ "if-none-match": '"other"' })).status).toBe(200);

    await env.t.request("/api/request", { json: { tmdb_id: 603, media_type: "movie" }, token: env.token });
    const changed = await status({ "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("reads with a fixed number of queries, not one read per title", async () => {
    const cost = async () => {
      const before = env.t.store.stats.roundTrips;
      expect((await status()).status).toBe(200);
      return env.t.store.stats.roundTrips - before;
    };
    const empty = await cost();
    const now = env.t.clock.now();
    await env.t.store.upsertLibrary(
      "movie",
      Array.from({ length: 50 }, (_, i) => ({ tmdb_id: i + 1 })),
      now,
    );
    for (const tmdb_id of [603, 550, 278, 238, 155])
      await env.t.request("/api/request", { json: { tmdb_id, media_type: "movie" }, token: env.token });
    expect(await cost()).toBe(empty);
  });

  it("serves 304s and repeated 200s from the change token: one store read, the body built once per change", async () => {
    await env.t.request("/api/request", { json: { tmdb_id: 603, media_type: "movie" }, token: env.token });
    const reads = async (headers: Record<string, string> = {}) => {
      const before = env.t.store.stats.roundTrips;
      const res = await status(headers);
      return { res, body: await res.text(), reads: env.t.store.stats.roundTrips - before };
    };
    const first = await reads();
    const etag = first.res.headers.get("etag")!;
    const settled = (await env.t.store.changeToken()).settled;
    const again = await reads();
    expect(again.body).toBe(first.body);
    const notModified = await reads({ "if-none-match": etag });
    expect(notModified.res.status).toBe(304);
    // Settled (always on SQLite; on DynamoDB a while after the last write): the token read alone.
    if (settled) {
      expect(again.reads).toBe(1);
      expect(notModified.reads).toBe(1);
    }
    await env.t.store.upsertLibrary("tv", [{ tmdb_id: 1399 }], env.t.clock.now());
    const changed = await reads({ "if-none-match": etag });
    expect(changed.res.status).toBe(200);
    expect(JSON.parse(changed.body).library.tv).toEqual([1399]);
    const flipped = await env.t.store.markAdded({ media_type: "movie", tmdb_id: 603 }, new Date(env.t.clock.now()).toISOString(), null);
    expect(flipped).not.toBeNull();
    expect(JSON.parse((await reads()).body).requests).toEqual([]);
  });

  it("requires a session", async () => {
    expect((await status({}, null)).status).toBe(401);
  });
});
