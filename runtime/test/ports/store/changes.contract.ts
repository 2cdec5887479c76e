/**
 * Contract of the `ChangeStore` port (`src/ports/store/changes.ts`): every store adapter's test file
 * runs it through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 *
 * The promise callers rely on: two SETTLED tokens with the same value mean the same requests and
 * library. So after any write of requests or library, the token differs from the one before it or
 * is not settled (DynamoDB settles a while after its newest bump; SQLite is always settled).
 */
import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/ports/store/index.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { HOUR, T0, newRequest, useStore } from "./fixtures.js";

const movie = (tmdb_id: number) => ({ media_type: "movie" as const, tmdb_id });

export function changeStoreContract(factory: StoreFactory): void {
  describe("change token", () => {
    let store: Store;
    useStore(factory, (s) => (store = s));

    /** Runs `write` and checks the token moved (or cannot be trusted yet). */
    async function expectChange(write: () => Promise<unknown>): Promise<void> {
      const before = await store.changeToken();
      await write();
      const after = await store.changeToken();
      expect(after.value !== before.value || !after.settled, "token unchanged and settled after a write").toBe(true);
    }

    it("is an ETag-safe value, equal across reads when nothing was written", async () => {
      await store.insertRequest(newRequest({ tmdb_id: 1 }));
      const first = await store.changeToken();
      expect(first.value).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      await store.getRequest(movie(1));
      await store.allRequests({ status: "pending" });
      await store.listRequests({ limit: 10 });
      await store.countRequests();
      await store.allLibraryIds();
      await store.titleStatus([movie(1)]);
      expect((await store.changeToken()).value).toBe(first.value);
    });

    it("moves with every write of requests", async () => {
      await expectChange(() => store.insertRequest(newRequest({ tmdb_id: 1 })));
      await expectChange(() => store.setExternalIds(movie(1), { tvdb_id: 5 }));
      await expectChange(() => store.markAdded(movie(1), new Date(T0).toISOString(), "plex://movie/1"));
      await expectChange(() => store.deleteRequest(movie(1)));
    });

    it("moves with every write of the library: upserts and resync commits", async () => {
      await expectChange(() => store.upsertLibrary("movie", [{ tmdb_id: 7, title: "Seven" }], T0));
      await expectChange(() => store.upsertLibrary("movie", [{ tmdb_id: 7, title: "Se7en" }], T0));
      await store.resyncBatch("tv", "sync-1", [{ tmdb_id: 8 }], T0);
      await expectChange(() => store.resyncCommit("tv", "sync-1", { allowEmpty: false, nowMs: T0 + HOUR }));
    });

    it("moves with every source's library, not only Plex's (the requests page's available_on)", async () => {
      await store.upsertLibrary("movie", [{ tmdb_id: 7 }], T0);
      await expectChange(() => store.upsertLibrary("movie", [{ tmdb_id: 7 }], T0, { source: "jellyfin" }));
      await expectChange(() => store.upsertLibrary("movie", [{ tmdb_id: 7 }], T0, { source: "emby" }));
      // A Jellyfin resync without 7: the title stays in library (Plex, Emby), only its sources change.
      await store.resyncBatch("movie", "jf", [{ tmdb_id: 8 }], T0, { source: "jellyfin" });
      await expectChange(() => store.resyncCommit("movie", "jf", { allowEmpty: false, nowMs: T0 + HOUR, source: "jellyfin" }));
      await store.resyncBatch("movie", "em", [], T0 + HOUR, { source: "emby" });
      await expectChange(() => store.resyncCommit("movie", "em", { allowEmpty: true, nowMs: T0 + 2 * HOUR, source: "emby" }));
    });
  });
}
