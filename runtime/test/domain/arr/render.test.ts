/**
 * The Radarr movie and Sonarr series objects, read back the way the apps read them: through the
 * replay of their instance lists (Json.NET model, filters, season monitoring). "Radarr would add
 * exactly these movies with these settings."
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRadarrMovies, radarrList, radarrWouldAdd } from "@stellarr/testkit/arr/radarr";
import { parseSonarrSeries, sonarrList, sonarrMonitoredSeasons, sonarrWouldAdd } from "@stellarr/testkit/arr/sonarr";
import type { DropDown } from "@stellarr/testkit/arr/list";
import { LANGUAGE_PROFILES, QUALITY_PROFILES } from "../../../src/domain/arr/profiles.js";
import {
  type ArrRequest,
  renderRadarrMovies,
  renderSonarrSeries,
  renderSonarrSeriesList,
  sortTitle,
} from "../../../src/domain/arr/render.js";
import { RADARR_ROOT_FOLDERS, SONARR_ROOT_FOLDERS } from "../../../src/domain/arr/root-folders.js";
import { ALL_SEASONS, seasonSelection } from "../../../src/domain/arr/seasons.js";
import { requesterTag, tagList } from "../../../src/domain/arr/tags.js";
import { type ScriptedSource, startScriptedSource } from "../../support/scripted-source.js";

const KEY = "feed-token-0123456789";

const base: ArrRequest = {
  tmdb_id: 603,
  title: "The Matrix",
  year: 1999,
  overview: "A hacker learns the truth.",
  poster_path: "/abc.jpg",
  imdb_id: "tt0133093",
  tvdb_id: null,
  requested_by: "Alice",
  profile: "default",
  anime: false,
};

const MOVIES: ArrRequest[] = [
  base,
  { ...base, tmdb_id: 129, title: "Spirited Away", year: 2001, imdb_id: "tt0245429", requested_by: "Bob", profile: "4k", anime: true },
  { ...base, tmdb_id: 900001, title: null, year: null, overview: null, poster_path: null, imdb_id: null, requested_by: null },
];

const SHOWS: ArrRequest[] = [
  {
    ...base,
    tmdb_id: 1396,
    tvdb_id: 81189,
    title: "Breaking Bad",
    year: 2008,
    imdb_id: "tt0903747",
    seasons: seasonSelection(false, [2, 3]),
    tmdb_seasons: [0, 1, 2, 3, 4, 5],
  },
  {
    ...base,
    tmdb_id: 1429,
    tvdb_id: 267440,
    title: "Attack on Titan",
    year: 2013,
    requested_by: "Bob",
    profile: "4k",
    anime: true,
    tmdb_seasons: [0, 1, 2, 3, 4],
  },
  { ...base, tmdb_id: 900002, tvdb_id: null, title: "Brand New Show", tmdb_seasons: [1] },
];

const option = (d: DropDown, name: string) => {
  if (!("options" in d)) throw new Error("no options");
  const o = d.options.find((x) => x.name === name);
  if (!o) throw new Error(`no option ${name}`);
  return o.value;
};

describe("rendered objects", () => {
  it("a Radarr movie carries every field the list reads, never null, path under its root", () => {
    const [matrix, spirited, unknown] = renderRadarrMovies(MOVIES);
    expect(matrix).toEqual({
      tmdbId: 603,
      title: "The Matrix",
      sortTitle: "matrix",
      titleSlug: "603",
      year: 1999,
      overview: "A hacker learns the truth.",
      images: [{ coverType: "poster", remoteUrl: "https://image.tmdb.org/t/p/w300/abc.jpg" }],
      monitored: true,
      qualityProfileId: 1,
      path: "/stellarr/movies/The Matrix (1999)",
      tags: [requesterTag("alice").id],
    });
    expect(spirited).toMatchObject({
      qualityProfileId: 2,
      path: "/stellarr/anime/Spirited Away (2001)",
      tags: [1, requesterTag("bob").id],
    });
    expect(unknown).toEqual({
      tmdbId: 900001,
      title: "TMDB 900001",
      sortTitle: "tmdb 900001",
      titleSlug: "900001",
      images: [],
      monitored: true,
      qualityProfileId: 1,
      path: "/stellarr/movies/TMDB 900001",
      tags: [],
    });
    expect(renderRadarrMovies([{ ...base, tmdb_id: 0 }])).toEqual([]);
  });

  it("a Sonarr series lists every TMDB season with the requested ones monitored; shows without a TVDB id are left out", () => {
    const list = renderSonarrSeriesList(SHOWS);
    expect(list.map((s) => s.tvdbId)).toEqual([81189, 267440]);
    expect(list[0]).toEqual({
      tvdbId: 81189,
      title: "Breaking Bad",
      sortTitle: "breaking bad",
      year: 2008,
      overview: expect.any(String),
      images: [{ coverType: "poster", remoteUrl: expect.stringMatching(/^https:\/\/image\.tmdb\.org\//) }],
      monitored: true,
      qualityProfileId: 1,
      languageProfileId: 1,
      rootFolderPath: "/stellarr/tv",
      tags: [requesterTag("alice").id],
      seasons: [0, 1, 2, 3, 4, 5].map((n) => ({ seasonNumber: n, monitored: n === 2 || n === 3 })),
    });
    expect(list[1]).toMatchObject({ rootFolderPath: "/stellarr/anime", qualityProfileId: 2, tags: [1, requesterTag("bob").id] });
    expect(list[1]!.seasons.filter((s) => s.monitored).map((s) => s.seasonNumber)).toEqual([1, 2, 3, 4]);
  });

  it("with TMDB's season list unknown, an all-seasons show is sent without seasons (the list's Monitor option applies); a partial one waits", () => {
    const unknown = { ...SHOWS[0]!, tmdb_seasons: null };
    expect(renderSonarrSeries({ ...unknown, seasons: null })?.seasons).toEqual([]);
    expect(renderSonarrSeries({ ...unknown, seasons: ALL_SEASONS })?.seasons).toEqual([]);
    expect(renderSonarrSeries(unknown)).toBeNull();
    expect(renderSonarrSeries({ ...unknown, seasons: seasonSelection(true, [0]) })).toBeNull();
    // Known, even empty: every listed season, monitored per the selection.
    expect(renderSonarrSeries({ ...unknown, seasons: null, tmdb_seasons: [] })?.seasons).toEqual([]);
  });

  it("sort titles drop a leading article and punctuation", () => {
    expect(sortTitle("The Lord of the Rings: The Two Towers")).toBe("lord of the rings the two towers");
    expect(sortTitle("Léon: The Professional")).toBe("léon the professional");
  });

  const request = fc.record({
    tmdb_id: fc.integer({ min: -5, max: 2 ** 31 + 5 }),
    title: fc.option(fc.string(), { nil: null }),
    year: fc.option(fc.integer({ min: -1, max: 3000 }), { nil: null }),
    overview: fc.option(fc.string(), { nil: null }),
    poster_path: fc.option(fc.oneof(fc.string(), fc.constant("/x.jpg")), { nil: null }),
    imdb_id: fc.option(fc.oneof(fc.string(), fc.constant("tt0133093")), { nil: null }),
    tvdb_id: fc.option(fc.integer({ min: -5, max: 2 ** 31 + 5 }), { nil: null }),
    requested_by: fc.option(fc.string({ maxLength: 50 }), { nil: null }),
    profile: fc.constantFrom("default" as const, "4k" as const),
    anime: fc.boolean(),
    seasons: fc.option(
      fc.oneof(
        fc.constant(ALL_SEASONS),
        fc.array(fc.nat({ max: 40 }), { minLength: 1 }).map((s) => seasonSelection(false, s)),
      ),
      { nil: undefined },
    ),
    tmdb_seasons: fc.option(fc.array(fc.nat({ max: 40 })), { nil: undefined }),
  });

  it("whatever a request holds, Radarr's and Sonarr's parsers accept the list with no violation", () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 5 }), (requests) => {
        const movies = parseRadarrMovies(JSON.stringify(renderRadarrMovies(requests)));
        expect(movies.violations).toEqual([]);
        const series = parseSonarrSeries(JSON.stringify(renderSonarrSeriesList(requests)));
        expect(series.violations).toEqual([]);
      }),
    );
  });
});

describe("through Radarr's and Sonarr's list code", () => {
  let src: ScriptedSource;
  beforeAll(async () => {
    src = await startScriptedSource({ apiKey: KEY });
    const names = [...MOVIES, ...SHOWS].map((r) => r.requested_by);
    src.set("/arr/radarr/api/v3/movie", { body: renderRadarrMovies(MOVIES) });
    src.set("/arr/radarr/api/v3/qualityprofile", { body: QUALITY_PROFILES });
    src.set("/arr/radarr/api/v3/tag", { body: tagList(names) });
    src.set("/arr/radarr/api/v3/rootfolder", { body: RADARR_ROOT_FOLDERS });
    src.set("/arr/sonarr/api/v3/series", { body: renderSonarrSeriesList(SHOWS) });
    src.set("/arr/sonarr/api/v3/qualityprofile", { body: QUALITY_PROFILES });
    src.set("/arr/sonarr/api/v3/languageprofile", { body: LANGUAGE_PROFILES });
    src.set("/arr/sonarr/api/v3/tag", { body: tagList(names) });
    src.set("/arr/sonarr/api/v3/rootfolder", { body: SONARR_ROOT_FOLDERS });
  });
  afterAll(() => src.close());

  const radarr = (filters: Partial<Parameters<typeof radarrList>[0]> = {}) =>
    radarrList({ baseUrl: `${src.url}/arr/radarr`, apiKey: KEY, ...filters });
  const sonarr = (filters: Partial<Parameters<typeof sonarrList>[0]> = {}) =>
    sonarrList({ baseUrl: `${src.url}/arr/sonarr`, apiKey: KEY, ...filters });

  it("Radarr: Test passes; an HD and a 4K instance split the list by the profile picked in the drop-down", async () => {
    const setup = radarr();
    expect(await setup.test()).toBeNull();
    const fourK = option(await setup.qualityProfiles(), "4K");
    const hd = option(await setup.qualityProfiles(), "Default");
    const hdList = await radarr({ profileIds: [hd as number] }).fetch();
    expect(radarrWouldAdd(hdList)).toEqual([
      { tmdbId: 603, title: "The Matrix", year: 1999 },
      { tmdbId: 900001, title: "TMDB 900001", year: 0 },
    ]);
    expect(radarrWouldAdd(await radarr({ profileIds: [fourK as number] }).fetch())).toEqual([
      { tmdbId: 129, title: "Spirited Away", year: 2001 },
    ]);
    expect(setup.violations).toEqual([]);
    expect(hdList.violations).toEqual([]);
  });

  it("Radarr: tags and root folders from the drop-downs route requesters and anime", async () => {
    const setup = radarr();
    const bob = option(await setup.tags(), "requested-by-bob") as number;
    const anime = option(await setup.tags(), "anime") as number;
    const animeRoot = option(await setup.rootFolders(), "/stellarr/anime") as string;
    const moviesRoot = option(await setup.rootFolders(), "/stellarr/movies") as string;
    const ids = async (f: Parameters<typeof radarr>[0]) => radarrWouldAdd(await radarr(f).fetch()).map((m) => m.tmdbId);
    expect(await ids({ tagIds: [bob] })).toEqual([129]);
    expect(await ids({ tagIds: [anime] })).toEqual([129]);
    expect(await ids({ rootFolderPaths: [animeRoot] })).toEqual([129]);
    expect(await ids({ rootFolderPaths: [moviesRoot] })).toEqual([603, 900001]);
    expect(await ids({ tagIds: [option(await setup.tags(), "requested-by-alice") as number], rootFolderPaths: [moviesRoot] })).toEqual([
      603,
    ]);
  });

  it("Sonarr: with Sync Season Monitoring, exactly the requested seasons end up monitored", async () => {
    const setup = sonarr();
    expect(await setup.test()).toBeNull();
    expect(option(await setup.languageProfiles(), "Default")).toBe(1);
    const result = await sonarr({
      syncSeasonMonitoring: true,
      profileIds: [option(await setup.qualityProfiles(), "Default") as number],
    }).fetch();
    expect(result.violations).toEqual([]);
    const [bb, ...rest] = sonarrWouldAdd(result, { monitor: "all", monitorNewItems: "all" });
    expect(rest).toEqual([]);
    expect(bb).toMatchObject({ tvdbId: 81189, addMonitor: "skip", monitored: true });
    // TheTVDB may know a season TMDB does not list yet (6): Monitor New Seasons decides that one.
    expect(sonarrMonitoredSeasons(bb!.seasons, [0, 1, 2, 3, 4, 5, 6], "all")).toEqual([2, 3, 6]);
    expect(sonarrMonitoredSeasons(bb!.seasons, [0, 1, 2, 3, 4, 5, 6], "none")).toEqual([2, 3]);

    const animeRoot = option(await setup.rootFolders(), "/stellarr/anime") as string;
    const [aot] = sonarrWouldAdd(await sonarr({ syncSeasonMonitoring: true, rootFolderPaths: [animeRoot] }).fetch());
    expect(aot).toMatchObject({ tvdbId: 267440 });
    expect(sonarrMonitoredSeasons(aot!.seasons, [0, 1, 2, 3, 4], "none")).toEqual([1, 2, 3, 4]);
  });
});
