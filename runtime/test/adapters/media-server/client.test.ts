import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbyFake } from "@stellarr/testkit/fakes/emby";
import { generateLibraryItems, startJellyfinFake, type FakeMediaItem, type MediaServerFake } from "@stellarr/testkit/fakes/jellyfin";
import type { MediaServerFakeOptions } from "@stellarr/testkit/fakes/media-server";
import { createMediaServerClient, type MediaServerClientOptions } from "../../../src/adapters/media-server/client.js";
import { librariesFor, missingLibraries, readLibraries } from "../../../src/adapters/media-server/library.js";
import { HttpFailure, type RetryOptions } from "../../../src/adapters/http-client/fetch-with-retry.js";
import { deadlineAt, deadlineIn, withDeadline } from "../../../src/lib/deadline.js";

const FLAVOURS = [
  { kind: "jellyfin" as const, label: "Jellyfin", start: startJellyfinFake, via: "authorization" },
  { kind: "emby" as const, label: "Emby", start: (o: MediaServerFakeOptions) => startEmbyFake(o), via: "x-emby-token" },
];

const retries: string[] = [];
const retry = (over: Partial<RetryOptions> = {}): RetryOptions => ({
  attempts: 3,
  baseDelayMs: 1,
  timeoutMs: 5000,
  fetch: globalThis.fetch,
  sleep: async () => {},
  onRetry: ({ reason }) => void retries.push(reason),
  ...over,
});
const noIds = (items: FakeMediaItem[]) => items.filter((i) => Object.keys(i.ProviderIds ?? {}).length === 0).length;

describe.each(FLAVOURS)("$label library client", ({ kind, label, start, via }) => {
  const movies = generateLibraryItems(2000, { type: "Movie", firstTmdbId: 100_000, imdbOnlyEvery: 40, noIdsEvery: 50, oddValuesEvery: 33 });
  const shows = generateLibraryItems(1200, { type: "Series", firstTmdbId: 500_000, tvdbOnlyEvery: 10, noIdsEvery: 60 });
  const mixed: FakeMediaItem[] = [
    ...movies.slice(0, 3).map((m) => ({ ...m, Id: undefined })),
    ...generateLibraryItems(2, { type: "Series", firstTmdbId: 900_000 }),
  ];
  let fake: MediaServerFake;
  const client = (over: Partial<MediaServerClientOptions> = {}) =>
    createMediaServerClient({ kind, baseUrl: `${fake.url}/`, apiKey: fake.apiKey, retry: retry(), ...over });

  beforeAll(async () => {
    fake = await start({
      serverName: "Living Room",
      libraries: [
        { Name: "Movies", CollectionType: "movies", items: movies },
        { Name: "TV Shows", CollectionType: "tvshows", items: shows },
        { Name: "Music", CollectionType: "music", items: [{ Name: "Song", Type: "Audio" }] },
        { Name: "Mixed", CollectionType: null, items: mixed },
      ],
    });
  });
  afterAll(() => fake.close());

  it("info and libraries: what each library holds for the sync", async () => {
    const c = client();
    expect(await c.info()).toEqual({ id: fake.serverId, name: "Living Room", version: expect.any(String), product: `${label} Server` });
    const libs = await c.libraries();
    expect(libs.map((l) => [l.name, l.collectionType, l.mediaTypes])).toEqual([
      ["Movies", "movies", ["movie"]],
      ["TV Shows", "tvshows", ["tv"]],
      ["Music", "music", []],
      ["Mixed", null, ["movie", "tv"]],
    ]);
    expect(await c.count(libs[0]!, "movie")).toBe(2000);
    expect(missingLibraries(libs, [" movies ", "Kids", "tv shows"])).toEqual(["Kids"]);
    expect(librariesFor(libs, "tv", ["movies", "TV SHOWS"]).map((l) => l.name)).toEqual(["TV Shows"]);
  });

  it("reads 3,200 titles over two libraries in pages of 500: items without ids skipped, IMDb-only and odd values kept", async () => {
    const c = client();
    const libs = await c.libraries();
    fake.calls.length = 0;
    const progress: [string, number, number | null][] = [];
    const m = await readLibraries(c, librariesFor(libs, "movie", ["Movies"]), "movie", (l, read, total) =>
      progress.push([l.name, read, total]),
    );
    const t = await readLibraries(c, librariesFor(libs, "tv", ["TV Shows"]), "tv");

    expect(m).toMatchObject({ read: 2000, skipped: noIds(movies), duplicates: 0 });
    expect(m.items).toHaveLength(2000 - noIds(movies));
    expect(t).toMatchObject({ read: 1200, skipped: noIds(shows), duplicates: 0 });
    expect(t.items).toHaveLength(1200 - noIds(shows));
    expect(m.items).toContainEqual({ tmdb_id: null, tvdb_id: null, imdb_id: "tt0100039", title: "Movie 100039" });
    expect(m.items).toContainEqual({ tmdb_id: 100_032, tvdb_id: null, imdb_id: "tt0100032", title: "Movie 100032" });
    expect(t.items).toContainEqual({ tmdb_id: null, tvdb_id: 800_009, imdb_id: null, title: "Series 500009" });
    expect(progress).toEqual([
      ["Movies", 500, 2000],
      ["Movies", 1000, 2000],
      ["Movies", 1500, 2000],
      ["Movies", 2000, 2000],
    ]);

    const pages = fake.calls.filter((call) => call.path.endsWith("/Items"));
    expect(pages).toHaveLength(4 + 3);
    // Every page after the first starts 50 titles early (the overlap that catches titles removed meanwhile).
    expect(pages.map((p) => [p.query.startindex, p.query.limit])).toEqual([
      ["0", "500"],
      ["450", "550"],
      ["950", "550"],
      ["1450", "550"],
      ["0", "500"],
      ["450", "550"],
      ["950", "550"],
    ]);
    for (const p of pages) {
      expect(p).toMatchObject({ status: 200, auth: via });
      expect(p.query).toMatchObject({ recursive: "true", fields: "ProviderIds", sortby: "DateCreated,SortName", sortorder: "Ascending" });
    }
    expect(pages[0]!.query).toMatchObject({ parentid: libs[0]!.id, includeitemtypes: "Movie" });
    expect(pages[4]!.query).toMatchObject({ parentid: libs[1]!.id, includeitemtypes: "Series" });
  });

  it("every library that holds a type, de-duplicated across libraries (the first wins)", async () => {
    const c = client();
    const r = await readLibraries(c, librariesFor(await c.libraries(), "movie"), "movie");
    expect(r).toMatchObject({ read: 2003, duplicates: 3, skipped: noIds(movies) });
    const shows2 = await readLibraries(c, librariesFor(await c.libraries(), "tv"), "tv");
    expect(shows2).toMatchObject({ read: 1202, duplicates: 0 });
  });

  it("sends UserId when given (Jellyfin before 10.9)", async () => {
    const c = client({ userId: "0123456789abcdef0123456789abcdef", pageSize: 5000 });
    fake.calls.length = 0;
    await readLibraries(c, librariesFor(await c.libraries(), "tv", ["TV Shows"]), "tv");
    expect(fake.calls.find((call) => call.path.endsWith("/Items"))?.query.userid).toBe("0123456789abcdef0123456789abcdef");
  });

  it("a wrong API key: one clear line, no retry, the key never printed", async () => {
    const err = await client({ apiKey: "not-the-key" })
      .info()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as Error).message).toBe(`${label} rejected the API key (401); check --api-key`);
    expect(fake.calls.at(-1)).toMatchObject({ status: 401 });
    expect(fake.calls.filter((call) => call.status === 401)).toHaveLength(1);
    expect(() => client({ apiKey: "two words" })).toThrow(`${label}: the API key must be printable ASCII without spaces`);
  });

  it("a wrong server address: 404 says so; a page that is not JSON says so", async () => {
    await expect(client({ baseUrl: `${fake.url}/nothing-here` }).libraries()).rejects.toThrow(
      `${label} /Library/MediaFolders answered 404: is --server-url the address of the ${label} server?`,
    );
    const html: typeof fetch = async () => new Response("<html>login</html>", { status: 200, headers: { "content-type": "text/html" } });
    await expect(client({ retry: retry({ fetch: html }) }).libraries()).rejects.toThrow(
      `${label} /Library/MediaFolders did not answer JSON`,
    );
  });
});

describe.each(FLAVOURS)("$label library client under failures", ({ kind, label, start }) => {
  const fresh = async (items: FakeMediaItem[], over: Partial<MediaServerFakeOptions> = {}) =>
    start({ libraries: [{ Name: "Movies", CollectionType: "movies", items }], ...over });
  const read = async (fake: MediaServerFake, over: Partial<MediaServerClientOptions> = {}) => {
    const c = createMediaServerClient({ kind, baseUrl: fake.url, apiKey: fake.apiKey, retry: retry(), ...over });
    return readLibraries(c, await c.libraries(), "movie");
  };

  it("short pages (the server caps Limit): the cursor advances by what came", async () => {
    const fake = await fresh(generateLibraryItems(1000), { maxPageSize: 170 });
    try {
      const r = await read(fake);
      expect(r.items).toHaveLength(1000);
      // 170 new titles on the first page, 170 - 50 overlapping on each later one.
      expect(fake.count("/Items")).toBe(1 + Math.ceil((1000 - 170) / 120));
    } finally {
      await fake.close();
    }
  });

  it("an upgrade mid-way (titles removed before the cursor, as many added at the end): nothing still there is missed", async () => {
    const items = generateLibraryItems(1500);
    const fake = await fresh(items);
    let pages = 0;
    fake.onItems = () => {
      if (++pages === 3) {
        // The total stays the same, so only the overlap can tell that the titles moved.
        items.splice(100, 7);
        items.push(...generateLibraryItems(7, { firstTmdbId: 700_000 }));
      }
    };
    try {
      const r = await read(fake, { pageSize: 500 });
      const got = new Set(r.items.map((i) => i.tmdb_id));
      for (const item of items) expect(got.has(Number(item.ProviderIds!.Tmdb))).toBe(true);
      expect(r.duplicates).toBe(0);
      expect(r.items).toHaveLength(1500 + 7); // the 7 removed ones were read before they went
      expect(fake.count("/Items")).toBe(3);
    } finally {
      await fake.close();
    }
  });

  it("more removed than the overlap covers: the read starts over and still misses nothing", async () => {
    const items = generateLibraryItems(1500);
    const fake = await fresh(items);
    let pages = 0;
    fake.onItems = () => {
      if (++pages === 3) items.splice(0, 120);
    };
    try {
      const r = await read(fake, { pageSize: 500 });
      const got = new Set(r.items.map((i) => i.tmdb_id));
      for (const item of items) expect(got.has(Number(item.ProviderIds!.Tmdb))).toBe(true);
      expect(r.items).toHaveLength(1500);
      expect(fake.calls.filter((c) => c.path.endsWith("/Items")).map((c) => c.query.startindex)).toEqual([
        "0",
        "450",
        "950",
        "0",
        "450",
        "950",
      ]);
    } finally {
      await fake.close();
    }
  });

  it("a library that shrinks below the cursor: read again from the start, titles appended meanwhile included", async () => {
    const items = generateLibraryItems(1200);
    const fake = await fresh(items);
    let pages = 0;
    fake.onItems = () => {
      if (++pages === 2) items.push(...generateLibraryItems(30, { firstTmdbId: 800_000 }));
      if (pages === 3) items.splice(0, 1000);
    };
    try {
      const r = await read(fake, { pageSize: 500 });
      expect(r.items.filter((i) => i.tmdb_id! >= 800_000)).toHaveLength(30);
      expect(fake.count("/Items")).toBe(4);
    } finally {
      await fake.close();
    }
  });

  it("a library that never stops moving: a clear error after three start-overs, not a partial read", async () => {
    const items = generateLibraryItems(1500);
    const fake = await fresh(items);
    fake.onItems = (call) => {
      if (call.query.startindex !== "0") items.splice(0, 100);
    };
    try {
      await expect(read(fake, { pageSize: 500 })).rejects.toThrow(
        `${label}: the library "Movies" changed too much while it was read; run the sync again`,
      );
    } finally {
      await fake.close();
    }
  });

  it("an empty page before TotalRecordCount is reached is an error, not a short library", async () => {
    const fake = await fresh(generateLibraryItems(1000));
    const lying: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith("/Items") && url.searchParams.get("StartIndex") === "450") {
        return new Response(JSON.stringify({ Items: [], TotalRecordCount: 1000, StartIndex: 450 }), { status: 200 });
      }
      return fetch(input, init);
    };
    try {
      await expect(read(fake, { retry: retry({ fetch: lying }) })).rejects.toThrow(
        `${label} /Items returned an empty page at 450 of 1000; the library read is incomplete`,
      );
    } finally {
      await fake.close();
    }
  });

  it("500s and slow answers (before the headers and mid-body) are retried under the per-call deadline", async () => {
    const fake = await fresh(generateLibraryItems(1200));
    try {
      retries.length = 0;
      fake.failNext("/Items", 500, 2);
      fake.delayNext("/Library/MediaFolders", 1500, { phase: "headers" });
      fake.delayNext("/Items", 1500, { phase: "body" });
      const r = await read(fake, { retry: retry({ attempts: 4, timeoutMs: 400 }) });
      expect(r.items).toHaveLength(1200);
      expect(retries.sort()).toEqual(["HTTP 500", "HTTP 500", "timed out", "timed out"]);
    } finally {
      await fake.close();
    }
  });

  it("takes the current deadline: a stalled call ends with it (not its own 60 s limit), and nothing is asked once it has passed", async () => {
    let calls = 0;
    const stalling: typeof fetch = (_url, init) => {
      calls++;
      return new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason as Error)));
    };
    // No server: the fetch never answers, only the deadline's signal ends it.
    const client = (r: RetryOptions) => createMediaServerClient({ kind, baseUrl: "http://127.0.0.1:9", apiKey: "k", retry: r });
    const stalled = withDeadline(deadlineIn(300), () => client(retry({ fetch: stalling, timeoutMs: 60_000 })).info());
    await expect(stalled).rejects.toThrow(/timed out \(after 1 attempts\)/);
    expect(calls).toBe(1);
    const passed = withDeadline(deadlineAt(Date.now() - 1), () => client(retry({ fetch: stalling })).libraries());
    await expect(passed).rejects.toBeInstanceOf(HttpFailure);
    expect(calls).toBe(1);
  });

  it("a server that keeps failing: one line naming the call, after the configured attempts", async () => {
    const fake = await fresh(generateLibraryItems(10));
    try {
      fake.failNext("/Library/MediaFolders", 503, 10);
      const err = await read(fake).catch((e: unknown) => e);
      expect((err as Error).message).toBe(`${label} /Library/MediaFolders answered 503`);
      expect(fake.count("/Library/MediaFolders")).toBe(3);
      fake.delayNext("/Library/MediaFolders", 1000, { times: 2 });
      await expect(read(fake, { retry: retry({ attempts: 2, timeoutMs: 200 }) })).rejects.toThrow(
        `${label} /Library/MediaFolders: timed out (after 2 attempts)`,
      );
    } finally {
      await fake.close();
    }
  });
});
