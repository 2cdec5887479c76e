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

  it("no TMDB/TVDB id → null (IMDb alone is not enough; anidb, personal media)", () => {
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.imdb://tt2283336?lang=en" })).toBeNull();
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.hama://anidb-23" })).toBeNull();
    expect(plexLibraryEntry({ guid: "com.plexapp.agents.none://abc", Guid: "nope" })).toBeNull();
  });
});
