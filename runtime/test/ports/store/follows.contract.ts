/**
 * Contract of the `FollowStore` port (`src/ports/store/follows.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { Store, TitleKey } from "../../../src/ports/store/index.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { useStore } from "./fixtures.js";

export function followStoreContract(factory: StoreFactory): void {
  describe("follows", () => {
    let store: Store;
    useStore(factory, (s) => (store = s));
    const matrix: TitleKey = { media_type: "movie", tmdb_id: 603 };
    const show: TitleKey = { media_type: "tv", tmdb_id: 603 };

    it("follow is idempotent and unfollow says whether the name was following", async () => {
      expect(await store.follow(matrix, "bob")).toBe("followed");
      expect(await store.follow(matrix, "bob")).toBe("already");
      expect(await store.follow(matrix, "carol")).toBe("followed");
      expect(await store.followersOf([matrix])).toEqual([["bob", "carol"]]);
      expect(await store.unfollow(matrix, "bob")).toBe(true);
      expect(await store.unfollow(matrix, "bob")).toBe(false);
      expect(await store.unfollow(show, "carol")).toBe(false);
      expect(await store.followersOf([matrix])).toEqual([["carol"]]);
      expect(await store.unfollow(matrix, "carol")).toBe(true);
      expect(await store.followersOf([matrix])).toEqual([[]]);
      expect(await store.follow(matrix, "carol")).toBe("followed");
    });

    it("lists the followers of many titles in one read, aligned and sorted, movie and tv apart", async () => {
      await store.follow(show, "zed");
      await store.follow(matrix, "mallory");
      await store.follow(matrix, "alice");
      const keys: TitleKey[] = [show, { media_type: "movie", tmdb_id: 1 }, matrix, show];
      const before = store.stats.roundTrips;
      expect(await store.followersOf(keys)).toEqual([["zed"], [], ["alice", "mallory"], ["zed"]]);
      expect(store.stats.roundTrips - before).toBe(1);
      expect(await store.followersOf([])).toEqual([]);
    });

    it("deleteFollows forgets every follower of that title only", async () => {
      await store.follow(matrix, "bob");
      await store.follow(matrix, "carol");
      await store.follow(show, "bob");
      await store.deleteFollows(matrix);
      await store.deleteFollows({ media_type: "movie", tmdb_id: 2 });
      expect(await store.followersOf([matrix, show])).toEqual([[], ["bob"]]);
    });

    it("followedBy lists the titles one name follows, exactly that name, by type then id", async () => {
      const early: TitleKey = { media_type: "movie", tmdb_id: 12 };
      expect(await store.followedBy("bob")).toEqual([]);
      await store.follow(show, "bob");
      await store.follow(matrix, "bob");
      await store.follow(early, "bob");
      await store.follow(matrix, "bob");
      await store.follow(matrix, "carol");
      await store.follow(show, "Bob");
      await store.follow(show, "bob ");
      expect(await store.unfollow(early, "bob")).toBe(true);
      expect(await store.followedBy("bob")).toEqual([matrix, show]);
      expect(await store.followedBy("carol")).toEqual([matrix]);
      expect(await store.followedBy("Bob")).toEqual([show]);
      expect(await store.followedBy("bo")).toEqual([]);
      await store.deleteFollows(matrix);
      expect(await store.followedBy("bob")).toEqual([show]);
      expect(await store.followedBy("carol")).toEqual([]);
      // Following again after the request is gone and back is listed again.
      await store.follow(matrix, "carol");
      expect(await store.followedBy("carol")).toEqual([matrix]);
    });

    it("followedBy keeps long names apart and lists more than a page of titles", async () => {
      const long = "x".repeat(300);
      const keys: TitleKey[] = Array.from({ length: 30 }, (_, i) => ({ media_type: "movie", tmdb_id: 1000 - i * 7 }));
      await Promise.all(keys.map((k) => store.follow(k, long)));
      await store.follow(show, `${long}y`);
      expect(await store.followedBy(long)).toEqual([...keys].sort((a, b) => a.tmdb_id - b.tmdb_id));
      expect(await store.followedBy(`${long}y`)).toEqual([show]);
    });

    it("concurrent follows of one title all land", async () => {
      const names = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, "0")}`);
      await Promise.all(names.map((n) => store.follow(matrix, n)));
      expect(await store.followersOf([matrix])).toEqual([names]);
    });
  });
}
