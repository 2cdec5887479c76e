import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTmdbCatalogue } from "../../../src/adapters/catalogue/tmdb/index.js";
import { refreshExternalIds } from "../../../src/app/requests/refresh-external-ids.js";
import { nullLogger } from "../../../src/adapters/log/null-logger.js";
import type { NewRequest, Store } from "../../../src/ports/store/index.js";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { recordingLogger } from "@stellarr/testkit/logger";
import { storeFactories } from "@stellarr/testkit/stores";

const req = (over: Partial<NewRequest> & Pick<NewRequest, "tmdb_id" | "media_type">): NewRequest => ({
  title: "t",
  year: null,
  overview: null,
  poster_path: null,
  imdb_id: null,
  tvdb_id: null,
  requested_by: "alice",
  created_at: "2026-11-01T00:00:00.000Z",
  ...over,
});

describe.each(storeFactories)("refreshExternalIds ($name)", (factory) => {
  let fake: TmdbFake;
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    // TMDB now knows a TVDB id for the brand-new show.
    fake = await startTmdbFake({
      extraTitles: [
        {
          id: 900002,
          media_type: "tv",
          title: "Brand New Show",
          date: "2026-10-01",
          overview: "",
          imdb_id: "tt99000021",
          tvdb_id: 471234,
          number_of_seasons: 1,
        },
      ],
    });
    ({ store, cleanup } = await factory.create());
  });
  afterEach(async () => {
    await cleanup();
    await fake.close();
  });

  it("fills in ids pending requests lack, leaves the rest alone, and never throws", async () => {
    await store.insertRequest(req({ media_type: "tv", tmdb_id: 900002 }));
    await store.insertRequest(req({ media_type: "movie", tmdb_id: 603 }));
    // Complete: ids known, all seasons asked for, TMDB's season list known.
    await store.insertRequest(
      req({ media_type: "tv", tmdb_id: 1396, imdb_id: "tt0903747", tvdb_id: 81189, tmdb_seasons: [0, 1, 2, 3, 4, 5] }),
    );
    await store.insertRequest(req({ media_type: "movie", tmdb_id: 550 })); // added: skipped
    await store.markAdded({ media_type: "movie", tmdb_id: 550 }, "2026-11-02T00:00:00.000Z", null);
    await store.insertRequest(req({ media_type: "movie", tmdb_id: 888888888 })); // unknown to TMDB
    await store.insertRequest(req({ media_type: "movie", tmdb_id: 278 })); // TMDB fails
    fake.failNext("/movie/278", 500);

    const logger = recordingLogger();
    const catalogue = createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: fake.url, logger: nullLogger });
    const result = await refreshExternalIds({ store, catalogue, logger });

    expect(result).toEqual({ checked: 4, updated: 2, still_missing: 1, failed: 1 });
    expect(await store.getRequest({ media_type: "tv", tmdb_id: 900002 })).toMatchObject({ tvdb_id: 471234, imdb_id: "tt99000021" });
    expect(await store.getRequest({ media_type: "movie", tmdb_id: 603 })).toMatchObject({ imdb_id: "tt0133093", tvdb_id: null });
    expect(await store.getRequest({ media_type: "movie", tmdb_id: 550 })).toMatchObject({ imdb_id: null });
    expect(fake.callsTo("/tv/1396")).toHaveLength(0);
    expect(logger.lines.some((l) => l.level === "warn" && l.fields?.tmdb_id === 278)).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toContain(fake.apiKey);
  });

  it("refreshes TMDB's season list and the anime flag of shows stored without them or partly requested", async () => {
    const ids = { imdb_id: "tt0903747", tvdb_id: 81189 };
    // Stored before per-season requests: no season list, not marked anime.
    await store.insertRequest(req({ media_type: "tv", tmdb_id: 1429, imdb_id: "tt2560140", tvdb_id: 267440 }));
    // Partly requested, with a season list that TMDB has since grown.
    await store.insertRequest(
      req({ media_type: "tv", tmdb_id: 1396, ...ids, seasons: { all: false, seasons: [1] }, tmdb_seasons: [1, 2] }),
    );
    const catalogue = createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: fake.url, logger: nullLogger });
    const result = await refreshExternalIds({ store, catalogue, logger: nullLogger });
    expect(result).toEqual({ checked: 2, updated: 0, still_missing: 0, failed: 0 });
    expect(await store.getRequest({ media_type: "tv", tmdb_id: 1429 })).toMatchObject({ anime: true, tmdb_seasons: [1, 2, 3, 4] });
    expect(await store.getRequest({ media_type: "tv", tmdb_id: 1396 })).toMatchObject({
      anime: false,
      tmdb_seasons: [0, 1, 2, 3, 4, 5],
      seasons: { all: false, seasons: [1] },
    });
    // Known now and asked for in full: not looked up again.
    fake.reset();
    expect((await refreshExternalIds({ store, catalogue, logger: nullLogger })).checked).toBe(1);
    expect(fake.callsTo("/tv/1429")).toHaveLength(0);
  });

  it("reports a store failure instead of throwing", async () => {
    const broken = { ...store, allRequests: async () => Promise.reject(new Error("disk on fire")) } as Store;
    const catalogue = createTmdbCatalogue({ apiKey: fake.apiKey, baseUrl: fake.url, logger: nullLogger });
    const result = await refreshExternalIds({ store: broken, catalogue, logger: nullLogger });
    expect(result).toMatchObject({ checked: 0, updated: 0, failed: 0, error: expect.stringContaining("disk on fire") });
  });
});
