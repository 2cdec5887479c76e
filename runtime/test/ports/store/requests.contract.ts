/**
 * Contract of the `RequestStore` port (`src/ports/store/requests.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import { InvalidCursorError } from "../../../src/ports/store/index.js";
import type { LibraryStore } from "../../../src/ports/store/library.js";
import type { RequestStore } from "../../../src/ports/store/requests.js";
import type { TitleStatusStore } from "../../../src/ports/store/title-status.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { HOUR, T0, newRequest, useStore } from "./fixtures.js";

export function requestStoreContract(factory: StoreFactory): void {
  describe("requests", () => {
    // Title status too: an imported request must read as requested and not pending there as well.
    let store: RequestStore & LibraryStore & TitleStatusStore;
    useStore(factory, (s) => (store = s));

    it("inserts once per (media_type, tmdb_id) and returns the existing row on conflict", async () => {
      const first = await store.insertRequest(newRequest());
      expect(first.inserted).toBe(true);
      const again = await store.insertRequest(newRequest({ requested_by: "bob" }));
      expect(again.inserted).toBe(false);
      if (!again.inserted) expect(again.existing.requested_by).toBe("alice");
      const tv = await store.insertRequest(newRequest({ media_type: "tv", title: "Other" }));
      expect(tv.inserted).toBe(true);
    });

    it("keeps every field and nulls", async () => {
      await store.insertRequest(
        newRequest({ title: null, year: null, overview: null, poster_path: null, imdb_id: null, requested_by: null }),
      );
      const r = await store.getRequest({ media_type: "movie", tmdb_id: 603 });
      expect(r).toMatchObject({
        tmdb_id: 603,
        media_type: "movie",
        title: null,
        year: null,
        overview: null,
        poster_path: null,
        imdb_id: null,
        tvdb_id: null,
        requested_by: null,
        added_at: null,
        plex_guid: null,
      });
      expect(r?.created_at).toBe(new Date(T0).toISOString());
      expect(typeof r?.seq).toBe("number");
    });

    it("200 concurrent inserts of one title leave exactly one row", async () => {
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.insertRequest(newRequest({ requested_by: `u${i}` }))));
      expect(results.filter((r) => r.inserted)).toHaveLength(1);
      expect(await store.allRequests()).toHaveLength(1);
      const counts = await store.countRequests();
      expect(counts.movie.pending).toBe(1);
    });

    it("orders newest first by sequence, stable under equal timestamps, with cursors", async () => {
      for (let i = 1; i <= 7; i++) await store.insertRequest(newRequest({ tmdb_id: i, created_at: new Date(T0).toISOString() }));
      const page1 = await store.listRequests({ limit: 3 });
      expect(page1.requests.map((r) => r.tmdb_id)).toEqual([7, 6, 5]);
      expect(page1.next_cursor).not.toBeNull();
      const page2 = await store.listRequests({ limit: 3, cursor: page1.next_cursor! });
      expect(page2.requests.map((r) => r.tmdb_id)).toEqual([4, 3, 2]);
      const page3 = await store.listRequests({ limit: 3, cursor: page2.next_cursor! });
      expect(page3.requests.map((r) => r.tmdb_id)).toEqual([1]);
      expect(page3.next_cursor).toBeNull();
      expect((await store.allRequests()).map((r) => r.tmdb_id)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    });

    it("filters by type and status and counts", async () => {
      await store.insertRequest(newRequest({ tmdb_id: 1 }));
      await store.insertRequest(newRequest({ tmdb_id: 2 }));
      await store.insertRequest(newRequest({ tmdb_id: 3, media_type: "tv" }));
      await store.markAdded({ media_type: "movie", tmdb_id: 1 }, new Date(T0 + HOUR).toISOString(), "plex://movie/1");
      expect((await store.listRequests({ limit: 10, status: "pending" })).requests.map((r) => r.tmdb_id)).toEqual([3, 2]);
      expect((await store.listRequests({ limit: 10, status: "added" })).requests.map((r) => r.tmdb_id)).toEqual([1]);
      expect((await store.listRequests({ limit: 10, media_type: "tv" })).requests.map((r) => r.tmdb_id)).toEqual([3]);
      expect((await store.allRequests({ media_type: "movie", status: "pending" })).map((r) => r.tmdb_id)).toEqual([2]);
      expect(await store.countRequests()).toEqual({ movie: { pending: 1, added: 1 }, tv: { pending: 1, added: 0 } });
    });

    it("rejects a cursor it did not issue", async () => {
      await expect(store.listRequests({ limit: 5, cursor: "not-a-cursor!" })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.listRequests({ limit: 5, cursor: "x".repeat(500) })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it("marks added once and returns the flipped request only the first time", async () => {
      await store.insertRequest(newRequest());
      const key = { media_type: "movie" as const, tmdb_id: 603 };
      const first = await store.markAdded(key, new Date(T0 + HOUR).toISOString(), "plex://movie/abc");
      expect(first?.added_at).toBe(new Date(T0 + HOUR).toISOString());
      expect(first?.plex_guid).toBe("plex://movie/abc");
      expect(await store.markAdded(key, new Date(T0 + 2 * HOUR).toISOString(), null)).toBeNull();
      expect((await store.getRequest(key))?.added_at).toBe(new Date(T0 + HOUR).toISOString());
      expect(await store.markAdded({ media_type: "tv", tmdb_id: 603 }, new Date(T0).toISOString(), null)).toBeNull();
    });

    it("inserts an already fulfilled request (the importer) as added, in the same conditional write", async () => {
      const addedAt = new Date(T0 + HOUR).toISOString();
      const first = await store.insertRequest(newRequest({ tmdb_id: 1, added_at: addedAt, plex_guid: "plex://movie/1" }));
      expect(first.inserted).toBe(true);
      if (first.inserted) expect(first.request).toMatchObject({ added_at: addedAt, plex_guid: "plex://movie/1" });
      await store.insertRequest(newRequest({ tmdb_id: 2, added_at: null, plex_guid: null }));
      const key = { media_type: "movie" as const, tmdb_id: 1 };
      expect(await store.getRequest(key)).toMatchObject({ added_at: addedAt, plex_guid: "plex://movie/1", requested_by: "alice" });
      expect((await store.listRequests({ limit: 10, status: "added" })).requests.map((r) => r.tmdb_id)).toEqual([1]);
      expect((await store.allRequests({ media_type: "movie", status: "pending" })).map((r) => r.tmdb_id)).toEqual([2]);
      expect(await store.countRequests()).toEqual({ movie: { pending: 1, added: 1 }, tv: { pending: 0, added: 0 } });
      expect((await store.titleStatus([key])).get("movie:1")).toEqual({ requested: true, pending: false, in_library: false });
      // Already added: nothing to flip, and a second insert keeps the stored row.
      expect(await store.markAdded(key, new Date(T0 + 2 * HOUR).toISOString(), null)).toBeNull();
      const again = await store.insertRequest(newRequest({ tmdb_id: 1, added_at: null }));
      expect(again.inserted).toBe(false);
      expect((await store.getRequest(key))?.added_at).toBe(addedAt);
    });

    it("fills missing external ids without overwriting known ones", async () => {
      await store.insertRequest(newRequest({ media_type: "tv", tmdb_id: 1396, imdb_id: null, tvdb_id: null }));
      const key = { media_type: "tv" as const, tmdb_id: 1396 };
      await store.setExternalIds(key, { tvdb_id: 81189 });
      await store.setExternalIds(key, { tvdb_id: 1, imdb_id: "tt0903747" });
      expect(await store.getRequest(key)).toMatchObject({ tvdb_id: 81189, imdb_id: "tt0903747" });
    });

    it("keeps the *arr fields: profile, seasons, anime and TMDB's season list; older-style rows read as the defaults", async () => {
      await store.insertRequest(
        newRequest({
          media_type: "tv",
          tmdb_id: 1396,
          profile: "4k",
          seasons: { all: false, seasons: [1, 3] },
          anime: true,
          tmdb_seasons: [0, 1, 2, 3],
        }),
      );
      expect(await store.getRequest({ media_type: "tv", tmdb_id: 1396 })).toMatchObject({
        profile: "4k",
        seasons: { all: false, seasons: [1, 3] },
        anime: true,
        tmdb_seasons: [0, 1, 2, 3],
      });
      // No *arr fields given: profile default, all seasons, not anime, TMDB seasons unknown.
      await store.insertRequest(newRequest({ media_type: "tv", tmdb_id: 2 }));
      expect(await store.getRequest({ media_type: "tv", tmdb_id: 2 })).toMatchObject({
        profile: "default",
        seasons: { all: true, seasons: [] },
        anime: false,
        tmdb_seasons: null,
      });
      // A movie never has seasons, whatever it is given.
      await store.insertRequest(newRequest({ seasons: { all: false, seasons: [1] }, tmdb_seasons: [1] }));
      expect(await store.getRequest({ media_type: "movie", tmdb_id: 603 })).toMatchObject({ seasons: null, tmdb_seasons: null });
      // TMDB listing no seasons at all is known, not unknown.
      await store.insertRequest(newRequest({ media_type: "tv", tmdb_id: 3, tmdb_seasons: [] }));
      expect((await store.getRequest({ media_type: "tv", tmdb_id: 3 }))?.tmdb_seasons).toEqual([]);
    });

    it("updates a pending show's seasons only while they are what the caller read", async () => {
      const key = { media_type: "tv" as const, tmdb_id: 1396 };
      await store.insertRequest(newRequest({ ...key, seasons: { all: false, seasons: [1] }, tmdb_seasons: [1, 2] }));
      const one = { all: false, seasons: [1] };
      const updated = await store.updateSeasons(key, { expected: one, seasons: { all: false, seasons: [1, 2] }, tmdb_seasons: [1, 2, 3] });
      expect(updated).toMatchObject({ seasons: { all: false, seasons: [1, 2] }, tmdb_seasons: [1, 2, 3], requested_by: "alice" });
      // A stale read (someone else merged first) changes nothing.
      expect(await store.updateSeasons(key, { expected: one, seasons: { all: true, seasons: [] }, tmdb_seasons: [1, 2, 3] })).toBeNull();
      expect((await store.getRequest(key))?.seasons).toEqual({ all: false, seasons: [1, 2] });
      // Two concurrent merges from the same read: exactly one wins.
      const from = { all: false, seasons: [1, 2] };
      const both = await Promise.all([
        store.updateSeasons(key, { expected: from, seasons: { all: false, seasons: [1, 2, 3] }, tmdb_seasons: [1, 2, 3] }),
        store.updateSeasons(key, { expected: from, seasons: { all: true, seasons: [] }, tmdb_seasons: [1, 2, 3] }),
      ]);
      expect(both.filter((r) => r !== null)).toHaveLength(1);
      // Added, or a movie, or gone: nothing to update.
      await store.markAdded(key, new Date(T0 + HOUR).toISOString(), null);
      const now = (await store.getRequest(key))!.seasons!;
      expect(await store.updateSeasons(key, { expected: now, seasons: { all: true, seasons: [0] }, tmdb_seasons: [0, 1] })).toBeNull();
      await store.insertRequest(newRequest());
      const all = { all: true, seasons: [] };
      expect(
        await store.updateSeasons({ media_type: "movie", tmdb_id: 603 }, { expected: all, seasons: all, tmdb_seasons: [] }),
      ).toBeNull();
      expect(await store.updateSeasons({ media_type: "tv", tmdb_id: 9 }, { expected: all, seasons: all, tmdb_seasons: [] })).toBeNull();
    });

    it("reads a row without stored seasons as all seasons, and merges into it", async () => {
      const key = { media_type: "tv" as const, tmdb_id: 1396 };
      await store.insertRequest(newRequest({ ...key, seasons: null }));
      const all = { all: true, seasons: [] };
      expect((await store.getRequest(key))?.seasons).toEqual(all);
      const updated = await store.updateSeasons(key, { expected: all, seasons: { all: true, seasons: [0] }, tmdb_seasons: [0, 1] });
      expect(updated?.seasons).toEqual({ all: true, seasons: [0] });
    });

    it("refreshes anime and TMDB's season list (an unknown list keeps the stored one)", async () => {
      const key = { media_type: "tv" as const, tmdb_id: 1396 };
      await store.insertRequest(newRequest({ ...key }));
      await store.setArrFacts(key, { anime: true, tmdb_seasons: [1, 2] });
      expect(await store.getRequest(key)).toMatchObject({ anime: true, tmdb_seasons: [1, 2] });
      await store.setArrFacts(key, { anime: false, tmdb_seasons: null });
      expect(await store.getRequest(key)).toMatchObject({ anime: false, tmdb_seasons: [1, 2] });
      await store.setArrFacts({ media_type: "tv", tmdb_id: 9 }, { anime: true, tmdb_seasons: [1] });
      expect(await store.getRequest({ media_type: "tv", tmdb_id: 9 })).toBeNull();
    });

    it("deletes only the named request", async () => {
      await store.insertRequest(newRequest());
      await store.upsertLibrary("movie", [{ tmdb_id: 603 }], T0);
      expect(await store.deleteRequest({ media_type: "tv", tmdb_id: 603 })).toBe(false);
      expect(await store.deleteRequest({ media_type: "movie", tmdb_id: 603 })).toBe(true);
      expect(await store.deleteRequest({ media_type: "movie", tmdb_id: 603 })).toBe(false);
      expect(await store.libraryIds("movie")).toEqual([603]);
    });

    it("feedEntries: allRequests of one type, newest first, with only the fields the *arr lists render", async () => {
      for (let i = 1; i <= 6; i++) {
        await store.insertRequest(
          newRequest({ tmdb_id: i, media_type: i % 3 ? "movie" : "tv", title: i === 2 ? null : `T${i}`, tvdb_id: i }),
        );
      }
      await store.markAdded({ media_type: "movie", tmdb_id: 4 }, new Date(T0).toISOString(), null);
      const project = (r: {
        seq: number;
        tmdb_id: number;
        title: string | null;
        year: number | null;
        imdb_id: string | null;
        tvdb_id: number | null;
        poster_path: string | null;
      }) => ({
        seq: r.seq,
        tmdb_id: r.tmdb_id,
        title: r.title,
        year: r.year,
        imdb_id: r.imdb_id,
        tvdb_id: r.tvdb_id,
        poster_path: r.poster_path,
      });
      for (const filter of [
        { media_type: "movie" as const },
        { media_type: "movie" as const, status: "pending" as const },
        { media_type: "tv" as const },
        { media_type: "tv" as const, status: "pending" as const },
      ]) {
        const entries = await store.feedEntries(filter);
        expect(entries).toEqual((await store.allRequests(filter)).map(project));
        for (const e of entries)
          expect(Object.keys(e).sort()).toEqual(["imdb_id", "poster_path", "seq", "title", "tmdb_id", "tvdb_id", "year"]);
      }
      expect((await store.feedEntries({ media_type: "movie", status: "pending" })).map((e) => e.tmdb_id)).toEqual([5, 2, 1]);
    });
  });
}
