/**
 * `stellarr jellyfin-sync` and `emby-sync` end to end on both stores: the paged fakes (two
 * libraries, items without provider ids, IMDb-only and TVDB-only items) → the real sync endpoints
 * with `source=`; the counts are right, and a Plex resync and a Jellyfin resync of the same titles
 * keep each other's entries.
 */
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/stellarr.js";
import { generateLibraryItems, startJellyfinFake, type MediaServerFake } from "@stellarr/testkit/fakes/jellyfin";
import { startEmbyFake } from "@stellarr/testkit/fakes/emby";
import { storeFactories } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN } from "@stellarr/testkit/plex";
import { captureIo, startStellarr, type StellarrServer } from "../support/cli-env.js";

describe.each(storeFactories)("jellyfin-sync / emby-sync ($name)", (factory) => {
  // dynalite is ~10x slower per write than SQLite: the same protocol at a smaller size there.
  const MOVIES = factory.name === "sqlite" ? 2000 : 400;
  const SHOWS = factory.name === "sqlite" ? 1200 : 200;
  const movies = generateLibraryItems(MOVIES, { firstTmdbId: 100_000, imdbOnlyEvery: 10, noIdsEvery: 25, oddValuesEvery: 13 });
  const shows = generateLibraryItems(SHOWS, { type: "Series", firstTmdbId: 500_000, tvdbOnlyEvery: 7, noIdsEvery: 30 });
  const idOf = (item: { ProviderIds?: Record<string, string> }, i: number, first: number) =>
    Object.keys(item.ProviderIds ?? {}).length === 0 ? null : first + i;
  const expectedMovies = movies.map((m, i) => idOf(m, i, 100_000)).filter((id): id is number => id !== null);
  const expectedShows = shows.map((m, i) => idOf(m, i, 500_000)).filter((id): id is number => id !== null);
  // TMDB /find answers for the IMDb-only movies and the TVDB-only shows.
  const finds: Record<string, { movie_ids?: number[]; tv_ids?: number[] }> = {};
  movies.forEach((m, i) => {
    const imdb = m.ProviderIds?.Imdb;
    if (imdb && !m.ProviderIds?.Tmdb) finds[`imdb_id:${imdb}`] = { movie_ids: [100_000 + i] };
  });
  shows.forEach((m, i) => {
    const tvdb = m.ProviderIds?.Tvdb;
    if (tvdb && !m.ProviderIds?.Tmdb) finds[`tvdb_id:${tvdb}`] = { tv_ids: [500_000 + i] };
  });

  let server: MediaServerFake;
  let s: StellarrServer;
  afterEach(async () => {
    await s.close();
    await server.close();
  });

  const run = (command: string, extra: string[] = []) => {
    const io = captureIo();
    const args = [command, "--server-url", server.url, "--api-key", server.apiKey, "--url", s.url, "--token", WEBHOOK_TOKEN, ...extra];
    return main(args, io).then((code) => ({ code, io }));
  };

  it(
    "syncs ≥ 3,000 items over two libraries into Jellyfin's library; a Plex resync of the same titles keeps them",
    { timeout: 120_000 },
    async () => {
      server = await startJellyfinFake({
        libraries: [
          { Name: "Movies", CollectionType: "movies", items: movies },
          { Name: "Shows", CollectionType: "tvshows", items: shows },
        ],
        maxPageSize: 300,
      });
      s = await startStellarr(factory, finds);
      // Plex already has some of the same titles, and one only it has.
      await s.t.store.upsertLibrary("movie", [{ tmdb_id: 100_000 }, { tmdb_id: 42 }], Date.now());

      const { code, io } = await run("jellyfin-sync");
      expect(io.errors()).toBe("");
      expect(code).toBe(0);
      expect(io.output()).toContain(`${MOVIES} read from Jellyfin, ${expectedMovies.length} unique titles with ids`);
      expect(await s.t.store.libraryIds("movie", "jellyfin")).toEqual(expectedMovies);
      expect(await s.t.store.libraryIds("tv", "jellyfin")).toEqual(expectedShows);
      expect(await s.t.store.libraryIds("movie", "plex")).toEqual([42, 100_000]);
      // Jellyfin 12's only header.
      expect(server.calls.every((c) => c.auth === "authorization")).toBe(true);

      // A Plex full resync that no longer has 100_000 leaves Jellyfin's copy: the title stays in library.
      await s.t.request(`/sync/library?media_type=movie&mode=full&sync_id=plex-1&token=${WEBHOOK_TOKEN}`, { json: [{ tmdb_id: 42 }] });
      await s.t.request(`/sync/library/commit?media_type=movie&sync_id=plex-1&token=${WEBHOOK_TOKEN}`, { method: "POST" });
      expect(await s.t.store.libraryIds("movie", "plex")).toEqual([42]);
      expect(await s.t.store.libraryIds("movie")).toEqual([42, ...expectedMovies]);

      // A second Jellyfin run after a title left Jellyfin removes it from Jellyfin's library only.
      server.libraries[0]!.items.splice(0, 1);
      const again = await run("jellyfin-sync", ["--movies-only"]);
      expect(again.code).toBe(0);
      expect(await s.t.store.libraryIds("movie", "jellyfin")).toEqual(expectedMovies.slice(1));
      expect(await s.t.store.libraryIds("movie", "plex")).toEqual([42]);
    },
  );

  it("emby-sync writes to Emby's library; --list-libraries and --dry-run send nothing", { timeout: 60_000 }, async () => {
    server = await startEmbyFake({
      libraries: [
        { Name: "Films", CollectionType: "movies", items: movies.slice(0, 100) },
        { Name: "Series", CollectionType: "tvshows", items: shows.slice(0, 50) },
      ],
    });
    s = await startStellarr(factory, finds);
    const listed = await run("emby-sync", ["--list-libraries"]);
    expect(listed.code).toBe(0);
    expect(listed.io.output()).toMatch(/Films\tmovies\t100 items/);
    const dry = await run("emby-sync", ["--dry-run"]);
    expect(dry.code).toBe(0);
    expect(s.hits).toEqual([]);
    const { code, io } = await run("emby-sync", ["--tv-only"]);
    expect(io.errors()).toBe("");
    expect(code).toBe(0);
    expect(await s.t.store.libraryIds("tv", "emby")).toEqual(expectedShows.filter((id) => id < 500_050));
    expect(await s.t.store.libraryIds("movie")).toEqual([]);
    expect(await s.t.store.libraryIds("tv", "jellyfin")).toEqual([]);
  });

  it("usage errors exit 2 naming the flag or variable", async () => {
    server = await startJellyfinFake({ libraries: [] });
    s = await startStellarr(factory);
    const io = captureIo();
    expect(await main(["jellyfin-sync", "--url", s.url, "--token", "x"], io)).toBe(2);
    expect(io.errors()).toMatch(/--api-key \(or JELLYFIN_API_KEY\) is required/);
    const help = captureIo();
    expect(await main(["emby-sync", "--help"], help)).toBe(0);
    expect(help.output()).toMatch(/--server-url URL .*EMBY_URL/);
  });
});
