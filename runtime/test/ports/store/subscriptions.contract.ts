/**
 * Contract of the `SubscriptionStore` port (`src/ports/store/subscriptions.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { SubscriptionStore } from "../../../src/ports/store/subscriptions.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { T0, useStore } from "./fixtures.js";

export function subscriptionStoreContract(factory: StoreFactory): void {
  describe("push subscriptions", () => {
    let store: SubscriptionStore;
    useStore(factory, (s) => (store = s));

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
}
