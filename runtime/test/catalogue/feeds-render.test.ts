import { describe, expect, it } from "vitest";
import { describeFeeds, CLEAN_LIBRARY_WARNING } from "../../src/domain/feeds/describe.js";
import { feedErrorBody, renderRadarrStevenLu, renderRadarrTmdb, renderSonarr } from "../../src/domain/feeds/render.js";

const base = { tmdb_id: 603, title: "The Matrix", year: 1999, imdb_id: "tt0133093", tvdb_id: null, poster_path: "/abc.jpg" };

describe("feed rendering", () => {
  it("renders StevenLu items with Title (Year), lowercase imdb id and a poster URL, omitting unknowns", () => {
    expect(renderRadarrStevenLu([base])).toEqual([
      { title: "The Matrix (1999)", imdb_id: "tt0133093", poster_url: "https://image.tmdb.org/t/p/w300/abc.jpg" },
    ]);
    expect(renderRadarrStevenLu([{ ...base, imdb_id: "TT0133093", poster_path: null, year: null }])).toEqual([
      { title: "The Matrix", imdb_id: "tt0133093" },
    ]);
    expect(renderRadarrStevenLu([{ ...base, title: null, imdb_id: null, poster_path: null }])).toEqual([{ title: "tmdb:603" }]);
    expect(renderRadarrStevenLu([{ ...base, title: "Unknown", imdb_id: null, year: null }])[0]!.title).toBe("tmdb:603");
    expect(renderRadarrStevenLu([{ ...base, imdb_id: "garbage" }])[0]).not.toHaveProperty("imdb_id");
  });

  it("titles a StevenLu item tmdb:<id> whenever its IMDb id is unknown, so Radarr maps it by TMDB id, not by a title search", () => {
    expect(renderRadarrStevenLu([{ ...base, imdb_id: null }])).toEqual([
      { title: "tmdb:603", poster_url: "https://image.tmdb.org/t/p/w300/abc.jpg" },
    ]);
    expect(renderRadarrStevenLu([{ ...base, imdb_id: "garbage" }])[0]!.title).toBe("tmdb:603");
    expect(renderRadarrStevenLu([{ ...base, imdb_id: "tt0133093" }])[0]!.title).toBe("The Matrix (1999)");
  });

  it("renders Radarr Custom Lists items with integer TMDB ids", () => {
    expect(renderRadarrTmdb([base, { ...base, tmdb_id: 27205, title: null }])).toEqual([
      { id: 603, title: "The Matrix" },
      { id: 27205, title: "TMDB 27205" },
    ]);
  });

  it("renders Sonarr items with integer tvdbId, tmdbId and imdbId, omitting unknown ids (never null or 0)", () => {
    const items = renderSonarr([
      { ...base, tmdb_id: 1396, title: "Breaking Bad", imdb_id: "tt0903747", tvdb_id: 81189 },
      { ...base, tmdb_id: 126308, title: "Shōgun", imdb_id: "tt2788316", tvdb_id: null },
      { ...base, tmdb_id: 900002, title: "Brand New Show", imdb_id: null, tvdb_id: null },
      { ...base, tmdb_id: 42, title: null, imdb_id: "garbage", tvdb_id: 0 },
    ]);
    expect(items).toEqual([
      { tvdbId: 81189, tmdbId: 1396, imdbId: "tt0903747", title: "Breaking Bad" },
      { tmdbId: 126308, imdbId: "tt2788316", title: "Shōgun" },
      { tmdbId: 900002, title: "Brand New Show" },
      { tmdbId: 42, title: "TMDB 42" },
    ]);
    for (const item of items) for (const v of Object.values(item)) expect(v === null || v === 0).toBe(false);
  });

  it("keeps Sonarr's own title fallback for titled-less shows with a TVDB id", () => {
    expect(renderSonarr([{ ...base, tmdb_id: 1396, title: "  ", imdb_id: null, tvdb_id: 81189 }])).toEqual([
      { tvdbId: 81189, tmdbId: 1396, title: "TvdbId: 81189" },
    ]);
  });

  it("builds a Radarr-displayable error body", () => {
    expect(feedErrorBody(401, "invalid_token", "Invalid feed token")).toEqual({
      detail: "Invalid feed token",
      code: "invalid_token",
      errors: [{ id: "invalid_token", status: 401, title: "Invalid feed token", detail: "Invalid feed token" }],
    });
  });
});

describe("describeFeeds", () => {
  it("puts the real token in the URLs", () => {
    const info = describeFeeds("https://stellarr.example.com", "s3cr et/+");
    expect(info.token_required).toBe(true);
    expect(info.feeds.radarr.url).toBe("https://stellarr.example.com/list/radarr?token=s3cr%20et%2F%2B");
    expect(info.feeds.radarr_tmdb.url).toBe("https://stellarr.example.com/list/radarr/tmdb?token=s3cr%20et%2F%2B");
    expect(info.feeds.sonarr.url).toBe("https://stellarr.example.com/list/sonarr?token=s3cr%20et%2F%2B");
    expect(info.warning).toBe(CLEAN_LIBRARY_WARNING);
    expect(info.warning).toMatch(/Clean Library/);
  });

  it("has plain URLs for public feeds", () => {
    const info = describeFeeds("http://localhost:8080/", null);
    expect(info.token_required).toBe(false);
    expect(info.feeds.sonarr.url).toBe("http://localhost:8080/list/sonarr");
  });
});
