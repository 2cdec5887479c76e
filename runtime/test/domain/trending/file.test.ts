import { describe, expect, it } from "vitest";
import { parseTrendingFileName, trendingFileName } from "../../../src/contract/trending.js";
import { buildTrendingFile, showIds, trendingFiles, withSeasonCounts } from "../../../src/domain/trending/file.js";
import type { CatalogueItem } from "../../../src/ports/catalogue.js";

const item = (id: number, media_type: string, extra: Partial<CatalogueItem> = {}): CatalogueItem =>
  ({ id, media_type, title: `T${id}`, year: 2020, overview: "o", poster_path: "/p.jpg", vote_average: 7.5, ...extra }) as CatalogueItem;

describe("trending file names", () => {
  it("lists locale × type in a stable order", () => {
    expect(trendingFiles(["en", "pt-BR"]).map((f) => f.name)).toEqual([
      "trending-all-en.json",
      "trending-movie-en.json",
      "trending-tv-en.json",
      "trending-all-pt-BR.json",
      "trending-movie-pt-BR.json",
      "trending-tv-pt-BR.json",
    ]);
  });

  it("refuses a locale that could escape the name pattern", () => {
    expect(() => trendingFileName("all", "../etc")).toThrow();
    expect(() => trendingFileName("all", "EN")).toThrow();
  });

  it("parses only served names for configured locales", () => {
    expect(parseTrendingFileName("trending-tv-fr.json", ["en", "fr"])).toEqual({ type: "tv", locale: "fr" });
    expect(parseTrendingFileName("trending-tv-xx.json", ["en", "fr"])).toBeNull();
    expect(parseTrendingFileName("trending-person-en.json", ["en"])).toBeNull();
    expect(parseTrendingFileName("trending-all-en.json.bak", ["en"])).toBeNull();
    expect(parseTrendingFileName("x/trending-all-en.json", ["en"])).toBeNull();
  });
});

describe("buildTrendingFile", () => {
  it("keeps the §8 fields only, drops non-video types and dedupes across pages", () => {
    const file = buildTrendingFile(
      [
        [item(1, "movie"), item(2, "tv"), item(3, "person"), item(1, "tv")],
        [item(1, "movie", { title: "moved" }), item(4, "collection"), item(5, "movie", { title: "" })],
      ],
      "2026-11-29T09:00:00.000Z",
    );
    expect(file.generated_at).toBe("2026-11-29T09:00:00.000Z");
    expect(file.results.map((r) => `${r.media_type}:${r.id}`)).toEqual(["movie:1", "tv:2", "tv:1", "movie:5"]);
    expect(file.results[0]).toEqual({
      id: 1,
      title: "T1",
      year: 2020,
      overview: "o",
      poster_path: "/p.jpg",
      media_type: "movie",
      vote_average: 7.5,
    });
    expect(file.results[3]!.title).toBe("Unknown");
    expect(Object.keys(file.results[0]!).sort()).toEqual(["id", "media_type", "overview", "poster_path", "title", "vote_average", "year"]);
  });

  it("turns missing optional fields into null and drops invalid ids", () => {
    const partial = { id: 7, media_type: "tv", title: "X" } as unknown as CatalogueItem;
    const file = buildTrendingFile([[partial, item(-1, "movie"), item(1.5, "movie")]], "t");
    expect(file.results).toEqual([
      { id: 7, title: "X", year: null, overview: null, poster_path: null, media_type: "tv", vote_average: null },
    ]);
  });
});

describe("season counts", () => {
  it("adds each show's count and season numbers (null when unknown) and leaves movies without the fields", () => {
    const file = buildTrendingFile([[item(1, "movie"), item(2, "tv"), item(3, "tv"), item(2, "movie")]], "t");
    expect(showIds(file)).toEqual([2, 3]);
    const counted = withSeasonCounts(file, new Map([[2, { number_of_seasons: 5, season_numbers: [0, 1, 2, 3, 4, 5] }]]));
    expect(counted.results.map((r) => [r.media_type, r.id, r.number_of_seasons, r.season_numbers])).toEqual([
      ["movie", 1, undefined, undefined],
      ["tv", 2, 5, [0, 1, 2, 3, 4, 5]],
      ["tv", 3, null, null],
      ["movie", 2, undefined, undefined],
    ]);
    expect(Object.keys(counted.results[0]!)).not.toContain("number_of_seasons");
    expect(Object.keys(counted.results[0]!)).not.toContain("season_numbers");
    // The input body is not changed.
    expect(file.results.some((r) => "number_of_seasons" in r)).toBe(false);
  });
});
