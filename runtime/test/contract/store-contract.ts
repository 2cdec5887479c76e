/**
 * The storage contract: every adapter runs this suite unchanged (`runStoreContract(factory)`).
 * A behaviour change is specified here once; every adapter fails until it complies.
 * (Not a test file itself: adapters' `*.test.ts` files call it.)
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidCursorError, type NewRequest, type Store } from "../../src/ports/store.js";
import type { StoreFactory } from "../support/stores.js";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const HOUR = 3600_000;

export function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    tmdb_id: 603,
    media_type: "movie",
    title: "The Matrix",
    year: 1999,
    overview: "A hacker learns the truth.",
    poster_path: "/p.jpg",
    imdb_id: "tt0133093",
    tvdb_id: null,
    requested_by: "alice",
    created_at: new Date(T0).toISOString(),
    ...overrides,
  };
}

export function runStoreContract(factory: StoreFactory): void {
  describe(`store contract: ${factory.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await factory.create());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe("requests", () => {
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
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => store.insertRequest(newRequest({ requested_by: `u${i}` }))),
        );
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

      it("deletes only the named request", async () => {
        await store.insertRequest(newRequest());
        await store.upsertLibrary("movie", [{ tmdb_id: 603 }], T0);
        expect(await store.deleteRequest({ media_type: "tv", tmdb_id: 603 })).toBe(false);
        expect(await store.deleteRequest({ media_type: "movie", tmdb_id: 603 })).toBe(true);
        expect(await store.deleteRequest({ media_type: "movie", tmdb_id: 603 })).toBe(false);
        expect(await store.libraryIds("movie")).toEqual([603]);
      });
    });

    describe("title status", () => {
      it("reports requested, pending and in-library for many titles at once", async () => {
        await store.insertRequest(newRequest({ tmdb_id: 1 }));
        await store.insertRequest(newRequest({ tmdb_id: 2 }));
        await store.markAdded({ media_type: "movie", tmdb_id: 2 }, new Date(T0).toISOString(), null);
        await store.upsertLibrary("movie", [{ tmdb_id: 2 }, { tmdb_id: 3 }], T0);
        await store.upsertLibrary("tv", [{ tmdb_id: 1 }], T0);
        const keys = [1, 2, 3, 4].map((tmdb_id) => ({ media_type: "movie" as const, tmdb_id }));
        const status = await store.titleStatus([...keys, { media_type: "tv", tmdb_id: 1 }]);
        expect(status.get("movie:1")).toEqual({ requested: true, pending: true, in_library: false });
        expect(status.get("movie:2")).toEqual({ requested: true, pending: false, in_library: true });
        expect(status.get("movie:3")).toEqual({ requested: false, pending: false, in_library: true });
        expect(status.get("movie:4")).toEqual({ requested: false, pending: false, in_library: false });
        expect(status.get("tv:1")).toEqual({ requested: false, pending: false, in_library: true });
        expect((await store.titleStatus([])).size).toBe(0);
      });
    });

    describe("library", () => {
      it("upserts, reports what changed, and lists ids ascending per type", async () => {
        expect(
          await store.upsertLibrary(
            "movie",
            [
              { tmdb_id: 30, title: "C" },
              { tmdb_id: 10, title: "A" },
            ],
            T0,
          ),
        ).toEqual({ added: 2, changed: 2 });
        expect(await store.upsertLibrary("movie", [{ tmdb_id: 10, title: "A" }], T0)).toEqual({ added: 0, changed: 0 });
        expect(await store.upsertLibrary("movie", [{ tmdb_id: 10, title: "A2" }, { tmdb_id: 20 }], T0)).toEqual({ added: 1, changed: 2 });
        // Omitted fields keep their stored value: no change.
        expect(await store.upsertLibrary("movie", [{ tmdb_id: 10 }], T0)).toEqual({ added: 0, changed: 0 });
        expect(await store.libraryIds("movie")).toEqual([10, 20, 30]);
        expect(await store.libraryIds("tv")).toEqual([]);
      });

      it("keeps a full resync invisible until commit, then switches atomically", async () => {
        await store.upsertLibrary("movie", [{ tmdb_id: 1 }, { tmdb_id: 2 }], T0);
        expect(await store.resyncBatch("movie", "sync-a", [], T0)).toEqual({ ok: true, staged: 0 });
        expect(await store.resyncBatch("movie", "sync-a", [{ tmdb_id: 2 }, { tmdb_id: 3 }], T0)).toEqual({ ok: true, staged: 2 });
        expect(await store.libraryIds("movie")).toEqual([1, 2]);
        expect((await store.titleStatus([{ media_type: "movie", tmdb_id: 3 }])).get("movie:3")?.in_library).toBe(false);
        const commit = await store.resyncCommit("movie", "sync-a", { allowEmpty: false, nowMs: T0 });
        expect(commit).toEqual({ ok: true, synced: 2, removed: 1, repeated: false });
        expect(await store.libraryIds("movie")).toEqual([2, 3]);
        expect((await store.titleStatus([{ media_type: "movie", tmdb_id: 3 }])).get("movie:3")?.in_library).toBe(true);
        // Idempotent repeat.
        expect(await store.resyncCommit("movie", "sync-a", { allowEmpty: false, nowMs: T0 })).toEqual({
          ok: true,
          synced: 2,
          removed: 1,
          repeated: true,
        });
        // A batch for a committed sync is refused.
        expect(await store.resyncBatch("movie", "sync-a", [{ tmdb_id: 9 }], T0)).toEqual({ ok: false, reason: "committed" });
        expect(await store.libraryIds("movie")).toEqual([2, 3]);
      });

      it("lands webhook upserts in an open resync too", async () => {
        await store.resyncBatch("tv", "s1", [{ tmdb_id: 5 }], T0);
        await store.upsertLibrary("tv", [{ tmdb_id: 6 }], T0);
        expect(await store.libraryIds("tv")).toEqual([6]);
        await store.resyncCommit("tv", "s1", { allowEmpty: false, nowMs: T0 });
        expect(await store.libraryIds("tv")).toEqual([5, 6]);
      });

      it("refuses unknown, empty, mismatched and stale commits", async () => {
        expect(await store.resyncCommit("movie", "nope", { allowEmpty: false, nowMs: T0 })).toEqual({ ok: false, reason: "unknown" });
        await store.upsertLibrary("movie", [{ tmdb_id: 1 }], T0);
        await store.resyncBatch("movie", "empty", [], T0);
        expect(await store.resyncCommit("movie", "empty", { allowEmpty: false, nowMs: T0 })).toEqual({ ok: false, reason: "empty" });
        expect(await store.resyncCommit("tv", "empty", { allowEmpty: false, nowMs: T0 })).toEqual({ ok: false, reason: "type_mismatch" });
        expect(await store.resyncBatch("tv", "empty", [], T0)).toEqual({ ok: false, reason: "type_mismatch" });
        expect(await store.libraryIds("movie")).toEqual([1]);
        await store.resyncBatch("movie", "newer", [{ tmdb_id: 7 }], T0 + 1);
        expect(await store.resyncCommit("movie", "newer", { allowEmpty: false, nowMs: T0 + 2 })).toMatchObject({
          ok: true,
          synced: 1,
          removed: 1,
        });
        // "empty" was opened before "newer", which is committed: committing it now would go back in time.
        expect(await store.resyncCommit("movie", "empty", { allowEmpty: true, nowMs: T0 + 3 })).toEqual({ ok: false, reason: "stale" });
        expect(await store.libraryIds("movie")).toEqual([7]);
        await store.resyncBatch("movie", "wipe", [], T0 + 4);
        expect(await store.resyncCommit("movie", "wipe", { allowEmpty: true, nowMs: T0 + 5 })).toEqual({
          ok: true,
          synced: 0,
          removed: 1,
          repeated: false,
        });
        expect(await store.libraryIds("movie")).toEqual([]);
      });

      it("lists every type's library at once, following each type's committed generation", async () => {
        expect(await store.allLibraryIds()).toEqual({ movie: [], tv: [] });
        await store.upsertLibrary("movie", [{ tmdb_id: 30 }, { tmdb_id: 10 }], T0);
        await store.upsertLibrary("tv", [{ tmdb_id: 5 }], T0);
        expect(await store.allLibraryIds()).toEqual({ movie: [10, 30], tv: [5] });
        await store.resyncBatch("tv", "s", [{ tmdb_id: 7 }, { tmdb_id: 6 }], T0);
        expect(await store.allLibraryIds()).toEqual({ movie: [10, 30], tv: [5] });
        await store.resyncCommit("tv", "s", { allowEmpty: false, nowMs: T0 });
        expect(await store.allLibraryIds()).toEqual({ movie: [10, 30], tv: [6, 7] });
        expect(await store.allLibraryIds()).toEqual({ movie: await store.libraryIds("movie"), tv: await store.libraryIds("tv") });
      });

      it("expires an abandoned resync after 24 hours without touching the library", async () => {
        await store.upsertLibrary("movie", [{ tmdb_id: 1 }], T0);
        await store.resyncBatch("movie", "old", [{ tmdb_id: 2 }], T0);
        const later = T0 + 25 * HOUR;
        expect(await store.resyncCommit("movie", "old", { allowEmpty: false, nowMs: later })).toEqual({ ok: false, reason: "unknown" });
        expect(await store.libraryIds("movie")).toEqual([1]);
      });
    });

    describe("GUID cache", () => {
      it("stores, reads and overwrites mappings", async () => {
        expect(await store.getGuid("plex://show/abc")).toBeNull();
        await store.putGuid("plex://show/abc", { media_type: "tv", tmdb_id: 1396, tvdb_id: 81189 });
        expect(await store.getGuid("plex://show/abc")).toEqual({ media_type: "tv", tmdb_id: 1396, tvdb_id: 81189 });
        await store.putGuid("plex://show/abc", { media_type: "tv", tmdb_id: 1397, tvdb_id: null });
        expect(await store.getGuid("plex://show/abc")).toEqual({ media_type: "tv", tmdb_id: 1397, tvdb_id: null });
      });

      it("stores mappings passed with a library upsert, new or different ones only", async () => {
        const show = "plex://show/5d9c086c46115600200aa2fe";
        const bb = { media_type: "tv" as const, tmdb_id: 1396, tvdb_id: 81189 };
        const entry = [{ tmdb_id: 1396, title: "Breaking Bad", plex_guid: show }];
        expect(await store.upsertLibrary("tv", entry, T0, { guids: [{ guid: show, mapping: bb }] })).toEqual({ added: 1, changed: 1 });
        expect(await store.getGuid(show)).toEqual(bb);
        expect(await store.libraryIds("tv")).toEqual([1396]);
        // The entry is unchanged, the mapping is not: the mapping is still written.
        const moved = { media_type: "tv" as const, tmdb_id: 1396, tvdb_id: null };
        expect(await store.upsertLibrary("tv", entry, T0, { guids: [{ guid: show, mapping: moved }] })).toEqual({ added: 0, changed: 0 });
        expect(await store.getGuid(show)).toEqual(moved);
        // Mappings without library items, several at once (the later of a repeated guid wins), and a
        // guid longer than any key part (stored under its hash, read back exactly).
        const long = `plex://movie/${"x".repeat(300)}`;
        await store.upsertLibrary("movie", [], T0, {
          guids: [
            { guid: long, mapping: { media_type: "movie", tmdb_id: 1, tvdb_id: null } },
            { guid: "plex://movie/m", mapping: { media_type: "movie", tmdb_id: 2, tvdb_id: null } },
            { guid: long, mapping: { media_type: "movie", tmdb_id: 603, tvdb_id: null } },
          ],
        });
        expect(await store.getGuid(long)).toEqual({ media_type: "movie", tmdb_id: 603, tvdb_id: null });
        expect(await store.getGuid(`plex://movie/${"x".repeat(299)}y`)).toBeNull();
        expect(await store.getGuid("plex://movie/m")).toEqual({ media_type: "movie", tmdb_id: 2, tvdb_id: null });
        expect(await store.libraryIds("movie")).toEqual([]);
      });
    });

    describe("push subscriptions", () => {
      const sub = (endpoint: string, owner: string, locale = "en") => ({
        endpoint,
        owner,
        locale,
        p256dh: "BPk",
        auth: "au",
        vapid_key_id: "k1",
        created_at: new Date(T0).toISOString(),
      });
      it("keeps several devices per name and moves an endpoint to whoever subscribes it", async () => {
        expect(await store.putSubscription(sub("https://push.example/1", "alice"))).toBe("created");
        expect(await store.putSubscription(sub("https://push.example/2", "alice", "fr"))).toBe("created");
        expect((await store.listSubscriptions("alice")).map((s) => s.endpoint).sort()).toEqual([
          "https://push.example/1",
          "https://push.example/2",
        ]);
        expect(await store.putSubscription(sub("https://push.example/2", "bob", "de"))).toBe("updated");
        expect((await store.listSubscriptions("alice")).map((s) => s.endpoint)).toEqual(["https://push.example/1"]);
        expect(await store.listSubscriptions("bob")).toEqual([sub("https://push.example/2", "bob", "de")]);
        expect(await store.getSubscription("https://push.example/2")).toMatchObject({ owner: "bob", locale: "de" });
      });
      it("deletes only the owner's endpoint when an owner is given", async () => {
        await store.putSubscription(sub("https://push.example/1", "alice"));
        expect(await store.deleteSubscription("https://push.example/1", "bob")).toBe(false);
        expect(await store.deleteSubscription("https://push.example/1", "alice")).toBe(true);
        expect(await store.deleteSubscription("https://push.example/1")).toBe(false);
        await store.putSubscription(sub("https://push.example/3", "carol"));
        expect(await store.deleteSubscription("https://push.example/3")).toBe(true);
        expect(await store.getSubscription("https://push.example/3")).toBeNull();
      });
    });

    describe("challenges", () => {
      it("are single use, even under concurrency", async () => {
        const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeChallenge("nonce-1", T0 + 300_000, T0)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.consumeChallenge("nonce-2", T0 + 300_000, T0)).toBe(true);
        expect(await store.consumeChallenge("nonce-2", T0 + 300_000, T0 + 1000)).toBe(false);
      });
    });

    describe("rate-limit windows", () => {
      it("count in a fixed window from the first hit, ignore expired windows and clear", async () => {
        expect(await store.getRateLimit("ip:1", T0)).toBeNull();
        expect(await store.hitRateLimit("ip:1", 900_000, T0)).toEqual({ count: 1, reset_at: T0 + 900_000 });
        expect(await store.hitRateLimit("ip:1", 900_000, T0 + 1000)).toEqual({ count: 2, reset_at: T0 + 900_000 });
        expect(await store.getRateLimit("ip:1", T0 + 2000)).toEqual({ count: 2, reset_at: T0 + 900_000 });
        // Expired window: ignored when read, restarted when hit.
        expect(await store.getRateLimit("ip:1", T0 + 900_000)).toBeNull();
        expect(await store.hitRateLimit("ip:1", 900_000, T0 + 900_001)).toEqual({ count: 1, reset_at: T0 + 1_800_001 });
        await store.clearRateLimit("ip:1");
        expect(await store.getRateLimit("ip:1", T0 + 900_002)).toBeNull();
        expect(await store.getRateLimit("ip:2", T0)).toBeNull();
      });
      it("counts every concurrent hit", async () => {
        await Promise.all(Array.from({ length: 25 }, () => store.hitRateLimit("ip:9", 60_000, T0)));
        expect((await store.getRateLimit("ip:9", T0))?.count).toBe(25);
      });
    });

    it("answers ping and counts round trips", async () => {
      const before = store.stats.roundTrips;
      await store.ping();
      await store.getRequest({ media_type: "movie", tmdb_id: 1 });
      expect(store.stats.roundTrips - before).toBeGreaterThanOrEqual(2);
    });
  });
}
