/**
 * Stellarr as a Radarr / Sonarr source instance (product.md §6, docs/arr-instance.md), on both
 * stores: the exact calls Radarr's "Radarr" and Sonarr's "Sonarr" import lists make — Test, the
 * filter drop-downs, the sync — replayed by `@stellarr/testkit/arr/*` against the app, asserting on
 * what those lists' parsers and filters read. Requests are made through `POST /api/request`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFactories } from "@stellarr/testkit/stores";
import { TEST_ORIGIN } from "@stellarr/testkit/app";
import type { DropDown } from "@stellarr/testkit/arr/list";
import { radarrList, radarrWouldAdd, type RadarrListSettings } from "@stellarr/testkit/arr/radarr";
import { sonarrList, sonarrMonitoredSeasons, sonarrWouldAdd, type SonarrListSettings } from "@stellarr/testkit/arr/sonarr";
import { requesterTag } from "../../src/domain/arr/tags.js";
import { catalogueTestEnv, jsonOf, type CatalogueTestEnv } from "../support/catalogue-env.js";

const FEED_TOKEN = "feed-token-0123456789";

const option = (d: DropDown, name: string): number | string => {
  if (!("options" in d)) throw new Error("no options");
  const o = d.options.find((x) => x.name === name);
  if (!o) throw new Error(`no option ${name} in ${JSON.stringify(d.options)}`);
  return o.value;
};

describe.each(storeFactories)("*arr instance lists ($name)", (factory) => {
  let env: CatalogueTestEnv;
  const setUp = async (feedToken: string | null) => {
    env = await catalogueTestEnv(factory, { config: { feedToken } });
  };
  afterEach(() => env.close());

  /** The replays reach the app as Radarr/Sonarr would reach Stellarr (same URLs and headers), without a socket. */
  const viaApp = { fetch: ((url: string, init: RequestInit) => env.t.app.fetch(new Request(url, init))) as typeof fetch };
  const radarr = (s: Partial<RadarrListSettings> = {}) =>
    radarrList({ baseUrl: `${TEST_ORIGIN}/arr/radarr`, apiKey: FEED_TOKEN, ...s }, viaApp);
  const sonarr = (s: Partial<SonarrListSettings> = {}) =>
    sonarrList({ baseUrl: `${TEST_ORIGIN}/arr/sonarr`, apiKey: FEED_TOKEN, syncSeasonMonitoring: true, ...s }, viaApp);

  async function request(body: Record<string, unknown>, name = "alice") {
    const res = await env.t.request("/api/request", { method: "POST", json: body, token: env.t.login(name) });
    expect(res.status, JSON.stringify(await res.clone().json())).toBeLessThan(300);
  }

  /** Alice: The Matrix (default), Breaking Bad seasons 2–3. Bob: Spirited Away (4K, anime), Attack on Titan (4K, anime, all). Inception fulfilled. */
  async function seed() {
    await request({ tmdb_id: 27205, media_type: "movie" });
    await env.t.store.markAdded({ media_type: "movie", tmdb_id: 27205 }, new Date().toISOString(), null);
    await request({ tmdb_id: 603, media_type: "movie" });
    await request({ tmdb_id: 129, media_type: "movie", profile: "4k" }, "Bob");
    await request({ tmdb_id: 1396, media_type: "tv", seasons: [2, 3] });
    await request({ tmdb_id: 1429, media_type: "tv", profile: "4k" }, "Bob");
    // No TVDB id yet: left out of the Sonarr list.
    await request({ tmdb_id: 900002, media_type: "tv" });
  }

  describe("with FEED_TOKEN set", () => {
    beforeEach(() => setUp(FEED_TOKEN));

    it("Radarr: Test passes, sync lists every pending movie with the fields Radarr reads, exactly the calls Radarr makes", async () => {
      await seed();
      const list = radarr();
      expect(await list.test()).toBeNull();
      const result = await list.fetch();
      expect(result.ok).toBe(true);
      expect(result.violations).toEqual([]);
      expect(result.calls.map((c) => c.url)).toEqual([`${TEST_ORIGIN}/arr/radarr/api/v3/movie?excludeLocalCovers=True`]);
      expect(result.calls[0]).toMatchObject({ status: 200, headers: { "x-api-key": FEED_TOKEN, accept: "application/json" } });
      expect(radarrWouldAdd(result)).toEqual([
        { tmdbId: 129, title: "Spirited Away", year: 2001 },
        { tmdbId: 603, title: "The Matrix", year: 1999 },
      ]);
      const [spirited, matrix] = result.remote;
      expect(matrix).toMatchObject({ tmdbId: 603, qualityProfileId: 1, monitored: true, tags: [requesterTag("alice").id] });
      expect(matrix!.path).toMatch(/^\/stellarr\/movies\/The Matrix \(1999\)$/);
      expect(spirited).toMatchObject({ qualityProfileId: 2, tags: [1, requesterTag("Bob").id] });
      expect(spirited!.path).toMatch(/^\/stellarr\/anime\//);
      expect(matrix!.images![0]).toMatchObject({ coverType: "Poster", remoteUrl: expect.stringMatching(/^https:\/\/image\.tmdb\.org\//) });
    });

    it("Radarr: the drop-downs drive an HD, a 4K, a per-requester and an anime list", async () => {
      await seed();
      const setup = radarr();
      const profiles = await setup.qualityProfiles();
      expect(profiles).toEqual({
        options: [
          { value: 2, name: "4K" },
          { value: 1, name: "Default" },
        ],
      });
      const tags = await setup.tags();
      expect("options" in tags && tags.options.map((o) => o.name)).toEqual(["anime", "requested-by-alice", "requested-by-bob"]);
      const folders = await setup.rootFolders();
      expect("options" in folders && folders.options.map((o) => o.name)).toEqual(["/stellarr/anime", "/stellarr/movies"]);
      expect(setup.calls.map((c) => new URL(c.url).pathname)).toEqual([
        "/arr/radarr/api/v3/qualityprofile",
        "/arr/radarr/api/v3/tag",
        "/arr/radarr/api/v3/rootfolder",
      ]);

      const ids = async (s: Partial<RadarrListSettings>) => radarrWouldAdd(await radarr(s).fetch()).map((m) => m.tmdbId);
      expect(await ids({ profileIds: [option(profiles, "Default") as number] })).toEqual([603]);
      expect(await ids({ profileIds: [option(profiles, "4K") as number] })).toEqual([129]);
      expect(await ids({ tagIds: [option(tags, "requested-by-alice") as number] })).toEqual([603]);
      expect(await ids({ tagIds: [option(tags, "anime") as number] })).toEqual([129]);
      expect(await ids({ rootFolderPaths: [option(folders, "/stellarr/movies") as string] })).toEqual([603]);
      expect(await ids({ rootFolderPaths: [option(folders, "/stellarr/anime") as string] })).toEqual([129]);
    });

    it("Sonarr: Test, drop-downs and a sync with Sync Season Monitoring monitor exactly the requested seasons", async () => {
      await seed();
      const list = sonarr();
      expect(await list.test()).toBeNull();
      expect("options" in (await list.languageProfiles()) && (await list.languageProfiles())).toEqual({
        options: [{ value: 1, name: "Default" }],
      });
      const folders = await list.rootFolders();
      expect("options" in folders && folders.options.map((o) => o.name)).toEqual(["/stellarr/anime", "/stellarr/tv"]);
      const result = await list.fetch();
      expect(result.ok).toBe(true);
      expect(result.violations).toEqual([]);
      expect(result.calls.map((c) => c.url)).toEqual([`${TEST_ORIGIN}/arr/sonarr/api/v3/series`]);
      const added = sonarrWouldAdd(result, { monitor: "all", monitorNewItems: "all" });
      expect(added.map((a) => [a.tvdbId, a.addMonitor, a.monitored])).toEqual([
        [267440, "skip", true],
        [81189, "skip", true],
      ]);
      const bb = added.find((a) => a.tvdbId === 81189)!;
      // TheTVDB has what TMDB has here: exactly seasons 2 and 3 end up monitored.
      expect(sonarrMonitoredSeasons(bb.seasons, [0, 1, 2, 3, 4, 5])).toEqual([2, 3]);
      expect(bb.seasons.map((s) => s.seasonNumber)).toEqual([0, 1, 2, 3, 4, 5]);
      const aot = added.find((a) => a.tvdbId === 267440)!;
      expect(sonarrMonitoredSeasons(aot.seasons, [0, 1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
      expect(result.remote.find((s) => s.tvdbId === 267440)).toMatchObject({
        rootFolderPath: "/stellarr/anime",
        qualityProfileId: 2,
        languageProfileId: 1,
      });

      // Filters: 4K / anime root → AoT only; Alice's tag → Breaking Bad only.
      const tags = await list.tags();
      const only = async (s: Partial<SonarrListSettings>) => sonarrWouldAdd(await sonarr(s).fetch()).map((a) => a.tvdbId);
      expect(await only({ profileIds: [2] })).toEqual([267440]);
      expect(await only({ rootFolderPaths: ["/stellarr/tv"] })).toEqual([81189]);
      expect(await only({ tagIds: [option(tags, "requested-by-alice") as number] })).toEqual([81189]);
      expect(await only({ languageProfileIds: [1] })).toEqual([267440, 81189]);
    });

    it("a later request for more seasons reaches the series object at once", async () => {
      await seed();
      await request({ tmdb_id: 1396, media_type: "tv", seasons: [5] }, "carol");
      const bb = sonarrWouldAdd(await sonarr().fetch()).find((a) => a.tvdbId === 81189)!;
      expect(sonarrMonitoredSeasons(bb.seasons, [0, 1, 2, 3, 4, 5])).toEqual([2, 3, 5]);
    });

    it("status=all keeps fulfilled requests; a bad status is a 422 (Test shows it), and excludeLocalCovers is ignored whatever its value", async () => {
      await seed();
      const all = await radarr({ baseUrl: `${TEST_ORIGIN}/arr/radarr?status=all` }).fetch();
      expect(all.calls[0]!.url).toBe(`${TEST_ORIGIN}/arr/radarr/api/v3/movie?status=all&excludeLocalCovers=True`);
      expect(radarrWouldAdd(all).map((m) => m.tmdbId)).toEqual([129, 603, 27205]);
      const bad = radarr({ baseUrl: `${TEST_ORIGIN}/arr/radarr?status=added` });
      expect(await bad.test()).toMatchObject({ property: "", message: expect.stringContaining("[422:UnprocessableEntity]") });
      const res = await env.t.request("/arr/sonarr/api/v3/series?status=bogus", { headers: { "x-api-key": FEED_TOKEN } });
      expect(res.status).toBe(422);
      expect(await jsonOf(res)).toMatchObject({ code: "validation_failed", errors: [{ path: ["status"] }] });
      const falsy = await env.t.request("/arr/radarr/api/v3/movie/?excludeLocalCovers=false&apikey=" + FEED_TOKEN);
      expect(falsy.status).toBe(200);
      expect((await jsonOf(falsy)).map((m: { tmdbId: number }) => m.tmdbId)).toEqual([129, 603]);
    });

    it("a missing or wrong key is a JSON 401 (Test: API Key is invalid); ?apikey= works too; the key is never logged", async () => {
      await seed();
      expect(await radarr({ apiKey: "wrong" }).test()).toEqual({ property: "ApiKey", message: "API Key is invalid" });
      expect(await sonarr({ apiKey: "wrong" }).test()).toEqual({ property: "ApiKey", message: "API Key is invalid" });
      for (const path of ["/arr/radarr/api/v3/movie", "/arr/sonarr/api/v3/tag", "/arr/radarr/api/v3/qualityprofile"]) {
        const none = await env.t.request(path);
        expect(none.status).toBe(401);
        expect(none.headers.get("content-type")).toMatch(/^application\/json/);
        expect(await jsonOf(none)).toMatchObject({ code: "unauthorized" });
        const wrong = await env.t.request(path, { headers: { "x-api-key": FEED_TOKEN.slice(0, -1) } });
        expect((await jsonOf(wrong)).code).toBe("invalid_api_key");
        expect((await env.t.request(`${path}?apikey=${FEED_TOKEN}`)).status).toBe(200);
      }
      // A wrong header is not rescued by a right ?apikey= (the header is what the *arr sends).
      expect((await env.t.request(`/arr/radarr/api/v3/movie?apikey=${FEED_TOKEN}`, { headers: { "x-api-key": "x" } })).status).toBe(401);
      const logged = JSON.stringify(env.t.logger.lines);
      expect(logged).not.toContain(FEED_TOKEN);
      expect(logged).toContain("/arr/radarr/api/v3/movie");
    });

    it("unknown /arr paths, the bare Full URLs and other methods are JSON errors, never a redirect or the SPA", async () => {
      for (const path of [
        "/arr",
        "/arr/",
        "/arr/radarr",
        "/arr/radarr/",
        "/arr/sonarr",
        "/arr/radarr/api/v3/series",
        "/arr/sonarr/api/v3/movie",
        "/arr/lidarr/api/v1/artist",
        "/arr/radarr/api/v3/system/status",
      ]) {
        const res = await env.t.request(path, { headers: { "x-api-key": FEED_TOKEN } });
        expect(res.status, path).toBe(404);
        expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
        expect(res.headers.get("location"), path).toBeNull();
      }
      const post = await env.t.request("/arr/radarr/api/v3/movie", { method: "POST", headers: { "x-api-key": FEED_TOKEN } });
      expect(post.status).toBe(405);
      const head = await env.t.request("/arr/sonarr/api/v3/series", { method: "HEAD", headers: { "x-api-key": FEED_TOKEN } });
      expect(head.status).toBe(200);
      // A wrong URL base (missing /arr/radarr) fails Test as Radarr reports a 404.
      expect(await radarr({ baseUrl: TEST_ORIGIN }).test()).toMatchObject({ message: expect.stringContaining("[404:NotFound]") });
    });

    it("an empty Stellarr passes Test and lists nothing; tags are just anime", async () => {
      expect(await radarr().test()).toBeNull();
      expect(await sonarr().test()).toBeNull();
      expect((await radarr().fetch()).items).toEqual([]);
      expect(await radarr().tags()).toEqual({ options: [{ value: 1, name: "anime" }] });
    });

    it("GET /api/feeds lists the instance lists first, with the Full URL (no token) and the key to paste", async () => {
      const body = await jsonOf(await env.t.request("/api/feeds", { token: env.token }));
      expect(Object.keys(body.feeds)).toEqual(["radarr_instance", "sonarr_instance", "radarr_tmdb", "radarr", "sonarr"]);
      expect(body.feeds.radarr_instance).toMatchObject({ url: `${TEST_ORIGIN}/arr/radarr`, api_key: FEED_TOKEN });
      expect(body.feeds.sonarr_instance).toMatchObject({ url: `${TEST_ORIGIN}/arr/sonarr`, api_key: FEED_TOKEN });
      expect(body.feeds.sonarr_instance.setup).toContain("Sync Season Monitoring");
      expect(body.feeds.sonarr_instance.setup).toMatch(/Monitor ≠ None, Monitor New Seasons = All/);
      expect(body.feeds.radarr_tmdb.url).toContain(`token=${FEED_TOKEN}`);
    });

    it("the OpenAPI document describes the key's header and query, never the key itself", async () => {
      const res = await env.t.request("/api/openapi.json");
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(FEED_TOKEN);
      const doc = JSON.parse(text);
      const movie = doc.paths["/arr/radarr/api/v3/movie"].get;
      expect(movie.security).toEqual([{ arrApiKey: [] }, { arrApiKeyQuery: [] }, {}]);
      expect(movie.responses["401"].content["application/json"].schema.properties.code.enum).toEqual(["unauthorized", "invalid_api_key"]);
    });
  });

  describe("without FEED_TOKEN", () => {
    beforeEach(() => setUp(null));

    it("is public: any key (and none) is accepted, and the Feeds dialog offers a placeholder key", async () => {
      await seed();
      expect(await radarr({ apiKey: "anything" }).test()).toBeNull();
      expect(radarrWouldAdd(await radarr({ apiKey: "anything" }).fetch())).toHaveLength(2);
      expect((await env.t.request("/arr/sonarr/api/v3/series")).status).toBe(200);
      const body = await jsonOf(await env.t.request("/api/feeds", { token: env.token }));
      expect(body.feeds.radarr_instance.api_key).toEqual(expect.any(String));
      expect(body.feeds.radarr_instance.api_key.length).toBeGreaterThan(0);
      expect(body.feeds.radarr_instance.url).toBe(`${TEST_ORIGIN}/arr/radarr`);
    });
  });
});
