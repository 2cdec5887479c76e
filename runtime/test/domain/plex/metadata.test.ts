import { describe, expect, it } from "vitest";
import { parsePlexItem, type PlexMetadata } from "../../../src/domain/plex/metadata.js";
import { checkEnvelope, checkMetadata } from "../../../src/domain/plex/payload.js";
import { plexFixture } from "@stellarr/testkit/plex";

const fixture = (name: string) => plexFixture(name) as unknown as { Metadata: PlexMetadata };

describe("parsePlexItem on the real fixtures", () => {
  it("Plex-agent episode: Guid[] ids are episode-level, the show guid is grandparentGuid", () => {
    const item = parsePlexItem(fixture("library.new_episode_plex-agent.json").Metadata)!;
    expect(item).toEqual({
      plexType: "episode",
      mediaType: "tv",
      title: "Bluey",
      year: 2018,
      showGuid: "plex://show/5d9c090e705e7a001e6e94d8",
      ids: { tmdb: null, tvdb: null, imdb: null },
      childIds: { tmdb: 2499236, tvdb: 8031280, imdb: "tt13429908" },
    });
  });

  it("legacy TheTVDB-agent episode: the guid's first segment is the series id", () => {
    const item = parsePlexItem(fixture("media.pause_episode_legacy-thetvdb-agent.reconstructed.json").Metadata)!;
    expect(item.ids).toEqual({ tmdb: null, tvdb: 94571, imdb: null });
    expect(item.title).toBe("Community");
    // No grandparentGuid in old payloads, and the episode's year is not the show's.
    expect(item.showGuid).toBeNull();
    expect(item.year).toBeNull();
  });

  it("Plex-agent movie", () => {
    const item = parsePlexItem(fixture("media.pause_movie_plex-agent.json").Metadata)!;
    expect(item.mediaType).toBe("movie");
    expect(item.showGuid).toBe("plex://movie/123");
    expect(item.title).toBe("2 Fast 2 Furious");
    expect(item.year).toBe(2003);
  });

  it("legacy IMDb-agent movie", () => {
    const item = parsePlexItem(fixture("media.play_movie_legacy-imdb-agent.json").Metadata)!;
    expect(item.ids).toEqual({ tmdb: null, tvdb: null, imdb: "tt2283336" });
    expect(item.showGuid).toBe("com.plexapp.agents.imdb://tt2283336?lang=en");
  });

  it("a music track is not a video type", () => {
    expect(parsePlexItem(fixture("media.play_track_plex-support-article-example.json").Metadata)).toBeNull();
  });
});

describe("parsePlexItem levels", () => {
  it("show-level: own Guid[] ids are show ids", () => {
    const item = parsePlexItem({
      type: "show",
      title: "Bluey",
      year: 2018,
      guid: "plex://show/x",
      Guid: [{ id: "tmdb://82728" }, { id: "tvdb://353181" }],
    })!;
    expect(item.ids).toEqual({ tmdb: 82728, tvdb: 353181, imdb: null });
    expect(item.childIds).toEqual({ tmdb: null, tvdb: null, imdb: null });
    expect(item.showGuid).toBe("plex://show/x");
  });

  it("season-level: Guid[] ids are season ids; the show guid and title come from the parent", () => {
    const item = parsePlexItem({
      type: "season",
      title: "Season 2",
      guid: "plex://season/s",
      parentGuid: "plex://show/x",
      parentTitle: "Bluey",
      parentYear: 2018,
      Guid: [{ id: "tmdb://123456" }, { id: "tvdb://777" }],
    })!;
    expect(item).toMatchObject({ mediaType: "tv", title: "Bluey", year: 2018, showGuid: "plex://show/x" });
    expect(item.ids.tmdb).toBeNull();
    expect(item.childIds).toEqual({ tmdb: 123456, tvdb: 777, imdb: null });
  });

  it("legacy TMDB-agent TV episode: the first segment is the show's TMDB id", () => {
    const item = parsePlexItem({
      type: "episode",
      guid: "com.plexapp.agents.themoviedb://1396/1/1?lang=en",
      grandparentTitle: "Breaking Bad",
    })!;
    expect(item.ids).toEqual({ tmdb: 1396, tvdb: null, imdb: null });
  });

  it("hama anime episode", () => {
    const item = parsePlexItem({
      type: "episode",
      guid: "com.plexapp.agents.hama://tvdb-81189/1/2?lang=en",
      grandparentGuid: "com.plexapp.agents.hama://tvdb-81189?lang=en",
    })!;
    expect(item.ids.tvdb).toBe(81189);
  });

  it("episode without grandparentGuid: its Guid[] tmdb id never becomes a show id", () => {
    const item = parsePlexItem({ type: "episode", guid: "plex://episode/e", grandparentTitle: "Bluey", Guid: [{ id: "tmdb://2499236" }] })!;
    expect(item.showGuid).toBeNull();
    expect(item.ids.tmdb).toBeNull();
    expect(item.childIds.tmdb).toBe(2499236);
  });

  it("missing title stays null, blank guids are absent", () => {
    const item = parsePlexItem({ type: "movie", guid: "  " })!;
    expect(item.title).toBeNull();
    expect(item.showGuid).toBeNull();
  });
});

describe("payload shape checks", () => {
  it("rejects non-objects", () => {
    for (const v of [null, 1, "x", [], true]) expect(checkEnvelope(v).ok).toBe(false);
  });
  it("rejects a wrong-typed event or Server", () => {
    expect(checkEnvelope({ event: 5 })).toEqual({ ok: false, issues: [{ path: ["event"], message: "Expected string" }] });
    expect(checkEnvelope({ event: "library.new", Server: "x" }).ok).toBe(false);
    expect(checkEnvelope({ event: "library.new", Metadata: [] }).ok).toBe(false);
  });
  it("accepts the fixtures and names bad Metadata fields", () => {
    expect(checkMetadata(fixture("media.play_movie_legacy-imdb-agent.json").Metadata).ok).toBe(true);
    const bad = checkMetadata({ type: "movie", year: "2001", Guid: [{ id: 5 }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((i) => i.path)).toEqual([
        ["Metadata", "year"],
        ["Metadata", "Guid", 0, "id"],
      ]);
    expect(checkMetadata({ title: "x" }).ok).toBe(false);
  });
});
