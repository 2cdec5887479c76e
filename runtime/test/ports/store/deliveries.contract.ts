/**
 * Contract of the `DeliveryStore` port (`src/ports/store/deliveries.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 * The claims part is the runner's `DeliveryClaims` contract, the same one the in-memory claims pass.
 */
import { describe, expect, it } from "vitest";
import type { DeliveryStore } from "../../../src/ports/store/deliveries.js";
import { storeClaims } from "../../../src/app/notify/store-claims.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { describeDeliveryClaimsContract } from "../../app/notify/claims.contract.js";
import { T0, useStore } from "./fixtures.js";

export function deliveryStoreContract(factory: StoreFactory): void {
  describe("channel deliveries", () => {
    describeDeliveryClaimsContract(factory.name, async () => {
      const { store, cleanup } = await factory.create();
      return { claims: storeClaims(store), cleanup };
    });

    let store: DeliveryStore;
    useStore(factory, (s) => (store = s));
    const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

    it("records the last delivery per channel and reads many back aligned", async () => {
      await store.recordDelivery("ch_a", { status: "failed", at: at(0), error: "ntfy: HTTP 500" });
      await store.recordDelivery("household-0123456789abcdef", { status: "ok", at: at(1) });
      expect(await store.lastDeliveries(["ch_a", "nope", "household-0123456789abcdef"])).toEqual([
        { status: "failed", at: at(0), error: "ntfy: HTTP 500" },
        null,
        { status: "ok", at: at(1) },
      ]);
      await store.recordDelivery("ch_a", { status: "ok", at: at(2) });
      expect(await store.lastDeliveries(["ch_a"])).toEqual([{ status: "ok", at: at(2) }]);
      expect(await store.lastDeliveries([])).toEqual([]);
    });

    it("a released claim is free at once; an extended one holds past its first expiry", async () => {
      expect(await store.acquireDelivery("fulfilled:movie:1:ch_a", T0, T0 + 10)).toBe(true);
      await store.extendDelivery("fulfilled:movie:1:ch_a", T0 + 86_400_000);
      expect(await store.acquireDelivery("fulfilled:movie:1:ch_a", T0 + 3_600_000, T0 + 3_600_010)).toBe(false);
      expect(await store.acquireDelivery("fulfilled:movie:1:ch_a", T0 + 86_400_000, T0 + 86_400_010)).toBe(true);
      await store.releaseDelivery("fulfilled:movie:1:ch_a");
      expect(await store.acquireDelivery("fulfilled:movie:1:ch_a", T0 + 86_400_001, T0 + 86_400_011)).toBe(true);
    });
  });
}
