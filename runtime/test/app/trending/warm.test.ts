import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFsTrendingSink } from "../../../src/adapters/trending/fs-sink.js";
import { runTrendingWarmer } from "../../../src/app/trending/warm.js";
import { nullLogger } from "../../../src/adapters/log/null-logger.js";
import type { TrendingFile } from "../../../src/contract/trending.js";
import { fixedClock, memorySink, seasonNumbersOf, seasonsOf, trendingDouble } from "../../support/trending-catalogue.js";

const LOCALES = ["en", "es", "fr", "de"];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("runTrendingWarmer", () => {
  it("writes 12 files for four locales from pages 1–2 with the locale as language", async () => {
    const catalogue = trendingDouble();
    const sink = memorySink();
    const clock = fixedClock();
    const result = await runTrendingWarmer({ catalogue, sink, locales: LOCALES, logger: nullLogger, clock });

    expect(result.ok).toBe(true);
    expect(result.generated_at).toBe("2026-11-29T09:00:00.000Z");
    expect(result.files).toHaveLength(12);
    expect([...sink.files.keys()].sort()).toEqual(
      LOCALES.flatMap((l) => ["all", "movie", "tv"].map((t) => `trending-${t}-${l}.json`)).sort(),
    );
    expect(catalogue.calls).toHaveLength(24);
    expect(new Set(catalogue.calls.map((c) => `${c.type}/${c.page}/${c.language}`)).size).toBe(24);
    expect(new Set(catalogue.calls.map((c) => c.page))).toEqual(new Set([1, 2]));

    const body = JSON.parse(sink.files.get("trending-movie-fr.json")!.body) as TrendingFile;
    expect(body.generated_at).toBe("2026-11-29T09:00:00.000Z");
    // 20 + 20 items, the duplicate across pages once, the person never.
    expect(body.results).toHaveLength(40);
    expect(body.results.every((r) => r.media_type === "movie")).toBe(true);
    expect(body.results[0]!.title).toBe("movie 100 (fr)");
    expect(body.results.some((r) => r.id === 999)).toBe(false);
    const all = JSON.parse(sink.files.get("trending-all-de.json")!.body) as TrendingFile;
    expect(new Set(all.results.map((r) => r.media_type))).toEqual(new Set(["movie", "tv"]));
    expect(result.files.find((f) => f.name === "trending-movie-fr.json")).toEqual({
      name: "trending-movie-fr.json",
      ok: true,
      count: 40,
    });
  });

  it("gives every show its season count, with bounded lookups, and a failed lookup only loses that count", async () => {
    const catalogue = trendingDouble();
    catalogue.failDetails(101);
    const sink = memorySink();
    const result = await runTrendingWarmer({
      catalogue,
      sink,
      locales: LOCALES,
      logger: nullLogger,
      clock: fixedClock(),
      detailsConcurrency: 2,
    });
    expect(result.ok).toBe(true);

    for (const name of ["trending-tv-en.json", "trending-all-fr.json"]) {
      const body = JSON.parse(sink.files.get(name)!.body) as TrendingFile;
      const shows = body.results.filter((r) => r.media_type === "tv");
      expect(shows.length, name).toBeGreaterThan(0);
      for (const show of shows) {
        expect(show.number_of_seasons, `${name} ${show.id}`).toBe(show.id === 101 ? null : seasonsOf(show.id));
        // The numbers the request API accepts, from the same details call (specials only where listed).
        expect(show.season_numbers, `${name} ${show.id}`).toEqual(show.id === 101 ? null : seasonNumbersOf(show.id));
      }
      expect(shows.some((s) => s.season_numbers?.[0] === 0) && shows.some((s) => s.season_numbers?.[0] === 1)).toBe(true);
      // Movies carry no season field at all.
      expect(body.results.filter((r) => r.media_type === "movie" && ("number_of_seasons" in r || "season_numbers" in r))).toEqual([]);
    }
    const movies = JSON.parse(sink.files.get("trending-movie-de.json")!.body) as TrendingFile;
    expect(movies.results.some((r) => "number_of_seasons" in r || "season_numbers" in r)).toBe(false);
    // Shows only, every show of every file looked up, never more than two at a time across files.
    const tvIds = new Set(
      [...sink.files.values()].flatMap(({ body }) =>
        (JSON.parse(body) as TrendingFile).results.filter((r) => r.media_type === "tv").map((r) => r.id),
      ),
    );
    expect(new Set(catalogue.detailsCalls)).toEqual(tvIds);
    expect(catalogue.maxDetailsInFlight).toBe(2);
  });

  it("keeps the previous version of a file whose fetch fails and reports it", async () => {
    const catalogue = trendingDouble();
    const sink = memorySink();
    const clock = fixedClock();
    await runTrendingWarmer({ catalogue, sink, locales: LOCALES, logger: nullLogger, clock });
    const before = sink.files.get("trending-tv-es.json")!.body;
    const beforePage2 = sink.files.get("trending-movie-en.json")!.body;

    clock.advance(86_400_000);
    catalogue.fail("tv", "es");
    catalogue.fail("movie", "en", 2); // a half-fetched file is a failed file
    catalogue.empty("all", "de"); // an empty result set is never published
    const warned: unknown[] = [];
    const logger = { ...nullLogger, warn: (_m: string, f?: Record<string, unknown>) => void warned.push(f) };
    const result = await runTrendingWarmer({ catalogue, sink, locales: LOCALES, logger, clock });

    expect(result.ok).toBe(false);
    const failed = result.files.filter((f) => !f.ok);
    expect(failed.map((f) => f.name).sort()).toEqual(["trending-all-de.json", "trending-movie-en.json", "trending-tv-es.json"]);
    expect(failed.find((f) => f.name === "trending-tv-es.json")!.error).toMatch(/UpstreamError: TMDB answered HTTP 503/);
    expect(failed.find((f) => f.name === "trending-all-de.json")!.error).toBe("no results");
    expect(sink.files.get("trending-tv-es.json")!.body).toBe(before);
    expect(sink.files.get("trending-movie-en.json")!.body).toBe(beforePage2);
    // The others were refreshed.
    expect(JSON.parse(sink.files.get("trending-tv-fr.json")!.body).generated_at).toBe("2026-11-30T09:00:00.000Z");
    expect(warned).toHaveLength(3);
  });

  it("never throws: a failing sink and a broken locale list come back as statuses", async () => {
    const catalogue = trendingDouble();
    const sink = {
      async write(name: string) {
        if (name.includes("-tv-")) throw new Error("disk full");
      },
    };
    const clock = fixedClock();
    const result = await runTrendingWarmer({ catalogue, sink, locales: ["en"], logger: nullLogger, clock });
    expect(result.files.map((f) => [f.name, f.ok, f.error ?? null])).toEqual([
      ["trending-all-en.json", true, null],
      ["trending-movie-en.json", true, null],
      ["trending-tv-en.json", false, "Error: disk full"],
    ]);

    const bad = await runTrendingWarmer({ catalogue, sink, locales: ["../x"], logger: nullLogger, clock });
    expect(bad).toMatchObject({ ok: false, files: [] });
    const none = await runTrendingWarmer({ catalogue, sink, locales: [], logger: nullLogger, clock });
    expect(none.ok).toBe(false);
  });

  it("writes atomically into a fresh data directory with the fs sink", async () => {
    const root = await mkdtemp(join(tmpdir(), "stellarr-trending-"));
    dirs.push(root);
    const dir = join(root, "data", "trending");
    const sink = createFsTrendingSink(dir);
    expect(await sink.modifiedAt("trending-all-en.json")).toBeNull();

    const catalogue = trendingDouble();
    const clock = fixedClock();
    const result = await runTrendingWarmer({ catalogue, sink, locales: LOCALES, logger: nullLogger, clock });
    expect(result.ok).toBe(true);
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(12);
    expect(names.every((n) => /^trending-(all|movie|tv)-(en|es|fr|de)\.json$/.test(n))).toBe(true); // no temp files left
    const body = JSON.parse(await readFile(join(dir, "trending-all-en.json"), "utf8")) as TrendingFile;
    expect(body.results.length).toBe(40);
    expect(typeof (await sink.modifiedAt("trending-all-en.json"))).toBe("number");

    // A failure keeps the file on disk byte for byte.
    await writeFile(join(dir, "trending-tv-de.json"), '{"generated_at":"old","results":[{"id":1}]}');
    catalogue.fail("tv", "de");
    const again = await runTrendingWarmer({ catalogue, sink, locales: LOCALES, logger: nullLogger, clock });
    expect(again.files.filter((f) => !f.ok).map((f) => f.name)).toEqual(["trending-tv-de.json"]);
    expect(await readFile(join(dir, "trending-tv-de.json"), "utf8")).toBe('{"generated_at":"old","results":[{"id":1}]}');
    expect(await readdir(dir)).toHaveLength(12);
  });

  it("the fs sink refuses names that would leave its directory", async () => {
    const root = await mkdtemp(join(tmpdir(), "stellarr-trending-"));
    dirs.push(root);
    const sink = createFsTrendingSink(root);
    await expect(sink.write("../escape.json", "{}")).rejects.toThrow(/invalid trending file name/);
    await expect(sink.write(".hidden", "{}")).rejects.toThrow(/invalid trending file name/);
    expect(await readdir(root)).toEqual([]);
  });
});

describe("runTrendingWarmer with the demo catalogue", () => {
  it("produces non-empty files offline for every locale (fresh embedded installs)", async () => {
    const { createDemoCatalogue } = await import("../../../src/adapters/catalogue/demo/index.js");
    const sink = memorySink();
    const result = await runTrendingWarmer({
      catalogue: createDemoCatalogue(),
      sink,
      locales: ["en", "pt-BR"],
      logger: nullLogger,
      clock: fixedClock(),
    });
    expect(result.files.map((f) => [f.name, f.ok])).toEqual([
      ["trending-all-en.json", true],
      ["trending-movie-en.json", true],
      ["trending-tv-en.json", true],
      ["trending-all-pt-BR.json", true],
      ["trending-movie-pt-BR.json", true],
      ["trending-tv-pt-BR.json", true],
    ]);
    for (const [name, { body }] of sink.files) {
      const file = JSON.parse(body) as TrendingFile;
      expect(file.results.length, name).toBeGreaterThan(0);
      if (name.includes("-movie-")) expect(file.results.every((r) => r.media_type === "movie")).toBe(true);
      if (name.includes("-tv-")) expect(file.results.every((r) => r.media_type === "tv")).toBe(true);
    }
  });
});
