import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFactories } from "@stellarr/testkit/stores";
import { catalogueTestEnv, jsonOf, type CatalogueTestEnv } from "../support/catalogue-env.js";

const FEED_TOKEN = "feed-token-0123456789";
const WEBHOOK_TOKEN = "webhook-token-abcdef";

/**
 * The checks Radarr and Sonarr apply when they read an import list (formats.md A1, A2, B1):
 * status 200, a JSON content type that is not `text/json`, a top-level array (Json.NET
 * `List<T>`), integer ids, and no null in any field (a null for an `int` fails the whole list).
 */
function assertArrParsable(res: Response, body: unknown) {
  expect(res.status).toBe(200);
  const type = res.headers.get("content-type") ?? "";
  expect(type).toMatch(/^application\/json/);
  expect(type).not.toContain("text/json");
  expect(Array.isArray(body)).toBe(true);
  for (const item of body as unknown[]) {
    expect(typeof item).toBe("object");
    expect(item).not.toBeNull();
    for (const [k, v] of Object.entries(item as object)) expect(v, k).not.toBeNull();
    // Json.NET matches property names case-insensitively: two spellings of one key would clash.
    const lower = Object.keys(item as object).map((k) => k.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  }
}

/** Radarr StevenLu Custom: `List<StevenLuResponse { string title; string imdb_id; string poster_url }>`. */
function radarrStevenLuParse(body: any[]) {
  return body
    .map((i) => {
      for (const k of ["title", "imdb_id", "poster_url"]) if (k in i) expect(typeof i[k], k).toBe("string");
      // Parser.NormalizeImdbId: lower-case tt only.
      const imdb = i.imdb_id === undefined ? null : /^(\d{1,10}|(tt)\d{1,10})$/.test(i.imdb_id) ? i.imdb_id : null;
      if (i.imdb_id !== undefined) expect(imdb, `imdb id ${i.imdb_id} must normalise`).not.toBeNull();
      return { title: i.title ?? "", imdb };
    })
    .filter((m) => m.title !== "" || m.imdb !== null);
}

/** Radarr Custom Lists: `List<MovieResultResource>`, `id` int, `title` string. */
function radarrListParse(body: any[]) {
  return body
    .map((i) => {
      expect(Number.isInteger(i.id)).toBe(true);
      if ("title" in i) expect(typeof i.title).toBe("string");
      return i.id as number;
    })
    .filter((id) => id > 0);
}

/**
 * Sonarr v4 Custom List: `List<CustomSeries { string Title; int TvdbId }>` (a missing `tvdbId` is
 * 0, and `ImportListSyncService` rejects 0 without a title search); unknown fields are ignored.
 * Returns the TVDB ids v4 adds.
 */
function sonarrParse(body: any[]) {
  return body
    .map((i) => {
      const key = Object.keys(i).find((k) => k.toLowerCase() === "tvdbid");
      if (key !== undefined) expect(Number.isInteger(i[key])).toBe(true);
      for (const k of ["tmdbId", "imdbId"]) if (k in i) expect(typeof i[k], k).toBe(k === "tmdbId" ? "number" : "string");
      if ("title" in i) expect(typeof i.title).toBe("string");
      return key === undefined ? 0 : (i[key] as number);
    })
    .filter((id) => id > 0);
}

describe.each(storeFactories)("*arr feeds ($name)", (factory) => {
  let env: CatalogueTestEnv;
  beforeEach(async () => {
    env = await catalogueTestEnv(factory, { config: { feedToken: FEED_TOKEN, webhookToken: WEBHOOK_TOKEN } });
  });
  afterEach(() => env.close());

  const feed = (path: string, token: string | null = FEED_TOKEN, extra = "") =>
    env.t.request(`${path}?${token === null ? "" : `token=${encodeURIComponent(token)}`}${extra}`);

  async function seed() {
    const titles = [
      ["movie", 603],
      ["tv", 1396],
      ["movie", 550],
      ["tv", 900002], // no TVDB id yet
      ["movie", 900001], // no title, no IMDb id
      ["tv", 1399],
      ["movie", 27205],
    ] as const;
    for (const [media_type, tmdb_id] of titles) {
      expect((await env.t.request("/api/request", { json: { tmdb_id, media_type }, token: env.token })).status).toBe(201);
    }
    await env.t.store.markAdded({ media_type: "movie", tmdb_id: 550 }, new Date(env.t.clock.now()).toISOString(), null);
    await env.t.store.markAdded({ media_type: "tv", tmdb_id: 1399 }, new Date(env.t.clock.now()).toISOString(), null);
  }

  it("/list/radarr: StevenLu items, pending only, newest first", async () => {
    await seed();
    const res = await feed("/list/radarr");
    const body = await jsonOf(res);
    assertArrParsable(res, body);
    expect(res.headers.get("cache-control")).toBe("max-age=300");
    expect(body).toEqual([
      {
        title: "Inception (2010)",
        imdb_id: "tt1375666",
        poster_url: expect.stringMatching(/^https:\/\/image\.tmdb\.org\/t\/p\/w300\/.+\.jpg$/),
      },
      { title: "tmdb:900001" },
      { title: "The Matrix (1999)", imdb_id: "tt0133093", poster_url: expect.any(String) },
    ]);
    expect(radarrStevenLuParse(body)).toHaveLength(3);
  });

  it("/list/radarr/tmdb: Custom Lists items with integer TMDB ids", async () => {
    await seed();
    const res = await feed("/list/radarr/tmdb");
    const body = await jsonOf(res);
    assertArrParsable(res, body);
    expect(body).toEqual([
      { id: 27205, title: "Inception" },
      { id: 900001, title: "Unknown" },
      { id: 603, title: "The Matrix" },
    ]);
    expect(radarrListParse(body)).toEqual([27205, 900001, 603]);
  });

  it("/list/sonarr: integer tvdbId plus tmdbId/imdbId; a show without a TVDB id has no tvdbId field", async () => {
    await seed();
    const res = await feed("/list/sonarr");
    const body = await jsonOf(res);
    assertArrParsable(res, body);
    expect(body).toEqual([
      { tmdbId: 900002, title: "Brand New Show" },
      { tvdbId: 81189, tmdbId: 1396, imdbId: "tt0903747", title: "Breaking Bad" },
    ]);
    expect(sonarrParse(body)).toEqual([81189]);
  });

  it("?status=all keeps fulfilled requests; status=pending is the default", async () => {
    await seed();
    const all = await jsonOf(await feed("/list/radarr/tmdb", FEED_TOKEN, "&status=all"));
    expect(all.map((i: any) => i.id)).toEqual([27205, 900001, 550, 603]);
    const tv = await jsonOf(await feed("/list/sonarr", FEED_TOKEN, "&status=all"));
    expect(tv).toEqual([
      { tvdbId: 121361, tmdbId: 1399, imdbId: "tt0944947", title: "Game of Thrones" },
      { tmdbId: 900002, title: "Brand New Show" },
      { tvdbId: 81189, tmdbId: 1396, imdbId: "tt0903747", title: "Breaking Bad" },
    ]);
    expect(await jsonOf(await feed("/list/radarr/tmdb", FEED_TOKEN, "&status=pending"))).toHaveLength(3);
  });

  it("has an ETag per list and status, answers 304 to it until a request changes, and serves the same bytes meanwhile", async () => {
    await seed();
    const pending = await feed("/list/radarr");
    const all = await feed("/list/radarr", FEED_TOKEN, "&status=all");
    const tmdb = await feed("/list/radarr/tmdb");
    const etags = [pending, all, tmdb].map((r) => r.headers.get("etag"));
    for (const etag of etags) expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Set(etags).size).toBe(3);
    const body = await pending.text();
    expect(await (await feed("/list/radarr")).text()).toBe(body);
    const notModified = await env.t.request(`/list/radarr?token=${FEED_TOKEN}`, { headers: { "if-none-match": etags[0]! } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("cache-control")).toBe("max-age=300");
    // The token is checked before any 304: a wrong one is still a 401.
    expect((await env.t.request(`/list/radarr?token=wrong`, { headers: { "if-none-match": etags[0]! } })).status).toBe(401);
    await env.t.store.markAdded({ media_type: "movie", tmdb_id: 603 }, new Date(env.t.clock.now()).toISOString(), null);
    const changed = await env.t.request(`/list/radarr?token=${FEED_TOKEN}`, { headers: { "if-none-match": etags[0]! } });
    expect(changed.status).toBe(200);
    expect((await jsonOf(changed)).map((i: any) => i.title)).toEqual(["Inception (2010)", "tmdb:900001"]);
  });

  it("an empty feed is an empty array", async () => {
    for (const path of ["/list/radarr", "/list/radarr/tmdb", "/list/sonarr"]) {
      const res = await feed(path);
      const body = await jsonOf(res);
      assertArrParsable(res, body);
      expect(body).toEqual([]);
    }
  });

  it("422s any other status in the Radarr-displayable body", async () => {
    for (const status of ["added", "", "ALL", "pending,all"]) {
      const res = await feed("/list/radarr/tmdb", FEED_TOKEN, `&status=${encodeURIComponent(status)}`);
      expect(res.status, status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await jsonOf(res)).toEqual({
        detail: expect.any(String),
        code: "validation_failed",
        errors: [{ id: "validation_failed", status: 422, title: expect.any(String), detail: expect.any(String) }],
      });
    }
  });

  it("401s a missing or wrong token in the Radarr-displayable body, in constant-time-safe ways", async () => {
    await seed();
    for (const [token, code] of [
      [null, "unauthorized"],
      ["", "unauthorized"],
      ["wrong", "invalid_token"],
      [FEED_TOKEN + "x", "invalid_token"],
      ["héllo✓", "invalid_token"],
      ["x".repeat(10_000), "invalid_token"],
    ] as const) {
      for (const path of ["/list/radarr", "/list/radarr/tmdb", "/list/sonarr"]) {
        const res = await feed(path, token);
        expect(res.status, `${path} ${String(token).slice(0, 10)}`).toBe(401);
        const body = await jsonOf(res);
        expect(body).toEqual({
          detail: expect.any(String),
          code,
          errors: [{ id: code, status: 401, title: expect.any(String), detail: expect.any(String) }],
        });
        expect(JSON.stringify(body)).not.toContain(FEED_TOKEN);
      }
    }
    // A session token is not a feed token.
    expect((await env.t.request("/list/radarr", { token: env.token })).status).toBe(401);
  });

  it("never logs the token (access logs have no query string)", async () => {
    await feed("/list/radarr");
    expect(JSON.stringify(env.t.logger.lines)).not.toContain(FEED_TOKEN);
  });

  it("answers HEAD", async () => {
    const res = await env.t.request(`/list/sonarr?token=${FEED_TOKEN}`, { method: "HEAD" });
    expect(res.status).toBe(200);
  });

  describe("GET /api/feeds", () => {
    it("gives real URLs with the feed token, the Clean Library warning, never the webhook token", async () => {
      const res = await env.t.request("/api/feeds", { token: env.token });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(WEBHOOK_TOKEN);
      const body = JSON.parse(text);
      expect(body.token_required).toBe(true);
      // The instance lists first (test/api/arr-instance.test.ts), then the feeds, the TMDB one before StevenLu.
      expect(Object.keys(body.feeds)).toEqual(["radarr_instance", "sonarr_instance", "radarr_tmdb", "radarr", "sonarr"]);
      expect(body.feeds.radarr.url).toBe(`http://stellarr.test/list/radarr?token=${FEED_TOKEN}`);
      expect(body.feeds.radarr_tmdb.url).toBe(`http://stellarr.test/list/radarr/tmdb?token=${FEED_TOKEN}`);
      expect(body.feeds.sonarr.url).toBe(`http://stellarr.test/list/sonarr?token=${FEED_TOKEN}`);
      for (const [name, f] of Object.entries(body.feeds) as [string, any][]) {
        expect(f).toEqual({
          name: expect.any(String),
          description: expect.any(String),
          url: expect.any(String),
          format: "json",
          setup: expect.any(String),
          ...(name.endsWith("_instance") ? { api_key: FEED_TOKEN } : {}),
        });
      }
      expect(body.warning).toMatch(/Clean Library/);
      // The URLs work as given (an instance list's with its API key, as the *arr sends it).
      for (const f of Object.values(body.feeds) as any[]) {
        const u = new URL(f.url);
        const path = f.api_key ? `${u.pathname}/api/v3/qualityprofile` : u.pathname + u.search;
        const headers = f.api_key ? { "x-api-key": f.api_key } : undefined;
        expect((await env.t.request(path, { headers })).status).toBe(200);
      }
    });

    it("requires a session", async () => {
      expect((await env.t.request("/api/feeds")).status).toBe(401);
    });
  });
});

describe.each(storeFactories)("*arr feeds without FEED_TOKEN, behind BASE_URL ($name)", (factory) => {
  let env: CatalogueTestEnv;
  beforeEach(async () => {
    env = await catalogueTestEnv(factory, { config: { feedToken: null, baseUrl: "https://stellarr.example.com" } });
  });
  afterEach(() => env.close());

  it("serves public feeds and says so", async () => {
    const res = await env.t.request("/list/radarr");
    assertArrParsable(res, await jsonOf(res));
    const body = await jsonOf(await env.t.request("/api/feeds", { token: env.token }));
    expect(body.token_required).toBe(false);
    expect(body.feeds.sonarr.url).toBe("https://stellarr.example.com/list/sonarr");
  });
});
