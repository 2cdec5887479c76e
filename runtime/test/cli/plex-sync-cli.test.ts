import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/stellarr.js";
import { generateMovies, startPlexFake, type FakePlexItem, type PlexFake } from "@stellarr/testkit/fakes/plex-server";
import { storeFactories } from "@stellarr/testkit/stores";
import { WEBHOOK_TOKEN, libraryState, newRequest } from "@stellarr/testkit/plex";
import { captureIo, startStellarr, type StellarrServer } from "../support/cli-env.js";

const shows: FakePlexItem[] = [
  { ratingKey: "s1", type: "show", title: "Breaking Bad", guid: "com.plexapp.agents.thetvdb://81189?lang=en" },
  {
    ratingKey: "s2",
    type: "show",
    title: "Bluey (2018)",
    guid: "plex://show/5d9c090e705e7a001e6e94d8",
    Guid: [{ id: "tmdb://82728" }, { id: "tvdb://353546" }],
  },
  { ratingKey: "s3", type: "show", title: "Cowboy Bebop", guid: "com.plexapp.agents.hama://anidb-23?lang=en" },
  { ratingKey: "s4", type: "show", title: "Unknown To TMDB", guid: "com.plexapp.agents.thetvdb://999999?lang=en" },
  { ratingKey: "s5", type: "show", title: "Breaking Bad", guid: "com.plexapp.agents.thetvdb://81189?lang=en" },
];

describe.each(storeFactories)("stellarr plex-sync ($name)", (factory) => {
  let plex: PlexFake;
  let s: StellarrServer;
  const movies = generateMovies(1200, { legacyEvery: 7, noIdsEvery: 50 });
  const fourK = [...generateMovies(10, { firstTmdbId: 100_000 }), ...generateMovies(5, { firstTmdbId: 500_000 })];

  beforeAll(async () => {
    plex = await startPlexFake({
      friendlyName: "Living Room",
      maxPageSize: 300,
      sections: [
        { key: "1", type: "movie", title: "Movies", items: movies },
        { key: "2", type: "movie", title: "4K Movies", items: fourK },
        { key: "3", type: "show", title: "TV Shows", items: shows },
        { key: "4", type: "artist", title: "Music", items: [] },
      ],
    });
  });
  afterAll(async () => plex.close());
  beforeEach(async () => {
    s = await startStellarr(factory);
    plex.calls.length = 0;
  });
  afterEach(async () => s.close());

  const args = (...extra: string[]) => [
    "plex-sync",
    "--plex-url",
    plex.url,
    "--plex-token",
    plex.token,
    "--url",
    s.url,
    "--token",
    WEBHOOK_TOKEN,
    ...extra,
  ];
  const movieIds = [
    ...new Set(
      movies
        .concat(fourK)
        .filter((_, i, all) => !all[i]!.guid.startsWith("com.plexapp.agents.none"))
        .map((m) => Number(/(\d+)\??[^/]*$/.exec(m.Guid?.find((g) => g.id.startsWith("tmdb://"))?.id ?? m.guid)![1])),
    ),
  ].sort((a, b) => a - b);

  it("--list-libraries prints every section with its size", async () => {
    const io = captureIo();
    expect(await main(["plex-sync", "--plex-url", plex.url, "--plex-token", plex.token, "--list-libraries"], io)).toBe(0);
    expect(io.output()).toContain("Plex: Living Room");
    expect(io.output()).toContain("Movies\tmovie\t1200 items");
    expect(io.output()).toContain("TV Shows\tshow\t5 items");
    expect(io.output()).toContain("Music\tartist\t0 items");
    expect(s.hits).toEqual([]);
  });

  it("a default run is a full resync per media type: exactly the Plex set, stale titles removed, requests marked", async () => {
    await s.t.store.upsertLibrary("movie", [{ tmdb_id: 1 }, { tmdb_id: 100_000 }], Date.now());
    await s.t.store.upsertLibrary("tv", [{ tmdb_id: 2 }], Date.now());
    await s.t.store.insertRequest(newRequest("tv", 82728, "Bluey"));
    const io = captureIo();
    const code = await main(args(), io);
    expect(io.errors()).toBe("");
    expect(code).toBe(0);
    expect(await s.t.store.libraryIds("movie")).toEqual(movieIds);
    expect(await s.t.store.libraryIds("tv")).toEqual([1396, 82728]);
    expect((await s.t.store.getRequest({ media_type: "tv", tmdb_id: 82728 }))?.added_at).not.toBeNull();
    expect(s.notifier.sent.map((f) => f.tmdb_id)).toEqual([82728]);
    const out = io.output();
    expect(out).toMatch(/Movies · syncing: \d+\/\d+ \(100%\)/);
    expect(out).toContain(`Movies: ${movieIds.length} in library, 1 removed`);
    expect(out).toContain("TV: 2 in library, 1 removed, 1 requests marked as added, 1 unresolved");
    expect(out).toContain("Sync complete.");
    // Plex calls: JSON with guids, paged through the container headers.
    const pages = plex.calls.filter((c) => c.path === "/library/sections/1/all");
    expect(pages.every((c) => c.includeGuids && c.size !== null)).toBe(true);
    expect(pages.map((c) => c.start)).toEqual([0, 300, 600, 900, 1200].slice(0, pages.length));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // One commit per media type, after its batches.
    expect(s.hits.filter((h) => h === "/sync/library/commit")).toHaveLength(2);
  });

  it("--library and --movies-only filter sections; an unknown library is an error", async () => {
    const io = captureIo();
    expect(await main(args("--library", "4k movies", "--movies-only"), io)).toBe(0);
    expect(await s.t.store.libraryIds("movie")).toHaveLength(15);
    expect(plex.calls.some((c) => c.path === "/library/sections/1/all")).toBe(false);
    expect(plex.calls.some((c) => c.path === "/library/sections/3/all")).toBe(false);

    const bad = captureIo();
    expect(await main(args("-l", "Films"), bad)).toBe(1);
    expect(bad.errors()).toContain('no Plex library named "Films"');
  });

  it("--incremental never removes; --no-notify marks without notifying", async () => {
    await s.t.store.upsertLibrary("tv", [{ tmdb_id: 2 }], Date.now());
    await s.t.store.insertRequest(newRequest("tv", 1396, "Breaking Bad"));
    const io = captureIo();
    expect(await main(args("--tv-only", "--incremental", "--no-notify"), io)).toBe(0);
    expect(await s.t.store.libraryIds("tv")).toEqual([2, 1396, 82728]);
    expect((await s.t.store.getRequest({ media_type: "tv", tmdb_id: 1396 }))?.added_at).not.toBeNull();
    expect(s.notifier.sent).toEqual([]);
    expect(s.hits).not.toContain("/sync/library/commit");
  });

  it("--dry-run reads Plex and sends nothing (no Stellarr URL needed)", async () => {
    const before = await libraryState(s.t.store);
    const io = captureIo();
    expect(await main(["plex-sync", "--plex-url", plex.url, "--plex-token", plex.token, "--dry-run"], io)).toBe(0);
    expect(io.output()).toContain(`${movieIds.length} unique titles with ids`);
    expect(io.output()).toContain("dry run");
    expect(s.hits).toEqual([]);
    expect(await libraryState(s.t.store)).toBe(before);
  });

  it("retries transient Plex and Stellarr failures with backoff", async () => {
    plex.failNext("/library/sections/1/all", 503, 2);
    s.intercept = (req, n) => (new URL(req.url).pathname === "/sync/library" && n === 2 ? new Response("busy", { status: 503 }) : null);
    const io = captureIo();
    expect(await main(args("--movies-only"), io)).toBe(0);
    expect(io.errors().match(/retrying/g)).toHaveLength(3);
    expect(await s.t.store.libraryIds("movie")).toEqual(movieIds);
  });

  it("a Plex failure halfway: exit 1, no commit, the previous library intact", async () => {
    await s.t.store.upsertLibrary("movie", [{ tmdb_id: 7 }], Date.now());
    const failing = await startPlexFake({ sections: [{ key: "1", type: "movie", title: "Movies", items: movies }], maxPageSize: 300 });
    failing.failFrom("/library/sections/1/all", 600, 500);
    const io = captureIo();
    const code = await main(
      ["plex-sync", "--plex-url", failing.url, "--plex-token", failing.token, "--url", s.url, "--token", WEBHOOK_TOKEN],
      io,
    );
    await failing.close();
    expect(code).toBe(1);
    expect(io.errors()).toContain("reading Plex failed");
    expect(io.output()).toContain("Sync finished with errors.");
    expect(await s.t.store.libraryIds("movie")).toEqual([7]);
  });

  it("a Stellarr rejection (bad token) fails fast without retries", async () => {
    const io = captureIo();
    const code = await main(
      ["plex-sync", "--plex-url", plex.url, "--plex-token", plex.token, "--url", s.url, "--token", "wrong", "--movies-only"],
      io,
    );
    expect(code).toBe(1);
    expect(io.errors()).toContain("401 invalid_token");
    expect(io.errors()).not.toContain("wrong");
    expect(io.errors()).not.toContain("retrying");
  });

  it("usage errors exit 2; the original script's flag names and env vars work", async () => {
    const io = captureIo();
    expect(await main(["plex-sync", "--movies-only", "--tv-only", "--plex-token", "x", "--url", "http://a", "--token", "t"], io)).toBe(2);
    expect(await main(["plex-sync", "--plex-token", "x"], io)).toBe(2);
    expect(await main(["plex-sync", "--plex-token", "x", "--url", "http://a", "--token", "t", "--batch-size", "1001"], io)).toBe(2);
    expect(await main(["plex-sync", "--bogus"], io)).toBe(2);
    expect(await main(["frobnicate"], io)).toBe(2);

    const aliased = captureIo({ env: { PLEX_URL: plex.url, PLEX_TOKEN: plex.token } });
    expect(
      await main(["plex-sync", "--stellarr-url", s.url, "--sync-token", WEBHOOK_TOKEN, "--tv-only", "--batch-size", "2"], aliased),
    ).toBe(0);
    expect(await s.t.store.libraryIds("tv")).toEqual([1396, 82728]);
    const envOnly = captureIo({
      env: { PLEX_URL: plex.url, PLEX_TOKEN: plex.token, STELLARR_URL: s.url, STELLARR_SYNC_TOKEN: WEBHOOK_TOKEN },
    });
    expect(await main(["plex-sync", "--tv-only"], envOnly)).toBe(0);
  });

  it("draws a progress bar on a TTY", async () => {
    const io = captureIo({ tty: true });
    expect(await main(args("--tv-only"), io)).toBe(0);
    expect(io.output()).toContain("\r\x1b[2KTV · syncing [");
    expect(io.output()).toMatch(/\] 100% 3\/3/);
  });
});
