/** Following someone else's request (product.md §4): the routes on both stores, the 409 follow_url, followers on the list, cleanup on delete. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import { newRequest } from "../ports/store/fixtures.js";

describe.each(storeFactories)("follow routes ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({ store: made.store });
    await t.store.insertRequest(newRequest({ media_type: "movie", tmdb_id: 603, requested_by: "alice" }));
    await t.store.insertRequest(newRequest({ media_type: "tv", tmdb_id: 1396, requested_by: "alice", title: "Breaking Bad" }));
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  const follow = (path: string, name: string | null, method = "POST") =>
    t.request(`/api/request/${path}/follow`, { method, token: name === null ? undefined : t.login(name) });
  const listed = async (name = "alice") => {
    const res = await t.request("/api/requests", { token: t.login(name) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { requests: { media_type: string; tmdb_id: number; followers: string[] }[] };
    return Object.fromEntries(body.requests.map((r) => [`${r.media_type}/${r.tmdb_id}`, r.followers]));
  };

  it("follows idempotently, lists followers sorted, unfollows once", async () => {
    const first = await follow("movie/603", "carol");
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ following: true, followers: ["carol"] });
    expect(await (await follow("movie/603", "carol")).json()).toEqual({ following: true, followers: ["carol"] });
    expect(await (await follow("movie/603", "bob")).json()).toEqual({ following: true, followers: ["bob", "carol"] });
    expect(await listed()).toEqual({ "movie/603": ["bob", "carol"], "tv/1396": [] });

    const off = await follow("movie/603", "carol", "DELETE");
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ following: false, followers: ["bob"] });
    const again = await follow("movie/603", "carol", "DELETE");
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: "not_following" });
  });

  it("the requester following their own request changes nothing", async () => {
    const res = await follow("tv/1396", "alice");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ following: true, followers: [] });
    expect((await listed())["tv/1396"]).toEqual([]);
  });

  it("refuses unknown requests, titles already in the library, bad paths and missing sessions", async () => {
    expect((await follow("movie/1", "bob")).status).toBe(404);
    expect((await follow("movie/1", "bob", "DELETE")).status).toBe(404);
    await t.store.markAdded({ media_type: "movie", tmdb_id: 603 }, new Date(t.clock.now()).toISOString(), null);
    const added = await follow("movie/603", "bob");
    expect(added.status).toBe(409);
    expect(await added.json()).toMatchObject({ code: "already_in_library" });
    expect((await follow("book/603", "bob")).status).toBe(422);
    expect((await follow("movie/0", "bob")).status).toBe(422);
    expect((await follow("movie/603", null)).status).toBe(401);
    expect((await follow("movie/603", null, "DELETE")).status).toBe(401);
  });

  it("deleting a request removes its follows", async () => {
    await follow("movie/603", "bob");
    expect((await t.request("/api/request/movie/603", { method: "DELETE", token: t.login("alice") })).status).toBe(200);
    await t.store.insertRequest(newRequest({ media_type: "movie", tmdb_id: 603, requested_by: "dave" }));
    expect((await listed())["movie/603"]).toEqual([]);
  });

  it("a duplicate request's 409 points at the follow route", async () => {
    // The title status says "requested", so no catalogue lookup happens.
    const res = await t.request("/api/request", { method: "POST", json: { media_type: "movie", tmdb_id: 603 }, token: t.login("bob") });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "already_requested", follow_url: "/api/request/movie/603/follow" });
  });

  it("GET /api/follows lists the signed-in name's follows of pending requests, from any device", async () => {
    const follows = async (name: string | null) => {
      const res = await t.request("/api/follows", { token: name === null ? undefined : t.login(name) });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await follows("bob")).toEqual({ status: 200, body: { follows: [] } });
    await t.store.insertRequest(newRequest({ media_type: "movie", tmdb_id: 12, requested_by: "alice" }));
    await follow("tv/1396", "bob");
    await follow("movie/603", "bob");
    await follow("movie/12", "bob");
    await follow("movie/603", "carol");
    await follow("movie/12", "bob", "DELETE");
    expect(await follows("bob")).toEqual({
      status: 200,
      body: {
        follows: [
          { media_type: "movie", tmdb_id: 603 },
          { media_type: "tv", tmdb_id: 1396 },
        ],
      },
    });
    // Another name's follows are its own; names are compared exactly.
    expect((await follows("carol")).body).toEqual({ follows: [{ media_type: "movie", tmdb_id: 603 }] });
    expect((await follows("Bob")).body).toEqual({ follows: [] });
    // Fulfilled: nothing left to be notified of. Deleted: the follow is gone.
    await t.store.markAdded({ media_type: "tv", tmdb_id: 1396 }, new Date(t.clock.now()).toISOString(), null);
    expect((await t.request("/api/request/movie/603", { method: "DELETE", token: t.login("alice") })).status).toBe(200);
    expect((await follows("bob")).body).toEqual({ follows: [] });
    expect((await follows("carol")).body).toEqual({ follows: [] });
    expect((await follows(null)).status).toBe(401);
  });
});
