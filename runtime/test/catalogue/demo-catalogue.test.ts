import { describe, expect, it } from "vitest";
import { createDemoCatalogue, demoTitles, DEMO_PAGE_SIZE } from "../../src/adapters/catalogue/demo/index.js";
import { isAnime } from "../../src/domain/arr/anime.js";
import { DEMO_ANIMATION, DEMO_ORIGINS, DEMO_SEASONS } from "../../src/adapters/catalogue/demo/facts.js";
import { DEMO_MOVIES } from "../../src/adapters/catalogue/demo/movies.js";
import { DEMO_SHOWS } from "../../src/adapters/catalogue/demo/shows.js";

describe("demo catalogue data", () => {
  it("has at least 200 movies and 100 shows", () => {
    expect(DEMO_MOVIES.length).toBeGreaterThanOrEqual(200);
    expect(DEMO_SHOWS.length).toBeGreaterThanOrEqual(100);
  });

  it("has well-formed ids", () => {
    for (const t of demoTitles()) {
      expect(Number.isSafeInteger(t.id) && t.id > 0, `${t.title} tmdb id`).toBe(true);
      expect(t.imdb_id, `${t.title} imdb id`).toMatch(/^tt\d{7,8}$/);
      if (t.tvdb_id !== null) expect(Number.isSafeInteger(t.tvdb_id) && t.tvdb_id > 0, `${t.title} tvdb id`).toBe(true);
      if (t.media_type === "movie") expect(t.tvdb_id).toBeNull();
      if (t.media_type === "tv")
        expect(Number.isInteger(t.number_of_seasons) && t.number_of_seasons! >= 1, `${t.title} seasons`).toBe(true);
      expect(t.year! >= 1900 && t.year! <= 2026, `${t.title} year`).toBe(true);
      expect(t.title.trim()).not.toBe("");
      expect(t.poster_path).toBeNull();
      expect(t.overview!.length, `${t.title} description is short`).toBeLessThanOrEqual(120);
    }
  });

  it("gives every show a season list matching its season count (specials only as season 0)", () => {
    for (const t of demoTitles()) {
      if (t.media_type === "movie") {
        expect(t.seasons).toBeNull();
        continue;
      }
      const regular = t.seasons!.filter((s) => s.season_number > 0).map((s) => s.season_number);
      expect(regular, t.title).toEqual(Array.from({ length: t.number_of_seasons! }, (_, i) => i + 1));
      expect(t.seasons!.map((s) => s.season_number)).toEqual([...t.seasons!.map((s) => s.season_number)].sort((a, b) => a - b));
      for (const s of t.seasons!) if (s.episode_count !== null) expect(s.episode_count, t.title).toBeGreaterThan(0);
    }
    for (const [id, facts] of DEMO_SEASONS) {
      const show = demoTitles().find((t) => t.media_type === "tv" && t.id === id);
      expect(show, `facts for unknown show ${id}`).toBeDefined();
      if (facts.episodes.length > 0) expect(facts.episodes.length, show!.title).toBe(show!.number_of_seasons);
    }
  });

  it("carries real season lists and routing facts for well-known titles", async () => {
    const cat = createDemoCatalogue();
    expect((await cat.details("tv", 1396))!.seasons).toEqual([
      { season_number: 0, episode_count: null },
      { season_number: 1, episode_count: 7 },
      { season_number: 2, episode_count: 13 },
      { season_number: 3, episode_count: 13 },
      { season_number: 4, episode_count: 13 },
      { season_number: 5, episode_count: 16 },
    ]);
    expect(await cat.details("movie", 129)).toMatchObject({ genre_ids: [16], original_language: "ja", origin_country: ["JP"] });
    expect(await cat.details("tv", 1429)).toMatchObject({ genre_ids: [16], original_language: "ja", origin_country: ["JP"] });
    expect(await cat.details("movie", 603)).toMatchObject({ genre_ids: [], original_language: "en", origin_country: ["US"] });
    expect(await cat.details("tv", 93405)).toMatchObject({ original_language: "ko", origin_country: ["KR"] });
    const anime = demoTitles()
      .filter((t) => isAnime(t))
      .map((t) => t.title);
    expect(anime).toEqual(expect.arrayContaining(["Spirited Away", "Akira", "Attack on Titan", "Cowboy Bebop"]));
    expect(anime).not.toEqual(expect.arrayContaining(["Toy Story"]));
    expect(anime.some((t) => ["Toy Story", "Arcane", "Avatar: The Last Airbender", "Seven Samurai"].includes(t))).toBe(false);
    for (const key of [...DEMO_ANIMATION, ...DEMO_ORIGINS.keys()]) {
      const [kind, id] = key.split(":");
      expect(
        demoTitles().some((t) => t.media_type === kind && t.id === Number(id)),
        `facts for unknown title ${key}`,
      ).toBe(true);
    }
  });

  it("has unique ids per kind, unique IMDb ids overall, unique TVDB ids", () => {
    const uniq = (xs: unknown[]) => new Set(xs).size === xs.length;
    expect(uniq(DEMO_MOVIES.map((m) => m[0]))).toBe(true);
    expect(uniq(DEMO_SHOWS.map((s) => s[0]))).toBe(true);
    expect(uniq(demoTitles().map((t) => t.imdb_id))).toBe(true);
    expect(uniq(DEMO_SHOWS.map((s) => s[1]).filter((x) => x !== null))).toBe(true);
  });

  it("covers the edge cases: non-ASCII titles and shows without a TVDB id", () => {
    const titles = demoTitles();
    expect(titles.some((t) => /[^\x00-\x7f]/.test(t.title))).toBe(true);
    expect(titles.some((t) => t.original_title && /\p{Script=Han}/u.test(t.original_title))).toBe(true);
    expect(titles.filter((t) => t.media_type === "tv" && t.tvdb_id === null).length).toBeGreaterThan(0);
  });

  it("knows the anchor facts", () => {
    const byKey = new Map(demoTitles().map((t) => [`${t.media_type}:${t.id}`, t]));
    expect(byKey.get("movie:603")).toMatchObject({ title: "The Matrix", imdb_id: "tt0133093", year: 1999 });
    expect(byKey.get("tv:1396")).toMatchObject({ title: "Breaking Bad", imdb_id: "tt0903747", tvdb_id: 81189, number_of_seasons: 5 });
  });
});

describe("createDemoCatalogue", () => {
  const cat = createDemoCatalogue();

  it("is labelled demo", () => expect(cat.kind).toBe("demo"));

  it("searches case- and accent-insensitively by word prefix", async () => {
    const a = await cat.search({ query: "AMELIE", page: 1, language: "en-US" });
    expect(a.results.map((r) => r.id)).toContain(194);
    const b = await cat.search({ query: "tiger dragon", page: 1, language: "en-US" });
    expect(b.results[0]).toMatchObject({ id: 146, media_type: "movie", title: "Crouching Tiger, Hidden Dragon", year: 2000 });
    const c = await cat.search({ query: "臥虎", page: 1, language: "en-US" });
    expect(c.results.map((r) => r.id)).toEqual([146]);
    const d = await cat.search({ query: "mat", page: 1, language: "en-US" });
    expect(d.results.map((r) => r.id)).toContain(603);
    const e = await cat.search({ query: "shogun", page: 1, language: "en-US" });
    expect(e.results.map((r) => `${r.media_type}:${r.id}`)).toEqual(["tv:126308"]);
  });

  it("returns results for common words, paged by 20", async () => {
    const p1 = await cat.search({ query: "the", page: 1, language: "en-US" });
    expect(p1.total_results).toBeGreaterThan(DEMO_PAGE_SIZE);
    expect(p1.results).toHaveLength(DEMO_PAGE_SIZE);
    expect(p1.total_pages).toBe(Math.ceil(p1.total_results / DEMO_PAGE_SIZE));
    const p2 = await cat.search({ query: "the", page: 2, language: "en-US" });
    const ids1 = new Set(p1.results.map((r) => `${r.media_type}:${r.id}`));
    expect(p2.results.some((r) => ids1.has(`${r.media_type}:${r.id}`))).toBe(false);
    const beyond = await cat.search({ query: "the", page: 500, language: "en-US" });
    expect(beyond.results).toEqual([]);
  });

  it("filters search by media type and matches nothing for punctuation-only queries", async () => {
    const tv = await cat.search({ query: "star", media_type: "tv", page: 1, language: "en-US" });
    expect(tv.results.length).toBeGreaterThan(0);
    expect(tv.results.every((r) => r.media_type === "tv")).toBe(true);
    const none = await cat.search({ query: "!!!", page: 1, language: "en-US" });
    expect(none).toMatchObject({ total_results: 0, results: [] });
  });

  it("answers details with external ids and null for unknown ids", async () => {
    expect(await cat.details("tv", 1399)).toMatchObject({ tvdb_id: 121361, imdb_id: "tt0944947", number_of_seasons: 8 });
    expect(await cat.details("movie", 1396)).toBeNull();
    expect(await cat.details("movie", 999_999_999)).toBeNull();
  });

  it("finds by TVDB and IMDb id", async () => {
    expect(await cat.find("81189", "tvdb_id")).toEqual({ movie_ids: [], tv_ids: [1396], episode_show_ids: [] });
    expect(await cat.find("TT0133093", "imdb_id")).toEqual({ movie_ids: [603], tv_ids: [], episode_show_ids: [] });
    expect(await cat.find("nope", "imdb_id")).toEqual({ movie_ids: [], tv_ids: [], episode_show_ids: [] });
  });

  it("has deterministic trending pages", async () => {
    const a = await cat.trending("all", 1, "en");
    expect(a).toHaveLength(20);
    expect(new Set(a.map((i) => i.media_type))).toEqual(new Set(["movie", "tv"]));
    expect(await cat.trending("all", 1, "de")).toEqual(a);
    const movies = await cat.trending("movie", 2, "en");
    expect(movies.every((i) => i.media_type === "movie")).toBe(true);
    expect(await cat.trending("tv", 99, "en")).toEqual([]);
  });
});
