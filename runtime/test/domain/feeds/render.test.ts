import { describe, expect, it } from "vitest";
import { describeFeeds, CLEAN_LIBRARY_WARNING } from "../../../src/domain/feeds/describe.js";
import { feedErrorBody, renderRadarrStevenLu, renderRadarrTmdb, renderSonarr } from "../../../src/domain/feeds/render.js";

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

  it("renders Radarr Custom Lists items with integer TMDB ids", () => {
    expect(renderRadarrTmdb([base, { ...base, tmdb_id: 27205, title: null }])).toEqual([
      { id: 603, title: "The Matrix" },
      { id: 27205, title: "TMDB 27205" },
    ]);
  });

  it("renders Sonarr items with integer tvdbId and leaves out shows without one", () => {
    expect(
      renderSonarr([
        { ...base, tmdb_id: 1396, title: "Breaking Bad", tvdb_id: 81189 },
        { ...base, tmdb_id: 126308, title: "Shōgun", tvdb_id: null },
      ]),
    ).toEqual([{ tvdbId: 81189, title: "Breaking Bad" }]);
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
