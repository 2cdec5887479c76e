import { describe, expect, it } from "vitest";
import { plexLibraryEntry } from "../../../src/domain/plex/library-entry.js";

describe("plexLibraryEntry", () => {
  it.each([
    [
      { title: "The Matrix", guid: "plex://movie/x", Guid: [{ id: "imdb://tt0133093" }, { id: "tmdb://603" }] },
      { tmdb_id: 603, tvdb_id: null, title: "The Matrix" },
    ],
    [
      { title: "Bluey (2018)", guid: "plex://show/x", Guid: [{ id: "tmdb://82728" }, { id: "tvdb://353546" }] },
      { tmdb_id: 82728, tvdb_id: 353546, title: "Bluey" },
    ],
    [
      { title: "Breaking Bad", guid: "com.plexapp.agents.thetvdb://81189?lang=en" },
      { tmdb_id: null, tvdb_id: 81189, title: "Breaking Bad" },
    ],
    [
      { title: "Heat", guid: "com.plexapp.agents.themoviedb://949?lang=en" },
      { tmdb_id: 949, tvdb_id: null, title: "Heat" },
    ],
    [{ guid: "com.plexapp.agents.hama://tvdb-76885?lang=en" }, { tmdb_id: null, tvdb_id: 76885, title: null }],
  ])("%j", (meta, expected) => {
    expect(plexLibraryEntry(meta)).toEqual(expected);
  });

  it("IMDb alone is sent as imdb_id (legacy agent and new-agent Guid lists); an IMDb id beside TMDB/TVDB is not", () => {
    expect(plexLibraryEntry({ title: "Legacy", guid: "com.plexapp.agents.imdb://tt2283336?lang=en" })).toEqual({
      tmdb_id: null,
      tvdb_id: null,
      imdb_id: "tt2283336",
      title: "Legacy",
    });
    expect(plexLibraryEntry({ guid: "plex://movie/5d776", Guid: [{ id: "imdb://tt0133093" }] })).toEqual({
      tmdb_id: null,
      tvdb_id: null,
      imdb_id: "tt0133093",
      title: null,
    });
    expect(plexLibraryEntry({ guid: "plex://movie/5d776", Guid: [{ id: "imdb://tt0133093" }, { id: "tmdb://603" }] })).toEqual({
      tmdb_id: 603,
      tvdb_id: null,
      title: null,
    });
  });

  it("no TMDB/TVDB/IMDb id → null (anidb, personal media)", () => {
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.hama://anidb-23" })).toBeNull();
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.none://abc", Guid: "nope" })).toBeNull();
  });
});
