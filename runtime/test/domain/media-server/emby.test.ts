import { describe, expect, it } from "vitest";
import { EMBY_TEST_SERVER_ID, embyWebhook } from "@stellarr/testkit/fakes/emby-webhook";
import { parseEmbyWebhook } from "../../../src/domain/media-server/emby.js";
import { fixture, issues, ok } from "../../support/media-server.js";

const parse = (body: unknown) => ok(parseEmbyWebhook(JSON.parse(JSON.stringify(body))));

describe("parseEmbyWebhook: library.new", () => {
  it("a real (4.7.13) movie item: title, year, capitalised ProviderIds", () => {
    const e = parse(fixture("emby", "library.new_movie_4.7.13.derived.json"));
    expect(e).toMatchObject({
      source: "emby",
      event: "item_added",
      name: "library.new",
      server: { id: "f40a5bd0c6b64051bdbed00580fa1118", name: "PN41" },
    });
    expect(e.item).toEqual({
      kind: "movie",
      type: "Movie",
      id: "240270",
      title: "蜘蛛侠：纵横宇宙",
      year: 2023,
      seriesId: null,
      seriesTitle: null,
      seriesYear: null,
      seasonNumber: null,
      episodeNumber: null,
      ids: { tmdb: 569094, tvdb: null, imdb: "tt9362722" },
    });
  });

  it("a real (4.7.13) episode item: ParentIndexNumber is the season; its Tmdb is the episode's own id; no series year", () => {
    const e = parse(fixture("emby", "library.new_episode_4.7.13.derived.json"));
    expect(e.item).toMatchObject({
      kind: "episode",
      id: "240252",
      title: "第 11 集",
      year: null,
      seriesId: "240202",
      seriesTitle: "长风渡",
      seriesYear: null,
      seasonNumber: 1,
      episodeNumber: 11,
      ids: { tmdb: 4533239, tvdb: null, imdb: null },
    });
  });

  it("a season's number is its IndexNumber; a series is a show; a top-level Series object gives the series' year", () => {
    const season = parse(
      embyWebhook("library.new", { type: "Season", name: "Season 2", seasonNumber: 2, seriesName: "Breaking Bad", year: 2009 }),
    );
    expect(season.item).toMatchObject({
      kind: "season",
      title: "Season 2",
      seasonNumber: 2,
      episodeNumber: null,
      seriesTitle: "Breaking Bad",
      seriesYear: null,
    });
    const show = parse(
      embyWebhook("library.new", { type: "Series", name: "Breaking Bad", year: 2008, providerIds: { Tvdb: "81189", Imdb: "tt0903747" } }),
    );
    expect(show.item).toMatchObject({ kind: "show", year: 2008, ids: { tmdb: null, tvdb: 81189, imdb: "tt0903747" } });
    const withSeries = parse(
      embyWebhook(
        "library.new",
        { type: "Episode", name: "Pilot", year: 2013, seasonNumber: 1, episodeNumber: 1, providerIds: { Tvdb: "349232" } },
        {},
        { Series: { Name: "Breaking Bad", ProductionYear: 2008 } },
      ),
    );
    expect(withSeries.item).toMatchObject({ seriesTitle: "Breaking Bad", seriesYear: 2008, ids: { tvdb: 349232 } });
  });

  it("ProviderIds in any key case, numbers, stray whitespace; invalid values absent; missing ProviderIds is no ids", () => {
    const ids = (ProviderIds: unknown) => parse({ Event: "library.new", Item: { Type: "Movie", Name: "x", ProviderIds } }).item?.ids;
    expect(ids({ tmdb: " 603 ", IMDB: "TT0133093", TvDb: 81189 })).toEqual({ tmdb: 603, tvdb: 81189, imdb: "tt0133093" });
    expect(ids({ Tmdb: "", Imdb: "nm0000206", Tvdb: "0", TmdbCollection: "2344" })).toEqual({ tmdb: null, tvdb: null, imdb: null });
    expect(ids(undefined)).toEqual({ tmdb: null, tvdb: null, imdb: null });
    expect(ids(null)).toEqual({ tmdb: null, tvdb: null, imdb: null });
  });

  it("event names without regard to case; numeric ids stringified; other item types are `other`", () => {
    const e = parse({ Event: "Library.New", Server: { Id: 42 }, Item: { Type: "Audio", Id: 7, Name: "Song" } });
    expect(e).toMatchObject({ event: "item_added", server: { id: "42", name: null }, item: { kind: "other", type: "Audio", id: "7" } });
  });
});

describe("parseEmbyWebhook: other events", () => {
  it("real playback captures and a test notification are `other`, their items unread", () => {
    expect(parse(fixture("emby", "playback.stop_movie_4.7.13.json"))).toMatchObject({ event: "other", name: "playback.stop", item: null });
    expect(parse(fixture("emby", "playback.start_episode_4.7.13.json"))).toMatchObject({
      event: "other",
      name: "playback.start",
      item: null,
    });
    expect(parse(embyWebhook("system.notificationtest", null))).toMatchObject({
      event: "other",
      item: null,
      server: { id: EMBY_TEST_SERVER_ID },
    });
    expect(parse({ Event: "item.rate", Item: "not read" }).event).toBe("other");
  });
});

describe("parseEmbyWebhook: wrong shapes (→ 422)", () => {
  it("not an object; Event missing or not a string; Server not an object", () => {
    for (const body of [null, [], "library.new", 1])
      expect(issues(parseEmbyWebhook(body))).toEqual([{ path: [], message: "Payload must be a JSON object" }]);
    expect(issues(parseEmbyWebhook({ Item: {} }))).toEqual([{ path: ["Event"], message: "Required" }]);
    expect(issues(parseEmbyWebhook({ Event: ["library.new"] }))).toEqual([{ path: ["Event"], message: "Expected a string" }]);
    expect(issues(parseEmbyWebhook({ Event: "x", Server: [] }))).toEqual([{ path: ["Server"], message: "Expected an object" }]);
    expect(issues(parseEmbyWebhook({ Event: "x", Server: { Id: {}, Name: 3 } }))).toEqual([
      { path: ["Server", "Id"], message: "Expected a string or a number" },
      { path: ["Server", "Name"], message: "Expected a string" },
    ]);
  });

  it("library.new: Item and Item.Type required; fields of the wrong type named by path", () => {
    expect(issues(parseEmbyWebhook({ Event: "library.new" }))).toEqual([{ path: ["Item"], message: "Required" }]);
    expect(issues(parseEmbyWebhook({ Event: "library.new", Item: "Movie" }))).toEqual([{ path: ["Item"], message: "Expected an object" }]);
    expect(issues(parseEmbyWebhook({ Event: "library.new", Item: { Name: "x" } }))).toEqual([
      { path: ["Item", "Type"], message: "Required" },
    ]);
    expect(
      issues(parseEmbyWebhook({ Event: "library.new", Item: { Type: "Movie", ProviderIds: "tmdb=603", IndexNumber: {} }, Series: 1 })),
    ).toEqual([
      { path: ["Item", "IndexNumber"], message: "Expected a string or a number" },
      { path: ["Item", "ProviderIds"], message: "Expected an object" },
      { path: ["Series"], message: "Expected an object" },
    ]);
  });
});
