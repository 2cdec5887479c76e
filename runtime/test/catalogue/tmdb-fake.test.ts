/** The fake itself speaks TMDB's wire format (raw HTTP, no adapter in between). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTmdbFake, type TmdbFake } from "../fakes/tmdb.js";

let fake: TmdbFake;
beforeAll(async () => {
  fake = await startTmdbFake();
});
afterAll(() => fake.close());

const get = async (path: string, key: string | null = fake.apiKey) => {
  const url = new URL(fake.url + path);
  if (key !== null) url.searchParams.set("api_key", key);
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any };
};

describe("TMDB fake wire format", () => {
  it("rejects a missing or wrong key like TMDB", async () => {
    for (const key of [null, "nope"]) {
      const r = await get("/movie/603", key);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ success: false, status_code: 7, status_message: "Invalid API key: You must be granted a valid key." });
    }
  });

  it("answers 404 with TMDB's body for unknown ids and paths", async () => {
    expect((await get("/movie/999999999")).body).toMatchObject({ status_code: 34 });
    expect((await get("/nothing/here")).status).toBe(404);
  });

  it("serves multi search with media_type and movie search without", async () => {
    const multi = await get("/search/multi?query=matrix&include_adult=false");
    expect(multi.type).toMatch(/^application\/json/);
    expect(multi.body).toMatchObject({ page: 1, total_results: expect.any(Number), total_pages: 1 });
    const types = new Set(multi.body.results.map((r: any) => r.media_type));
    expect(types).toEqual(new Set(["movie", "collection"]));
    const movie = await get("/search/movie?query=matrix");
    expect(movie.body.results[0]).not.toHaveProperty("media_type");
    expect(movie.body.results[0]).toMatchObject({ id: 603, title: "The Matrix", release_date: expect.stringMatching(/^1999-/) });
    expect((await get("/search/movie?query=matrix&page=501")).status).toBe(400);
  });

  it("serves details with appended external ids, and /external_ids", async () => {
    const tv = await get("/tv/1396?append_to_response=external_ids");
    expect(tv.body).toMatchObject({
      id: 1396,
      name: "Breaking Bad",
      number_of_seasons: 5,
      external_ids: { imdb_id: "tt0903747", tvdb_id: 81189 },
    });
    expect((await get("/tv/1396")).body).not.toHaveProperty("external_ids");
    expect((await get("/tv/900002/external_ids")).body).toMatchObject({ id: 900002, tvdb_id: null, imdb_id: null });
  });

  it("serves /tv/{id} with TMDB's season list, genres and countries, and /movie/{id} with origin and production countries", async () => {
    const tv = (await get("/tv/1396")).body;
    expect(tv.seasons.map((s: any) => [s.season_number, s.episode_count, s.name])).toEqual([
      [0, 10, "Specials"],
      [1, 7, "Season 1"],
      [2, 13, "Season 2"],
      [3, 13, "Season 3"],
      [4, 13, "Season 4"],
      [5, 16, "Season 5"],
    ]);
    expect(tv).toMatchObject({ number_of_seasons: 5, number_of_episodes: 62, original_language: "en", origin_country: ["US"] });
    const aot = (await get("/tv/1429")).body;
    expect(aot).toMatchObject({ genres: [{ id: 16, name: "Animation" }], original_language: "ja", origin_country: ["JP"] });
    const movie = (await get("/movie/129")).body;
    expect(movie).toMatchObject({
      genres: [{ id: 16, name: "Animation" }],
      original_language: "ja",
      origin_country: ["JP"],
      production_countries: [{ iso_3166_1: "JP", name: "Japan" }],
    });
    expect(movie).not.toHaveProperty("seasons");
    expect((await get("/search/tv?query=bluey")).body.results[0]).toMatchObject({ genre_ids: [16, 10762, 35], origin_country: ["AU"] });
  });

  it("mixes persons into trending/all and pages it", async () => {
    const p1 = await get("/trending/all/week?page=1");
    expect(p1.body.results).toHaveLength(20);
    expect(p1.body.results.some((r: any) => r.media_type === "person")).toBe(true);
    expect(p1.body.total_pages).toBeGreaterThan(5);
    const p2 = await get("/trending/all/week?page=2");
    expect(p2.body.results[0].id).not.toBe(p1.body.results[0].id);
  });

  it("injects failures once and records calls without the key", async () => {
    fake.reset();
    fake.failNext("/movie/603", 503, { "retry-after": "7" });
    const first = await fetch(`${fake.url}/movie/603?api_key=${fake.apiKey}`);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("7");
    await first.arrayBuffer();
    expect((await get("/movie/603")).status).toBe(200);
    expect(fake.calls.map((c) => c.status)).toEqual([503, 200]);
    expect(JSON.stringify(fake.calls)).not.toContain(fake.apiKey);
  });
});
