/**
 * `POST /api/request`'s `profile` and per-season `seasons` (product.md §4, issue #22), on both
 * stores: checked against TMDB's season list, merged into an existing request, and never stored
 * when invalid.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFactories } from "@stellarr/testkit/stores";
import { catalogueTestEnv, jsonOf, type CatalogueTestEnv } from "../support/catalogue-env.js";

// Breaking Bad: TMDB lists specials (0) and seasons 1–5. The Matrix: a movie. Attack on Titan: anime.
const BB = { tmdb_id: 1396, media_type: "tv" } as const;

describe.each(storeFactories)("per-season requests and profiles ($name)", (factory) => {
  let env: CatalogueTestEnv;
  beforeEach(async () => {
    env = await catalogueTestEnv(factory);
  });
  afterEach(() => env.close());

  const create = (json: unknown, token: string = env.token) => env.t.request("/api/request", { method: "POST", json, token });
  const stored = () => env.t.store.allRequests();

  it("stores the chosen seasons (duplicates ignored, sorted) and profile, and shows them on the request", async () => {
    const res = await create({ ...BB, seasons: [3, 1, 3], profile: "4k" });
    expect(res.status).toBe(201);
    const body = await jsonOf(res);
    expect(body.request).toMatchObject({ profile: "4k", seasons: { all: false, seasons: [1, 3] } });
    const [row] = await stored();
    expect(row).toMatchObject({ profile: "4k", seasons: { all: false, seasons: [1, 3] }, tmdb_seasons: [0, 1, 2, 3, 4, 5], anime: false });
    const listed = await jsonOf(await env.t.request("/api/requests", { token: env.token }));
    expect(listed.requests[0]).toMatchObject({ profile: "4k", seasons: { all: false, seasons: [1, 3] } });
  });

  it("defaults to all seasons and the default profile; movies have no seasons; anime is recorded", async () => {
    expect((await jsonOf(await create(BB))).request).toMatchObject({ profile: "default", seasons: { all: true, seasons: [] } });
    expect((await jsonOf(await create({ tmdb_id: 603, media_type: "movie" }))).request).toMatchObject({
      profile: "default",
      seasons: null,
    });
    await create({ tmdb_id: 1429, media_type: "tv" });
    const aot = (await stored()).find((r) => r.tmdb_id === 1429);
    expect(aot?.anime).toBe(true);
  });

  it.each([
    ["an empty list", { seasons: [] }, ["seasons"]],
    ["a season TMDB does not list", { seasons: [1, 6] }, ["seasons", 1]],
    ["a fractional season", { seasons: [1.5] }, ["seasons", 0]],
    ["a negative season", { seasons: [-1] }, ["seasons", 0]],
    ["a string season", { seasons: ["1"] }, ["seasons", 0]],
    ["seasons that are not a list", { seasons: "1,2" }, ["seasons"]],
    ["an unknown profile", { profile: "uhd" }, ["profile"]],
    ["a profile in the wrong case", { profile: "4K" }, ["profile"]],
  ])("422s %s and stores nothing", async (_name, extra, path) => {
    const res = await create({ ...BB, ...extra });
    expect(res.status).toBe(422);
    const body = await jsonOf(res);
    expect(body.code).toBe("validation_failed");
    expect(body.errors[0].path).toEqual(path);
    expect(body.errors[0].message).toEqual(expect.any(String));
    expect(await stored()).toEqual([]);
  });

  it("422s seasons on a movie, and specials for a show TMDB lists none for", async () => {
    const movie = await create({ tmdb_id: 603, media_type: "movie", seasons: [1] });
    expect(movie.status).toBe(422);
    expect((await jsonOf(movie)).errors[0]).toMatchObject({ path: ["seasons"], message: "seasons are for TV shows only" });
    // Bluey (82728): seasons 1–3, no specials.
    const bluey = await create({ tmdb_id: 82728, media_type: "tv", seasons: [0] });
    expect(bluey.status).toBe(422);
    expect((await jsonOf(bluey)).errors[0].message).toMatch(/specials/);
    expect(await stored()).toEqual([]);
  });

  it("a later request adds seasons not yet asked for (200), keeps the first requester and profile, and 409s when nothing is new", async () => {
    await create({ ...BB, seasons: [1] });
    const bob = env.t.login("bob");
    const more = await create({ ...BB, seasons: [2, 1], profile: "4k" }, bob);
    expect(more.status).toBe(200);
    expect((await jsonOf(more)).request).toMatchObject({
      seasons: { all: false, seasons: [1, 2] },
      requested_by: "alice",
      profile: "default",
    });

    const same = await create({ ...BB, seasons: [2] }, bob);
    expect(same.status).toBe(409);
    const conflict = await jsonOf(same);
    expect(conflict).toMatchObject({ code: "already_requested", request: { seasons: { all: false, seasons: [1, 2] } } });

    // "All" after a partial request adds the rest; all again is a conflict, specials still addable.
    expect((await create(BB, bob)).status).toBe(200);
    expect((await stored())[0]?.seasons).toEqual({ all: true, seasons: [] });
    expect((await create(BB, bob)).status).toBe(409);
    const specials = await create({ ...BB, seasons: [0] }, bob);
    expect(specials.status).toBe(200);
    expect((await jsonOf(specials)).request.seasons).toEqual({ all: true, seasons: [0] });
    expect(await stored()).toHaveLength(1);
  });

  it("checks a later request's seasons too (422, nothing changed)", async () => {
    await create({ ...BB, seasons: [1] });
    const res = await create({ ...BB, seasons: [9] }, env.t.login("bob"));
    expect(res.status).toBe(422);
    expect((await stored())[0]?.seasons).toEqual({ all: false, seasons: [1] });
  });

  it("concurrent requests for different seasons of one show all land (none lost to a race)", async () => {
    await create({ ...BB, seasons: [1] });
    const results = await Promise.all([2, 3, 4, 5].map((n) => create({ ...BB, seasons: [n] }, env.t.login(`user${n}`))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200]);
    expect((await stored())[0]?.seasons).toEqual({ all: false, seasons: [1, 2, 3, 4, 5] });
  });

  it("a fulfilled show stays 409 whatever seasons are asked for", async () => {
    await create({ ...BB, seasons: [1] });
    await env.t.store.markAdded({ media_type: "tv", tmdb_id: 1396 }, new Date().toISOString(), null);
    const res = await create({ ...BB, seasons: [2] });
    expect(res.status).toBe(409);
    expect((await stored())[0]?.seasons).toEqual({ all: false, seasons: [1] });
  });

  it("a movie requested again stays 409 (no TMDB call)", async () => {
    await create({ tmdb_id: 603, media_type: "movie" });
    env.fake.reset();
    expect((await create({ tmdb_id: 603, media_type: "movie", profile: "4k" })).status).toBe(409);
    expect(env.fake.callsTo("/movie/603")).toHaveLength(0);
  });
});
