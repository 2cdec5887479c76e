/**
 * The replay of Radarr's and Sonarr's instance lists (@stellarr/testkit/arr/*) behaves like the
 * apps' C#: the exact requests, the Test dialog's messages, Json.NET's failures, the filters and
 * Sonarr's season monitoring. Stellarr's own tests rely on it, so it is proven here against a
 * scripted source.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { arrRequestUrl } from "@stellarr/testkit/arr/http";
import { radarrList, radarrWouldAdd } from "@stellarr/testkit/arr/radarr";
import { sonarrList, sonarrMonitoredSeasons, sonarrWouldAdd } from "@stellarr/testkit/arr/sonarr";
import { type ScriptedSource, startScriptedSource } from "./helpers.js";

const KEY = "k3y-0123456789";

const movie = (over: Record<string, unknown> = {}) => ({
  tmdbId: 603,
  title: "The Matrix",
  year: 1999,
  qualityProfileId: 1,
  tags: [7],
  path: "/stellarr/movies/The Matrix (1999)",
  monitored: true,
  images: [{ coverType: "poster", remoteUrl: "https://image.tmdb.org/t/p/w300/x.jpg" }],
  ...over,
});

const series = (over: Record<string, unknown> = {}) => ({
  tvdbId: 81189,
  title: "Breaking Bad",
  year: 2008,
  qualityProfileId: 1,
  languageProfileId: 1,
  rootFolderPath: "/stellarr/tv",
  tags: [],
  monitored: true,
  images: [],
  seasons: [
    { seasonNumber: 0, monitored: false },
    { seasonNumber: 1, monitored: false },
    { seasonNumber: 2, monitored: true },
  ],
  ...over,
});

describe("request URLs as HttpRequestBuilder/HttpUri build them", () => {
  it("trims trailing slashes, joins with one slash, keeps the Full URL's query before the list's own", () => {
    expect(arrRequestUrl("http://h:8080/arr/radarr", "/api/v3/movie", [["excludeLocalCovers", "True"]])).toBe(
      "http://h:8080/arr/radarr/api/v3/movie?excludeLocalCovers=True",
    );
    expect(arrRequestUrl("http://h/arr/radarr///", "/api/v3/movie")).toBe("http://h/arr/radarr/api/v3/movie");
    expect(arrRequestUrl("http://h", "api/v3/rootfolder")).toBe("http://h/api/v3/rootfolder");
    expect(arrRequestUrl("https://h/arr/sonarr?apikey=a%20b", "/api/v3/series", [["x", "a b"]])).toBe(
      "https://h/arr/sonarr/api/v3/series?apikey=a%20b&x=a%20b",
    );
  });
});

describe("Radarr list replay", () => {
  let src: ScriptedSource;
  beforeAll(async () => (src = await startScriptedSource({ apiKey: KEY })));
  afterAll(() => src.close());
  beforeEach(() => {
    src.seen.length = 0;
    src.set("/arr/radarr/api/v3/movie", { body: [movie()] });
  });
  const list = (over: Partial<Parameters<typeof radarrList>[0]> = {}, build?: "production" | "development") =>
    radarrList({ baseUrl: `${src.url}/arr/radarr/`, apiKey: KEY, ...over }, { build });

  it("syncs with GET {Full URL}/api/v3/movie?excludeLocalCovers=True, Accept json and X-Api-Key", async () => {
    const radarr = list();
    const r = await radarr.fetch();
    expect(r).toMatchObject({ ok: true, items: [{ tmdbId: 603, title: "The Matrix", year: 1999 }], violations: [] });
    expect(src.seen).toHaveLength(1);
    expect(src.seen[0]).toMatchObject({ path: "/arr/radarr/api/v3/movie", query: "?excludeLocalCovers=True" });
    expect(src.seen[0]!.headers).toMatchObject({ accept: "application/json", "x-api-key": KEY });
    expect(radarrWouldAdd(r, { tmdbIds: [] })).toEqual([{ tmdbId: 603, title: "The Matrix", year: 1999 }]);
    expect(radarrWouldAdd(r, { tmdbIds: [603] })).toEqual([]);
  });

  it("makes no request at all without an API key", async () => {
    const radarr = list({ apiKey: "  " });
    expect(await radarr.fetch()).toMatchObject({ ok: true, items: [] });
    expect(await radarr.test()).toEqual({ property: "ApiKey", message: "'Api Key' must not be empty." });
    expect(await radarr.tags()).toEqual({ devices: [] });
    expect(src.seen).toHaveLength(0);
  });

  it("Test: 401 → API Key is invalid; 404 → unable to connect, with the URL; success → null", async () => {
    expect(await list({ apiKey: "wrong" }).test()).toEqual({ property: "ApiKey", message: "API Key is invalid" });
    expect(await list({ baseUrl: `${src.url}/nope` }).test()).toEqual({
      property: "",
      message: `Unable to connect to import list: HTTP request failed: [404:NotFound] [GET] at [${src.url}/nope/api/v3/movie?excludeLocalCovers=True]. Check the log surrounding this error for details.`,
    });
    expect(await list().test()).toBeNull();
    expect(await list({ baseUrl: "ftp://x" }).test()).toEqual({
      property: "BaseUrl",
      message: "must be valid URL that starts with http(s)://",
    });
  });

  it("redirects: followed with the API key in production builds, reported as a wrong URL base in development", async () => {
    src.set("/moved/api/v3/movie", { status: 301, headers: { location: "/arr/radarr/api/v3/movie" } });
    const prod = list({ baseUrl: `${src.url}/moved` });
    expect(await prod.test()).toBeNull();
    expect(prod.calls.map((c) => c.status)).toEqual([301, 200]);
    expect(prod.calls[1]!.headers["x-api-key"]).toBe(KEY);
    expect(await list({ baseUrl: `${src.url}/moved` }, "development").test()).toEqual({
      property: "BaseUrl",
      message: "Radarr URL is invalid, are you missing a URL base?",
    });
    src.set("/loop/api/v3/movie", { status: 302, headers: { location: "/loop/api/v3/movie" } });
    const loop = await list({ baseUrl: `${src.url}/loop` }).fetch();
    expect(loop.ok).toBe(false);
    expect(loop.error).toMatch(/^Too many automatic redirections/);
    expect(loop.calls).toHaveLength(5);
  });

  it("fails the whole list where Json.NET does", async () => {
    const bad: [string, unknown][] = [
      ["null tmdbId", [movie({ tmdbId: null })]],
      ["null year", [movie({ year: null })]],
      ["null monitored", [movie({ monitored: null })]],
      ["null inCinemas", [movie({ inCinemas: null })]],
      ["unknown cover type", [movie({ images: [{ coverType: "cover" }] })]],
      ["tags not an array", [movie({ tags: 7 })]],
      ["int outside Int32", [movie({ qualityProfileId: 2 ** 31 })]],
      ["numeric string for an int (Json.NET coerces; Stellarr must not rely on it)", [movie({ year: "1999" })]],
      ["not an array", { movies: [] }],
      ["malformed", "[{"],
      ["null element", [null]],
      ["top-level null", "null"],
      ["empty body", ""],
    ];
    for (const [name, body] of bad) {
      src.set("/arr/radarr/api/v3/movie", { body });
      const r = await list().fetch();
      expect(r.ok, name).toBe(false);
      expect(r.items, name).toEqual([]);
    }
  });

  it("Test only deserialises: a top-level null passes Test but fails every sync", async () => {
    src.set("/arr/radarr/api/v3/movie", { body: "null" });
    expect(await list().test()).toBeNull();
    expect((await list().fetch()).error).toBe("Object reference not set to an instance of an object.");
  });

  it("tolerates what Json.NET tolerates, but reports Stellarr-contract violations", async () => {
    src.set("/arr/radarr/api/v3/movie", {
      body: [movie({ title: null, tags: undefined, path: undefined, extra: { any: 1 } }), { TMDBID: 5, tmdbId: 6 }],
    });
    const r = await list().fetch();
    expect(r.ok).toBe(true);
    expect(r.items.map((m) => m.tmdbId)).toEqual([603, 6]);
    expect(r.violations).toEqual([
      "[0].title: null (omit the field instead)",
      '[1].tmdbId: also spelled "TMDBID" (Json.NET keeps the last one)',
      "[0].tags: missing (a tag filter would fail the whole list)",
      "[0].path: missing (a root-folder filter would fail the whole list)",
      "[1].tags: missing (a tag filter would fail the whole list)",
      "[1].path: missing (a root-folder filter would fail the whole list)",
    ]);
    // The same body with a tag filter set: Radarr dereferences the missing tags.
    expect((await list({ tagIds: [7] }).fetch()).ok).toBe(false);
    src.set("/arr/radarr/api/v3/movie", { body: [movie({ tmdbId: 0 })] });
    const zero = await list().fetch();
    expect(zero.violations).toEqual(["[0].tmdbId: 0 (must be > 0, else Radarr searches the title)"]);
    expect(radarrWouldAdd(zero)).toEqual([]);
  });

  it("applies the profile, tag (any) and root-folder (case-insensitive substring) filters", async () => {
    src.set("/arr/radarr/api/v3/movie", {
      body: [
        movie({ tmdbId: 1, qualityProfileId: 1, tags: [], path: "/stellarr/movies/A" }),
        movie({ tmdbId: 2, qualityProfileId: 2, tags: [7, 9], path: "/stellarr/movies/B" }),
        movie({ tmdbId: 3, qualityProfileId: 2, tags: [9], path: "/Stellarr/Anime/C" }),
      ],
    });
    const ids = async (over: Parameters<typeof list>[0]) => (await list(over).fetch()).items.map((m) => m.tmdbId);
    expect(await ids({})).toEqual([1, 2, 3]);
    expect(await ids({ profileIds: [2] })).toEqual([2, 3]);
    expect(await ids({ tagIds: [7, 8] })).toEqual([2]);
    expect(await ids({ rootFolderPaths: ["/stellarr/anime"] })).toEqual([3]);
    expect(await ids({ profileIds: [2], tagIds: [9], rootFolderPaths: ["/stellarr/movies"] })).toEqual([2]);
  });

  it("drop-downs: one GET each, answered as {options: [{value, name}]} sorted by name", async () => {
    src.set("/arr/radarr/api/v3/qualityprofile", {
      body: [
        { id: 2, name: "4K" },
        { id: 1, name: "Default" },
        { id: 3, name: "any" },
      ],
    });
    src.set("/arr/radarr/api/v3/tag", {
      body: [
        { id: 9, label: "zeta" },
        { id: 1, label: "anime" },
      ],
    });
    src.set("/arr/radarr/api/v3/rootfolder", {
      body: [
        { id: 1, path: "/b" },
        { id: 2, path: "/A" },
      ],
    });
    const radarr = list();
    expect(await radarr.qualityProfiles()).toEqual({
      options: [
        { value: 2, name: "4K" },
        { value: 3, name: "any" },
        { value: 1, name: "Default" },
      ],
    });
    expect(await radarr.tags()).toEqual({
      options: [
        { value: 1, name: "anime" },
        { value: 9, name: "zeta" },
      ],
    });
    expect(await radarr.rootFolders()).toEqual({
      options: [
        { value: "/A", name: "/A" },
        { value: "/b", name: "/b" },
      ],
    });
    expect(src.seen.map((s) => s.path)).toEqual([
      "/arr/radarr/api/v3/qualityprofile",
      "/arr/radarr/api/v3/tag",
      "/arr/radarr/api/v3/rootfolder",
    ]);
    src.set("/arr/radarr/api/v3/tag", { body: [{ id: null, label: "x" }] });
    await expect(radarr.tags()).rejects.toThrow(/System.Int32/);
  });
});

describe("Sonarr list replay", () => {
  let src: ScriptedSource;
  beforeAll(async () => (src = await startScriptedSource({ apiKey: KEY })));
  afterAll(() => src.close());
  beforeEach(() => {
    src.seen.length = 0;
    src.set("/arr/sonarr/api/v3/series", { body: [series()] });
  });
  const list = (over: Partial<Parameters<typeof sonarrList>[0]> = {}) =>
    sonarrList({ baseUrl: `${src.url}/arr/sonarr`, apiKey: KEY, ...over });

  it("syncs with GET {Full URL}/api/v3/series (no query) and hands over seasons only with Sync Season Monitoring", async () => {
    const off = await list().fetch();
    expect(src.seen[0]).toMatchObject({ path: "/arr/sonarr/api/v3/series", query: "" });
    expect(off.items).toEqual([{ tvdbId: 81189, title: "Breaking Bad", seasons: [] }]);
    expect(sonarrWouldAdd(off, { monitor: "future" })).toEqual([
      { tvdbId: 81189, title: "Breaking Bad", monitored: true, addMonitor: "future", seasons: [] },
    ]);
    const on = await list({ syncSeasonMonitoring: true }).fetch();
    const [added] = sonarrWouldAdd(on, { monitor: "none" });
    expect(added).toMatchObject({ monitored: false, addMonitor: "skip" });
    expect(sonarrMonitoredSeasons(added!.seasons, [0, 1, 2, 3], "all")).toEqual([2, 3]);
    expect(sonarrMonitoredSeasons(added!.seasons, [0, 1, 2, 3], "none")).toEqual([2]);
  });

  it("a null seasons fails the list only with Sync Season Monitoring on", async () => {
    src.set("/arr/sonarr/api/v3/series", { body: [series({ seasons: null })] });
    expect((await list().fetch()).ok).toBe(true);
    expect((await list({ syncSeasonMonitoring: true }).fetch()).ok).toBe(false);
    src.set("/arr/sonarr/api/v3/series", { body: [series({ seasons: [{ seasonNumber: 1, monitored: null }] })] });
    expect((await list().fetch()).ok).toBe(false);
  });

  it("filters by language profile too, and rejects tvdbId 0", async () => {
    src.set("/arr/sonarr/api/v3/series", { body: [series({ languageProfileId: 2 }), series({ tvdbId: 0, title: "No id" })] });
    expect((await list({ languageProfileIds: [1] }).fetch()).items.map((s) => s.title)).toEqual(["No id"]);
    const r = await list().fetch();
    expect(r.violations).toEqual(["[1].tvdbId: 0 (must be > 0, else Sonarr rejects the series)"]);
    expect(sonarrWouldAdd(r).map((s) => s.tvdbId)).toEqual([81189]);
  });

  it("Test messages name Sonarr; the language-profile drop-down calls /languageprofile", async () => {
    src.set("/moved/api/v3/series", { status: 307, headers: { location: "/arr/sonarr/api/v3/series" } });
    expect(await sonarrList({ baseUrl: `${src.url}/moved`, apiKey: KEY }, { build: "development" }).test()).toEqual({
      property: "BaseUrl",
      message: "Sonarr URL is invalid, are you missing a URL base?",
    });
    src.set("/arr/sonarr/api/v3/languageprofile", { body: [{ id: 1, name: "Default" }] });
    expect(await list().languageProfiles()).toEqual({ options: [{ value: 1, name: "Default" }] });
    expect(src.seen.at(-1)!.path).toBe("/arr/sonarr/api/v3/languageprofile");
  });
});
