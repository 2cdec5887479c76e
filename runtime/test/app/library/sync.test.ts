import { describe, expect, it } from "vitest";
import { resolveItems } from "../../../src/app/library/sync.js";
import { fakeCatalogue } from "@stellarr/testkit/plex";

describe("resolveItems", () => {
  it("dedupes by TMDB id (later fields win, unknown fields stay unset) and reports unresolved indexes", async () => {
    const cat = fakeCatalogue({ "tvdb_id:81189": { tv_ids: [1396] } });
    const r = await resolveItems(
      "tv",
      [
        { tmdb_id: 1396, tvdb_id: null, title: "Breaking Bad" },
        { tmdb_id: null, tvdb_id: 81189, title: null },
        { tmdb_id: null, tvdb_id: 5, title: "?" },
        { tmdb_id: 7, tvdb_id: null, title: null },
      ],
      cat,
    );
    expect(r.entries).toEqual([{ tmdb_id: 1396, tvdb_id: 81189, title: "Breaking Bad" }, { tmdb_id: 7 }]);
    expect(r.unresolved).toEqual([2]);
  });

  it("movies map through movie_results", async () => {
    const cat = fakeCatalogue({ "tvdb_id:20800": { movie_ids: [584], tv_ids: [9] } });
    expect((await resolveItems("movie", [{ tmdb_id: null, tvdb_id: 20800, title: null }], cat)).entries).toEqual([
      { tmdb_id: 584, tvdb_id: 20800 },
    ]);
  });
});
