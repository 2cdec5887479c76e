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
  });
}
