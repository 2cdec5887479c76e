import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  normaliseDetails,
  normaliseFind,
  normaliseImdbId,
  normaliseItem,
  normaliseItems,
  pageNumbers,
  yearOf,
} from "../../src/domain/catalogue/normalise.js";
import { fold, queryMatcher, words } from "../../src/domain/catalogue/search-text.js";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/tmdb/${name}`, import.meta.url), "utf8"));

describe("TMDB normalisation", () => {
  it("reads /search/movie results (no media_type) with the endpoint's type", () => {
    const raw = fixture("search_movie_response.json");
    const items = normaliseItems(raw.results, "movie");
    expect(items[0]).toEqual({
      id: 272,
      media_type: "movie",
      title: "Batman Begins",
      year: 2005,
      overview: raw.results[0].overview,
      poster_path: "/8RW2runSEc34IwKN2D1aPcJd2UL.jpg",
      vote_average: 7.7,
    });
    expect(pageNumbers(raw, 1)).toEqual({ page: 1, total_pages: 1, total_results: 2 });
    // Without a type, results lacking media_type are not guessed at.
    expect(normaliseItems(raw.results)).toEqual([]);
  });

  it("reads trending results, using name/first_air_date for shows", () => {
    const raw = fixture("trending_tv_day_response.json");
    const items = normaliseItems(raw.results);
    expect(items).toHaveLength(raw.results.length);
    expect(items[0]).toMatchObject({ id: 202411, media_type: "tv", title: "Monarch: Legacy of Monsters", year: 2023 });
  });

  it("drops persons and collections, defaults the title, tolerates empty dates and null paths", () => {
    const items = normaliseItems([
      { id: 1, media_type: "person", name: "Someone" },
      { id: 2, media_type: "collection", title: "A Collection" },
      { id: 3, media_type: "movie", release_date: "", poster_path: null },
      { id: 4, media_type: "tv", name: "", original_name: "原題", first_air_date: "2020-01-01" },
      { id: "x", media_type: "movie", title: "bad id" },
      { id: 3, media_type: "movie", title: "duplicate" },
    ]);
    expect(items).toEqual([
      { id: 3, media_type: "movie", title: "Unknown", year: null, overview: null, poster_path: null, vote_average: null },
      { id: 4, media_type: "tv", title: "原題", year: 2020, overview: null, poster_path: null, vote_average: null },
    ]);
    expect(normaliseItem(null)).toBeNull();
    expect(normaliseItems("nope")).toEqual([]);
  });

  it("extracts external ids from details", () => {
    expect(
      normaliseDetails(
        {
          id: 1396,
          name: "Breaking Bad",
          first_air_date: "2008-01-20",
          number_of_seasons: 5,
          external_ids: { imdb_id: "TT0903747", tvdb_id: 81189 },
        },
        "tv",
      ),
    ).toMatchObject({ id: 1396, media_type: "tv", imdb_id: "tt0903747", tvdb_id: 81189, number_of_seasons: 5, year: 2008 });
    expect(
      normaliseDetails({ id: 603, title: "The Matrix", imdb_id: "tt0133093", external_ids: { imdb_id: null, tvdb_id: 5 } }, "movie"),
    ).toMatchObject({
      imdb_id: "tt0133093",
      tvdb_id: null,
      number_of_seasons: null,
    });
    expect(normaliseDetails({ id: 9, name: "New", external_ids: { imdb_id: "", tvdb_id: null } }, "tv")).toMatchObject({
      imdb_id: null,
      tvdb_id: null,
    });
  });

  it("keeps what request routing needs from /tv/{id}: seasons (specials included), genres, language, origin countries", () => {
    const d = normaliseDetails(
      {
        id: 1429,
        name: "Attack on Titan",
        first_air_date: "2013-04-07",
        genres: [
          { id: 16, name: "Animation" },
          { id: 10759, name: "Action & Adventure" },
          { id: 16, name: "Animation" },
        ],
        original_language: "JA",
        origin_country: ["jp", "JP", "Japan", 3],
        number_of_seasons: 4,
        seasons: [
          { air_date: "2013-04-07", episode_count: 25, id: 60046, name: "Season 1", season_number: 1 },
          { air_date: null, episode_count: 2, id: 60047, name: "Specials", season_number: 0 },
          { episode_count: null, season_number: 2 },
          { season_number: 1, episode_count: 99 },
          { season_number: -1 },
          { season_number: "3" },
          null,
        ],
      },
      "tv",
    );
    expect(d).toMatchObject({
      genre_ids: [16, 10759],
      original_language: "ja",
      origin_country: ["JP"],
      seasons: [
        { season_number: 0, episode_count: 2 },
        { season_number: 1, episode_count: 25 },
        { season_number: 2, episode_count: null },
      ],
    });
  });

  it("for movies: seasons null, origin_country from TMDB or else the production countries", () => {
    const movie = (extra: object) => normaliseDetails({ id: 129, title: "Spirited Away", ...extra }, "movie")!;
    expect(
      movie({
        genres: [{ id: 16, name: "Animation" }],
        original_language: "ja",
        origin_country: ["JP"],
        production_countries: [{ iso_3166_1: "US", name: "United States of America" }],
      }),
    ).toMatchObject({ seasons: null, genre_ids: [16], original_language: "ja", origin_country: ["JP"] });
    expect(movie({ production_countries: [{ iso_3166_1: "jp", name: "Japan" }, { name: "?" }] }).origin_country).toEqual(["JP"]);
    expect(movie({ genre_ids: [16, 0, "x"], original_language: "" })).toMatchObject({
      genre_ids: [16],
      original_language: null,
      origin_country: [],
    });
    expect(normaliseDetails({ id: 9, name: "New" }, "tv")).toMatchObject({ seasons: [], genre_ids: [], origin_country: [] });
  });

  it("reduces /find to ids, including the shows of episodes and seasons", () => {
    expect(
      normaliseFind({
        movie_results: [{ id: 603 }],
        tv_results: [{ id: 1396 }],
        tv_episode_results: [
          { id: 62085, show_id: 1396 },
          { id: 62086, show_id: 1396 },
        ],
        tv_season_results: [{ id: 3572, show_id: 1399 }],
        person_results: [{ id: 17419 }],
      }),
    ).toEqual({ movie_ids: [603], tv_ids: [1396], episode_show_ids: [1396, 1399] });
    expect(normaliseFind(null)).toEqual({ movie_ids: [], tv_ids: [], episode_show_ids: [] });
  });

  it("parses years and IMDb ids strictly", () => {
    expect(yearOf("1999-03-30")).toBe(1999);
    expect(yearOf("")).toBeNull();
    expect(yearOf(null)).toBeNull();
    expect(normaliseImdbId("tt0133093")).toBe("tt0133093");
    expect(normaliseImdbId("TT0133093")).toBe("tt0133093");
    expect(normaliseImdbId("0133093")).toBeNull();
    expect(normaliseImdbId("nm0000206")).toBeNull();
  });
});

describe("search text folding", () => {
  it("folds case, accents and ligatures", () => {
    expect(fold("Amélie")).toBe("amelie");
    expect(words("Léon: The Professional")).toEqual(["leon", "the", "professional"]);
    expect(words("Schitt's Creek")).toEqual(["schitts", "creek"]);
    expect(words("Smultronstället")).toEqual(["smultronstallet"]);
  });

  it("matches every query word as a word prefix", () => {
    const m = queryMatcher("lord ring")!;
    expect(m(["The Lord of the Rings"])).toBe(true);
    expect(m(["The Lord of War"])).toBe(false);
    expect(queryMatcher("  ")).toBeNull();
    expect(queryMatcher("千と")!(["千と千尋の神隠し"])).toBe(true);
  });
});
