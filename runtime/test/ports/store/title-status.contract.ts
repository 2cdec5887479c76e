/**
 * Contract of the `TitleStatusStore` port (`src/ports/store/title-status.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { LibraryStore } from "../../../src/ports/store/library.js";
import type { RequestStore } from "../../../src/ports/store/requests.js";
import type { TitleStatusStore } from "../../../src/ports/store/title-status.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { T0, newRequest, useStore } from "./fixtures.js";

export function titleStatusStoreContract(factory: StoreFactory): void {
  describe("title status", () => {
    let store: TitleStatusStore & RequestStore & LibraryStore;
    useStore(factory, (s) => (store = s));

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
}
