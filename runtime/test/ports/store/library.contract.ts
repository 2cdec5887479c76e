/**
 * Contract of the `LibraryStore` port (`src/ports/store/library.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { LibraryStore } from "../../../src/ports/store/library.js";
import type { TitleStatusStore } from "../../../src/ports/store/title-status.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { HOUR, T0, useStore } from "./fixtures.js";

export function libraryStoreContract(factory: StoreFactory): void {
  describe("library", () => {
    let store: LibraryStore & TitleStatusStore;
    useStore(factory, (s) => (store = s));

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

    describe("sources", () => {
      const inLibrary = async (tmdb_id: number) =>
        (await store.titleStatus([{ media_type: "movie", tmdb_id }])).get(`movie:${tmdb_id}`)?.in_library;

      it("keeps one library per source and reads their union", async () => {
        expect(await store.upsertLibrary("movie", [{ tmdb_id: 1 }, { tmdb_id: 2 }], T0)).toEqual({ added: 2, changed: 2 });
        // The same title from another source is new to that source.
        expect(await store.upsertLibrary("movie", [{ tmdb_id: 2 }, { tmdb_id: 3 }], T0, { source: "jellyfin" })).toEqual({
          added: 2,
          changed: 2,
        });
        expect(await store.upsertLibrary("movie", [{ tmdb_id: 4 }], T0, { source: "emby" })).toEqual({ added: 1, changed: 1 });
        expect(await store.libraryIds("movie", "plex")).toEqual([1, 2]);
        expect(await store.libraryIds("movie", "jellyfin")).toEqual([2, 3]);
        expect(await store.libraryIds("movie", "emby")).toEqual([4]);
        expect(await store.libraryIds("movie")).toEqual([1, 2, 3, 4]);
        expect(await store.allLibraryIds()).toEqual({ movie: [1, 2, 3, 4], tv: [] });
        for (const id of [1, 2, 3, 4]) expect(await inLibrary(id)).toBe(true);
        expect(await inLibrary(5)).toBe(false);
        expect(await store.libraryIds("tv", "jellyfin")).toEqual([]);
      });

      it("replaces only the named source's library on a full resync (per source and type)", async () => {
        await store.upsertLibrary("movie", [{ tmdb_id: 1 }, { tmdb_id: 2 }], T0);
        await store.upsertLibrary("tv", [{ tmdb_id: 9 }], T0, { source: "jellyfin" });
        await store.upsertLibrary("movie", [{ tmdb_id: 3 }], T0, { source: "jellyfin" });
        // A Jellyfin resync of movies that no longer has 3, and a Plex one without 1: each keeps the other's.
        expect(await store.resyncBatch("movie", "jf", [{ tmdb_id: 2 }, { tmdb_id: 5 }], T0, { source: "jellyfin" })).toEqual({
          ok: true,
          staged: 2,
        });
        expect(await store.resyncBatch("movie", "px", [{ tmdb_id: 2 }, { tmdb_id: 6 }], T0)).toEqual({ ok: true, staged: 2 });
        expect(await store.resyncCommit("movie", "jf", { allowEmpty: false, nowMs: T0, source: "jellyfin" })).toEqual({
          ok: true,
          synced: 2,
          removed: 1,
          repeated: false,
        });
        // Opened before "jf" was committed, but "jf" belongs to another source: not stale.
        expect(await store.resyncCommit("movie", "px", { allowEmpty: false, nowMs: T0 })).toEqual({
          ok: true,
          synced: 2,
          removed: 1,
          repeated: false,
        });
        expect(await store.libraryIds("movie", "plex")).toEqual([2, 6]);
        expect(await store.libraryIds("movie", "jellyfin")).toEqual([2, 5]);
        expect(await store.libraryIds("tv", "jellyfin")).toEqual([9]);
        expect(await store.allLibraryIds()).toEqual({ movie: [2, 5, 6], tv: [9] });
        expect(await inLibrary(1)).toBe(false);
        expect(await inLibrary(3)).toBe(false);
        expect(await inLibrary(5)).toBe(true);
        // An empty Jellyfin resync allowed to wipe leaves Plex's library alone.
        await store.resyncBatch("movie", "jf-wipe", [], T0 + 1, { source: "jellyfin" });
        expect(await store.resyncCommit("movie", "jf-wipe", { allowEmpty: true, nowMs: T0 + 2, source: "jellyfin" })).toMatchObject({
          ok: true,
          synced: 0,
          removed: 2,
        });
        expect(await store.allLibraryIds()).toEqual({ movie: [2, 6], tv: [9] });
      });

      it("lands a source's webhook upserts only in that source's open resync", async () => {
        await store.resyncBatch("movie", "jf", [{ tmdb_id: 1 }], T0, { source: "jellyfin" });
        await store.upsertLibrary("movie", [{ tmdb_id: 2 }], T0); // plex
        await store.upsertLibrary("movie", [{ tmdb_id: 3 }], T0, { source: "jellyfin" });
        await store.resyncCommit("movie", "jf", { allowEmpty: false, nowMs: T0, source: "jellyfin" });
        expect(await store.libraryIds("movie", "jellyfin")).toEqual([1, 3]);
        expect(await store.libraryIds("movie", "plex")).toEqual([2]);
      });

      it("names the sources holding each title, aligned with the keys, in the order plex, jellyfin, emby", async () => {
        const movie = (tmdb_id: number) => ({ media_type: "movie" as const, tmdb_id });
        expect(await store.librarySources([])).toEqual([]);
        expect(await store.librarySources([movie(1)])).toEqual([[]]);
        await store.upsertLibrary("movie", [{ tmdb_id: 1 }, { tmdb_id: 2 }], T0); // plex
        await store.upsertLibrary("movie", [{ tmdb_id: 2 }, { tmdb_id: 3 }], T0, { source: "jellyfin" });
        await store.upsertLibrary("movie", [{ tmdb_id: 2 }, { tmdb_id: 3 }], T0, { source: "emby" });
        // The emby write came last: the order is fixed, not the order of writing.
        await store.upsertLibrary("tv", [{ tmdb_id: 1 }], T0, { source: "emby" });
        expect(
          await store.librarySources([
            movie(1),
            movie(2),
            movie(3),
            movie(4),
            { media_type: "tv", tmdb_id: 1 },
            { media_type: "tv", tmdb_id: 2 },
            movie(2),
          ]),
        ).toEqual([["plex"], ["plex", "jellyfin", "emby"], ["jellyfin", "emby"], [], ["emby"], [], ["plex", "jellyfin", "emby"]]);
        // Staged entries of an open resync are not in any library yet.
        await store.resyncBatch("movie", "px", [{ tmdb_id: 3 }], T0);
        expect(await store.librarySources([movie(3)])).toEqual([["jellyfin", "emby"]]);
      });

      it("drops a source from a title's list when that source's resync removes it, and no other", async () => {
        const keys = [1, 2].map((tmdb_id) => ({ media_type: "tv" as const, tmdb_id }));
        await store.upsertLibrary("tv", [{ tmdb_id: 1 }, { tmdb_id: 2 }], T0);
        await store.upsertLibrary("tv", [{ tmdb_id: 1 }, { tmdb_id: 2 }], T0, { source: "jellyfin" });
        expect(await store.librarySources(keys)).toEqual([
          ["plex", "jellyfin"],
          ["plex", "jellyfin"],
        ]);
        await store.resyncBatch("tv", "jf", [{ tmdb_id: 2 }], T0, { source: "jellyfin" });
        await store.resyncCommit("tv", "jf", { allowEmpty: false, nowMs: T0, source: "jellyfin" });
        expect(await store.librarySources(keys)).toEqual([["plex"], ["plex", "jellyfin"]]);
        await store.resyncBatch("tv", "px", [{ tmdb_id: 1 }], T0 + 1);
        await store.resyncCommit("tv", "px", { allowEmpty: false, nowMs: T0 + 1 });
        expect(await store.librarySources(keys)).toEqual([["plex"], ["jellyfin"]]);
      });

      it("answers a page larger than one batch (more than 100 keys) completely", async () => {
        const ids = Array.from({ length: 150 }, (_, i) => i + 1);
        await store.upsertLibrary(
          "movie",
          ids.filter((id) => id % 2 === 0).map((tmdb_id) => ({ tmdb_id })),
          T0,
        );
        await store.upsertLibrary(
          "movie",
          ids.filter((id) => id % 3 === 0).map((tmdb_id) => ({ tmdb_id })),
          T0,
          { source: "jellyfin" },
        );
        const sources = await store.librarySources(ids.map((tmdb_id) => ({ media_type: "movie", tmdb_id })));
        expect(sources).toEqual(ids.map((id) => [...(id % 2 === 0 ? ["plex"] : []), ...(id % 3 === 0 ? ["jellyfin"] : [])]));
      });

      it("ties a sync id to its source", async () => {
        await store.resyncBatch("movie", "s", [{ tmdb_id: 1 }], T0, { source: "emby" });
        expect(await store.resyncBatch("movie", "s", [], T0)).toEqual({ ok: false, reason: "type_mismatch" });
        expect(await store.resyncBatch("movie", "s", [], T0, { source: "jellyfin" })).toEqual({ ok: false, reason: "type_mismatch" });
        expect(await store.resyncCommit("movie", "s", { allowEmpty: false, nowMs: T0 })).toEqual({ ok: false, reason: "type_mismatch" });
        expect(await store.resyncCommit("movie", "s", { allowEmpty: false, nowMs: T0, source: "emby" })).toMatchObject({
          ok: true,
          synced: 1,
        });
        expect(await store.libraryIds("movie")).toEqual([1]);
      });
    });
  });
}
