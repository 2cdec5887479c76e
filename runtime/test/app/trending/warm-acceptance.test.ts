/**
 * Issue 10 acceptance: the warmer against the TMDB fake (real TMDB client), four locales, into the
 * SigV4-verifying S3 server and into a data directory.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTmdbCatalogue } from "../../../src/adapters/catalogue/tmdb/index.js";
import { createFsTrendingSink } from "../../../src/adapters/trending/fs-sink.js";
import { createS3TrendingSink } from "../../../src/adapters/trending/s3-sink.js";
import type { TrendingFile } from "../../../src/contract/trending.js";
import { runTrendingWarmer } from "../../../src/app/trending/warm.js";
import { nullLogger } from "../../../src/adapters/log/null-logger.js";
import { startS3Fake, type S3Fake } from "@stellarr/testkit/fakes/s3";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { fixedClock } from "../../support/trending-catalogue.js";

const LOCALES = ["en", "es", "fr", "de"];
const NAMES = LOCALES.flatMap((l) => ["all", "movie", "tv"].map((t) => `trending-${t}-${l}.json`)).sort();
const PERSON_NAMES = ["Keanu Reeves", "Bryan Cranston", "Hayao Miyazaki", "Scarlett Johansson"];

let tmdb: TmdbFake;
let s3: S3Fake;
let dir: string;
beforeAll(async () => {
  [tmdb, s3, dir] = await Promise.all([
    startTmdbFake(),
    startS3Fake({ buckets: ["stellarr-trending"] }),
    mkdtemp(join(tmpdir(), "stellarr-warm-")),
  ]);
});
afterAll(async () => {
  await Promise.all([tmdb?.close(), s3?.close(), dir && rm(dir, { recursive: true, force: true })]);
});

const catalogue = () => createTmdbCatalogue({ apiKey: tmdb.apiKey, baseUrl: tmdb.url, logger: nullLogger });

function checkFile(name: string, body: TrendingFile, generatedAt: string): void {
  const [, type, locale] = /^trending-(all|movie|tv)-(\w+)\.json$/.exec(name)!;
  expect(body.generated_at).toBe(generatedAt);
  expect(body.results.length).toBeGreaterThan(20); // two pages
  for (const r of body.results) {
    const fields = ["id", "media_type", "overview", "poster_path", "title", "vote_average", "year"];
    // Shows carry their season count and season numbers from TMDB's details (the fake knows every show's seasons).
    if (r.media_type === "tv") fields.push("number_of_seasons", "season_numbers");
    expect(Object.keys(r).sort()).toEqual(fields.sort());
    if (r.media_type === "tv") {
      expect(r.number_of_seasons).toBeGreaterThan(0);
      // Regular seasons 1…n, after specials (0) when TMDB lists them.
      const regular = r.season_numbers!.filter((n) => n > 0);
      expect(regular).toEqual(Array.from({ length: r.number_of_seasons! }, (_, i) => i + 1));
      expect(r.season_numbers!.length - regular.length).toBeLessThanOrEqual(1);
    }
    expect(["movie", "tv"]).toContain(r.media_type);
    if (type !== "all") expect(r.media_type).toBe(type);
  }
  if (type === "all") expect(new Set(body.results.map((r) => r.media_type))).toEqual(new Set(["movie", "tv"]));
  // Persons are mixed into TMDB's /trending/all: none may reach a file.
  expect(body.results.filter((r) => PERSON_NAMES.includes(r.title))).toEqual([]);
  expect(body.results.some((r) => (r as { name?: string }).name !== undefined)).toBe(false);
  const keys = body.results.map((r) => `${r.media_type}:${r.id}`);
  expect(new Set(keys).size).toBe(keys.length);
  // The locale went to TMDB as `language` (the fake marks non-English overviews).
  const marked = body.results.filter((r) => r.overview?.startsWith(`[${locale}] `)).length;
  if (locale === "en") expect(marked).toBe(0);
  else expect(marked).toBeGreaterThan(0);
}

describe("trending warmer acceptance (TMDB fake, four locales)", () => {
  it("writes 12 files to S3 with the right headers, then keeps a failed file's previous version", async () => {
    const clock = fixedClock();
    const sink = createS3TrendingSink({
      bucket: "stellarr-trending",
      region: s3.region,
      endpoint: s3.endpoint,
      credentials: s3.credentials,
    });
    tmdb.reset();
    const first = await runTrendingWarmer({ catalogue: catalogue(), sink, locales: LOCALES, logger: nullLogger, clock });
    expect(first.ok).toBe(true);
    expect(first.files.map((f) => f.name).sort()).toEqual(NAMES);

    const trendingCalls = tmdb.callsTo("/trending/");
    expect(trendingCalls).toHaveLength(24);
    expect(new Set(trendingCalls.map((c) => `${c.path}?page=${c.query.page}&language=${c.query.language}`)).size).toBe(24);
    expect(new Set(trendingCalls.map((c) => c.query.page))).toEqual(new Set(["1", "2"]));

    const before = new Map<string, string>();
    for (const name of NAMES) {
      const res = await s3.get("stellarr-trending", name);
      expect(res.status, name).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
      const text = await res.text();
      before.set(name, text);
      checkFile(name, JSON.parse(text) as TrendingFile, first.generated_at);
    }

    // Exactly TMDB's movies and shows of pages 1–2, in order: the persons it mixed in are gone.
    const raw: { media_type: string; id: number }[] = [];
    for (const page of [1, 2]) {
      const res = await fetch(`${tmdb.url}/trending/all/week?api_key=${tmdb.apiKey}&page=${page}&language=en`);
      raw.push(...((await res.json()) as { results: { media_type: string; id: number }[] }).results);
    }
    expect(raw.some((r) => r.media_type === "person")).toBe(true);
    const allEn = JSON.parse(before.get("trending-all-en.json")!) as TrendingFile;

    // Season counts: one details call per show across all 12 files (the catalogue's cache), none for movies.
    const shows = new Set(
      [...before.values()].flatMap((text) =>
        (JSON.parse(text) as TrendingFile).results.filter((r) => r.media_type === "tv").map((r) => r.id),
      ),
    );
    const detailCalls = tmdb.callsTo("/tv/").map((c) => Number(/^\/tv\/(\d+)$/.exec(c.path)?.[1]));
    expect(detailCalls.sort((a, b) => a - b)).toEqual([...shows].sort((a, b) => a - b));
    expect(tmdb.callsTo("/movie/")).toEqual([]);
    expect(allEn.results.map((r) => `${r.media_type}:${r.id}`)).toEqual(
      raw.filter((r) => r.media_type === "movie" || r.media_type === "tv").map((r) => `${r.media_type}:${r.id}`),
    );

    // One file's fetch fails (TMDB 500 on the first /trending/tv call = trending-tv-en.json page 1).
    clock.advance(86_400_000);
    tmdb.failNext("/trending/tv/week", 500, {}, { times: 1 });
    const second = await runTrendingWarmer({ catalogue: catalogue(), sink, locales: LOCALES, logger: nullLogger, clock });
    expect(second.ok).toBe(false);
    const failed = second.files.filter((f) => !f.ok);
    expect(failed).toEqual([{ name: "trending-tv-en.json", ok: false, error: expect.stringMatching(/^UpstreamError: /) }]);
    expect(failed[0]!.error).not.toContain(tmdb.apiKey);
    expect(await (await s3.get("stellarr-trending", "trending-tv-en.json")).text()).toBe(before.get("trending-tv-en.json"));
    const refreshed = JSON.parse(await (await s3.get("stellarr-trending", "trending-tv-fr.json")).text()) as TrendingFile;
    expect(refreshed.generated_at).toBe(second.generated_at);
    expect(second.generated_at).not.toBe(first.generated_at);
  });

  it("a wrong S3 secret is rejected by the server: nothing is written, every file reported", async () => {
    const sink = createS3TrendingSink({
      bucket: "stellarr-trending",
      region: s3.region,
      endpoint: s3.endpoint,
      credentials: { accessKeyId: s3.credentials.accessKeyId, secretAccessKey: "wrong" },
    });
    const result = await runTrendingWarmer({ catalogue: catalogue(), sink, locales: ["pt-BR"], logger: nullLogger, clock: fixedClock() });
    expect(result.files.map((f) => [f.name, f.ok])).toEqual([
      ["trending-all-pt-BR.json", false],
      ["trending-movie-pt-BR.json", false],
      ["trending-tv-pt-BR.json", false],
    ]);
    expect(result.files.every((f) => /SignatureDoesNotMatch/.test(f.error ?? ""))).toBe(true);
    expect((await s3.get("stellarr-trending", "trending-all-pt-BR.json")).status).toBe(404);
  });

  it("writes 12 files into the data directory, and a failure keeps the file on disk", async () => {
    const clock = fixedClock();
    const trendingDir = join(dir, "trending");
    const sink = createFsTrendingSink(trendingDir);
    const first = await runTrendingWarmer({ catalogue: catalogue(), sink, locales: LOCALES, logger: nullLogger, clock });
    expect(first.ok).toBe(true);
    expect((await readdir(trendingDir)).sort()).toEqual(NAMES);
    for (const name of NAMES)
      checkFile(name, JSON.parse(await readFile(join(trendingDir, name), "utf8")) as TrendingFile, first.generated_at);

    const kept = await readFile(join(trendingDir, "trending-all-en.json"), "utf8");
    clock.advance(3_600_000);
    tmdb.failNext("/trending/all/week", 503, {}, { times: 1 });
    const second = await runTrendingWarmer({ catalogue: catalogue(), sink, locales: LOCALES, logger: nullLogger, clock });
    expect(second.files.filter((f) => !f.ok).map((f) => f.name)).toEqual(["trending-all-en.json"]);
    expect(await readFile(join(trendingDir, "trending-all-en.json"), "utf8")).toBe(kept);
    expect(JSON.parse(await readFile(join(trendingDir, "trending-all-de.json"), "utf8")).generated_at).toBe(second.generated_at);
    expect((await readdir(trendingDir)).sort()).toEqual(NAMES);
  });
});
