import { createTestApp } from "@stellarr/testkit/app";
import type { Catalogue } from "../../src/ports/catalogue.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTmdbCatalogue } from "../../src/adapters/catalogue/tmdb/index.js";
import { nullLogger } from "../../src/adapters/log/null-logger.js";
import { storeFactories } from "@stellarr/testkit/stores";
import { catalogueTestEnv, jsonOf, REQUEST_FIELDS, type CatalogueTestEnv } from "../support/catalogue-env.js";

describe.each(storeFactories)("request lifecycle ($name)", (factory) => {
  let env: CatalogueTestEnv;
  beforeEach(async () => {
    env = await catalogueTestEnv(factory);
  });
  afterEach(() => env.close());

  const create = (json: unknown, token: string | null = env.token) =>
    env.t.request("/api/request", { method: "POST", json, token: token ?? undefined });
  const del = (path: string, token: string | null = env.token) =>
    env.t.request(`/api/request/${path}`, { method: "DELETE", token: token ?? undefined });

  describe("POST /api/request", () => {
    it("creates a request with TMDB details and external ids", async () => {
      const res = await create({ tmdb_id: 1396, media_type: "tv", requested_by: "mallory" });
      expect(res.status).toBe(201);
      const body = await jsonOf(res);
      expect(body).toMatchObject({ success: true, message: "Added Breaking Bad to requests" });
      expect(Object.keys(body.request).sort()).toEqual(REQUEST_FIELDS);
      expect(body.request).toMatchObject({
        tmdb_id: 1396,
        media_type: "tv",
        title: "Breaking Bad",
        year: 2008,
        imdb_id: "tt0903747",
        tvdb_id: 81189,
        // From the verified token, never from the body.
        requested_by: "alice",
        added_at: null,
        plex_guid: null,
        poster_path: expect.stringMatching(/^\//),
      });
      expect(body.request.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(env.fake.callsTo("/tv/1396")).toHaveLength(1);
      expect(env.fake.callsTo("/tv/1396")[0]!.query.append_to_response).toBe("external_ids");
      expect(env.t.logger.lines.some((l) => l.msg === "request created" && l.fields?.by === "alice")).toBe(true);
    });

    it("stores a movie without a TVDB id", async () => {
      const body = await jsonOf(await create({ tmdb_id: 603, media_type: "movie" }));
      expect(body.request).toMatchObject({ title: "The Matrix", year: 1999, imdb_id: "tt0133093", tvdb_id: null });
    });

    it("409s a second request for the same title with the existing request, without asking TMDB", async () => {
      await create({ tmdb_id: 603, media_type: "movie" });
      env.fake.reset();
      const res = await create({ tmdb_id: 603, media_type: "movie" }, env.t.login("bob"));
      expect(res.status).toBe(409);
      const body = await jsonOf(res);
      expect(body).toMatchObject({
        code: "already_requested",
        detail: expect.any(String),
        request: { tmdb_id: 603, requested_by: "alice" },
      });
      expect(body.request).not.toHaveProperty("seq");
      expect(env.fake.calls).toHaveLength(0);
      // Same id, other type: a different title.
      expect((await create({ tmdb_id: 603, media_type: "tv" })).status).toBe(404);
    });

    it("409s a title already in the library", async () => {
      await env.t.store.upsertLibrary("movie", [{ tmdb_id: 27205, title: "Inception" }], env.t.clock.now());
      const res = await create({ tmdb_id: 27205, media_type: "movie" });
      expect(res.status).toBe(409);
      expect(await jsonOf(res)).toMatchObject({ code: "already_in_library" });
      expect(env.fake.calls).toHaveLength(0);
    });

    it("flips the new request at once when Plex reported the title while TMDB was being asked", async () => {
      const { store, clock } = env.t;
      // Plex's webhook lands between the request's store check and its insert.
      const racing: Catalogue = {
        ...env.catalogue,
        details: async (type, id, lang) => {
          const d = await env.catalogue.details(type, id, lang);
          await store.upsertLibrary("movie", [{ tmdb_id: 27205, title: "Inception" }], clock.now());
          return d;
        },
      };
      const t = await createTestApp({ store, catalogue: racing, clock });
      const res = await t.request("/api/request", { json: { tmdb_id: 27205, media_type: "movie" }, token: t.login("alice") });
      expect(res.status).toBe(201);
      expect((await jsonOf(res)).request.added_at).not.toBeNull();
      expect((await store.allRequests({ status: "pending" })).map((r) => r.tmdb_id)).not.toContain(27205);
    });

    it("404s an id TMDB does not know", async () => {
      const res = await create({ tmdb_id: 999999999, media_type: "movie" });
      expect(res.status).toBe(404);
      expect(await jsonOf(res)).toMatchObject({ code: "unknown_title" });
      expect(await env.t.store.getRequest({ media_type: "movie", tmdb_id: 999999999 })).toBeNull();
    });

    it("answers 502 JSON without the key when TMDB fails", async () => {
      env.fake.failNext("/movie/550", 500);
      const res = await create({ tmdb_id: 550, media_type: "movie" });
      expect(res.status).toBe(502);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ detail: expect.any(String), code: "upstream_error" });
      expect(text).not.toContain(env.fake.apiKey);
      expect(text).not.toMatch(/https?:\/\//);
      expect(await env.t.store.getRequest({ media_type: "movie", tmdb_id: 550 })).toBeNull();
    });

    it("retries TMDB's 429 with Retry-After: 1 and succeeds", async () => {
      await env.close();
      // The real sleep: the client waits the second TMDB asked for.
      env = await catalogueTestEnv(factory, {
        catalogue: (fake) => createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: fake.url, logger: nullLogger }),
      });
      env.fake.failNext("/movie/278", 429, { "retry-after": "1" });
      const res = await create({ tmdb_id: 278, media_type: "movie" });
      expect(res.status).toBe(201);
      expect(env.fake.callsTo("/movie/278").map((c) => c.status)).toEqual([429, 200]);
    });

    it("200 concurrent identical requests: one 201, 199 × 409, at most one TMDB details call", async () => {
      env.fake.delayNext("/movie/157336", 50);
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => create({ tmdb_id: 157336, media_type: "movie" }, env.t.login(`user${i}`))),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(199);
      const conflicts = await Promise.all(responses.filter((r) => r.status === 409).map(jsonOf));
      expect(conflicts.every((b) => b.code === "already_requested" && b.request.tmdb_id === 157336)).toBe(true);
      expect(env.fake.callsTo("/movie/157336").length).toBeLessThanOrEqual(1);
      const all = await env.t.store.allRequests({ media_type: "movie" });
      expect(all.filter((r) => r.tmdb_id === 157336)).toHaveLength(1);
    }, 120_000); // ~600 store calls: slow on dynalite on a busy machine

    it("validates the body", async () => {
      for (const bad of [
        {},
        { tmdb_id: 603 },
        { media_type: "movie" },
        { tmdb_id: 0, media_type: "movie" },
        { tmdb_id: -1, media_type: "movie" },
        { tmdb_id: 1.5, media_type: "movie" },
        { tmdb_id: "603", media_type: "movie" },
        { tmdb_id: 2 ** 31, media_type: "movie" },
        { tmdb_id: 603, media_type: "person" },
        { tmdb_id: 603, media_type: "MOVIE" },
        [],
        null,
      ]) {
        const res = await create(bad);
        expect(res.status, JSON.stringify(bad)).toBe(422);
        expect(await jsonOf(res)).toMatchObject({ code: "validation_failed", errors: expect.any(Array) });
      }
      expect(env.fake.calls).toHaveLength(0);
    });

    it("requires a session and is rate-limited per name", async () => {
      expect((await create({ tmdb_id: 603, media_type: "movie" }, null)).status).toBe(401);
      await env.close();
      env = await catalogueTestEnv(factory, { config: { apiRateLimitPerMinute: 1 } });
      expect((await create({ tmdb_id: 603, media_type: "movie" })).status).toBe(201);
      expect((await create({ tmdb_id: 550, media_type: "movie" })).status).toBe(429);
    });
  });

  describe("DELETE /api/request/:media_type/:tmdb_id", () => {
    it("removes a request, logs the actor, and touches nothing else", async () => {
      await create({ tmdb_id: 1396, media_type: "tv" });
      await env.t.store.upsertLibrary("tv", [{ tmdb_id: 1396, tvdb_id: 81189 }], env.t.clock.now());
      const res = await del("tv/1396", env.t.login("bob"));
      expect(res.status).toBe(200);
      expect(await jsonOf(res)).toMatchObject({ success: true });
      expect(await env.t.store.getRequest({ media_type: "tv", tmdb_id: 1396 })).toBeNull();
      expect(await env.t.store.libraryIds("tv")).toEqual([1396]);
      expect(env.t.logger.lines).toContainEqual(
        expect.objectContaining({ msg: "request removed", fields: { by: "bob", media_type: "tv", tmdb_id: 1396 } }),
      );
    });

    it("404s an absent request", async () => {
      const res = await del("movie/603");
      expect(res.status).toBe(404);
      expect(await jsonOf(res)).toMatchObject({ code: "not_found" });
    });

    it("422s anything but movie|tv and a positive integer id", async () => {
      for (const path of [
        "person/603",
        "PUSH%23alice/0",
        "movie/0",
        "movie/-1",
        "movie/abc",
        "movie/1e3",
        "movie/01",
        "movie/1.5",
        "movie/99999999999",
        "tv/%20",
      ]) {
        const res = await del(path);
        expect(res.status, path).toBe(422);
        expect(await jsonOf(res)).toMatchObject({ code: "validation_failed" });
      }
    });

    it("requires a session", async () => {
      expect((await del("movie/603", null)).status).toBe(401);
    });
  });

  describe("GET /api/requests", () => {
    async function seed() {
      for (const [media_type, tmdb_id] of [
        ["movie", 603],
        ["tv", 1396],
        ["movie", 550],
        ["tv", 1399],
        ["movie", 278],
      ] as const) {
        expect((await create({ tmdb_id, media_type })).status).toBe(201);
        env.t.clock.advance(1000);
      }
      await env.t.store.markAdded({ media_type: "movie", tmdb_id: 550 }, new Date(env.t.clock.now()).toISOString(), "plex://movie/abc");
    }
    const list = (qs = "", token: string | null = env.token) => env.t.request(`/api/requests${qs}`, { token: token ?? undefined });

    it("lists newest first with counts and every field, never seq", async () => {
      await seed();
      const body = await jsonOf(await list());
      expect(body.requests.map((r: any) => `${r.media_type}:${r.tmdb_id}`)).toEqual([
        "movie:278",
        "tv:1399",
        "movie:550",
        "tv:1396",
        "movie:603",
      ]);
      expect(body.next_cursor).toBeNull();
      expect(body.counts).toEqual({ movie: { pending: 2, added: 1 }, tv: { pending: 2, added: 0 } });
      // The list adds who follows each request (product.md §4).
      for (const r of body.requests) expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS, "followers", "available_on"].sort());
      for (const r of body.requests) expect(r.followers).toEqual([]);
      for (const r of body.requests) expect(r.available_on).toEqual([]);
      expect(body.requests.find((r: any) => r.tmdb_id === 550)).toMatchObject({
        plex_guid: "plex://movie/abc",
        added_at: expect.any(String),
      });
    });

    it("names the servers whose library has each title (available_on), fresh after every source's change", async () => {
      await seed();
      const { store } = env.t;
      const now = env.t.clock.now();
      await store.upsertLibrary("movie", [{ tmdb_id: 550 }, { tmdb_id: 278 }], now); // plex
      await store.upsertLibrary("movie", [{ tmdb_id: 550 }], now, { source: "jellyfin" });
      await store.upsertLibrary("tv", [{ tmdb_id: 1396 }], now, { source: "emby" });
      await store.upsertLibrary("movie", [{ tmdb_id: 550 }], now, { source: "emby" });
      const availableOn = async () => {
        const res = await list();
        expect(res.status).toBe(200);
        // Built for every GET: no ETag, so no cached body can outlive a library change.
        expect(res.headers.get("etag")).toBeNull();
        const body = await jsonOf(res);
        return Object.fromEntries(body.requests.map((r: any) => [`${r.media_type}:${r.tmdb_id}`, r.available_on]));
      };
      expect(await availableOn()).toEqual({
        "movie:278": ["plex"],
        "tv:1399": [],
        "movie:550": ["plex", "jellyfin", "emby"],
        "tv:1396": ["emby"],
        "movie:603": [],
      });
      // A Jellyfin resync without 550 and an Emby one without it: Plex's entry stays, theirs go.
      for (const source of ["jellyfin", "emby"] as const) {
        await store.resyncBatch("movie", `nightly-${source}`, [{ tmdb_id: 603 }], now, { source });
        await store.resyncCommit("movie", `nightly-${source}`, { allowEmpty: false, nowMs: now, source });
      }
      expect(await availableOn()).toMatchObject({ "movie:550": ["plex"], "movie:603": ["jellyfin", "emby"], "tv:1396": ["emby"] });
      // The filtered and paged lists carry it too.
      const added = await jsonOf(await list("?status=added&limit=1"));
      expect(added.requests).toEqual([expect.objectContaining({ tmdb_id: 550, available_on: ["plex"] })]);
    });

    it("moves library-status's ETag when only another source's library changed", async () => {
      await seed();
      const first = await env.t.request("/api/library-status", { token: env.token });
      const etag = first.headers.get("etag")!;
      expect(etag).toBeTruthy();
      expect((await env.t.request("/api/library-status", { token: env.token, headers: { "if-none-match": etag } })).status).toBe(304);
      await env.t.store.upsertLibrary("tv", [{ tmdb_id: 1399 }], env.t.clock.now(), { source: "jellyfin" });
      const after = await env.t.request("/api/library-status", { token: env.token, headers: { "if-none-match": etag } });
      expect(after.status).toBe(200);
      expect(after.headers.get("etag")).not.toBe(etag);
      expect((await jsonOf(after)).library.tv).toEqual([1399]);
    });

    it("filters by media type and status", async () => {
      await seed();
      const movies = await jsonOf(await list("?media_type=movie"));
      expect(movies.requests.map((r: any) => r.tmdb_id)).toEqual([278, 550, 603]);
      const pendingTv = await jsonOf(await list("?media_type=tv&status=pending"));
      expect(pendingTv.requests.map((r: any) => r.tmdb_id)).toEqual([1399, 1396]);
      const added = await jsonOf(await list("?status=added"));
      expect(added.requests.map((r: any) => r.tmdb_id)).toEqual([550]);
    });

    it("pages with limit and next_cursor", async () => {
      await seed();
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const body: any = await jsonOf(await list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`));
        expect(body.requests.length).toBeLessThanOrEqual(2);
        seen.push(...body.requests.map((r: any) => r.tmdb_id));
        cursor = body.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual([278, 1399, 550, 1396, 603]);
    });

    it("422s bad query parameters and an invalid cursor", async () => {
      for (const qs of [
        "?limit=0",
        "?limit=501",
        "?limit=abc",
        "?limit=-5",
        "?status=done",
        "?media_type=person",
        "?cursor=not-a-cursor",
      ]) {
        const res = await list(qs);
        expect(res.status, qs).toBe(422);
        expect(await jsonOf(res)).toMatchObject({ code: "validation_failed" });
      }
      expect((await list("?limit=500")).status).toBe(200);
    });

    it("requires a session", async () => {
      expect((await list("", null)).status).toBe(401);
    });
  });
});
