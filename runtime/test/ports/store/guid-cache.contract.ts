/**
 * Contract of the `GuidCacheStore` port (`src/ports/store/guid-cache.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { GuidCacheStore } from "../../../src/ports/store/guid-cache.js";
import type { LibraryStore } from "../../../src/ports/store/library.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { T0, useStore } from "./fixtures.js";

export function guidCacheStoreContract(factory: StoreFactory): void {
  describe("GUID cache", () => {
    let store: GuidCacheStore & LibraryStore;
    useStore(factory, (s) => (store = s));

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
}
