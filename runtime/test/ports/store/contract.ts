/**
 * The storage contract: every store adapter runs it unchanged (`runStoreContract(factory)`), one
 * contract file per port. A behaviour change is specified here once; every adapter fails until it
 * complies. A new port adds its `<kind>.contract.ts` and one line below.
 * (Not a test file itself: the adapters' `*.test.ts` files call it.)
 */
import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/ports/store/index.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { challengeStoreContract } from "./challenges.contract.js";
import { channelStoreContract } from "./channels.contract.js";
import { deliveryStoreContract } from "./deliveries.contract.js";
import { followStoreContract } from "./follows.contract.js";
import { changeStoreContract } from "./changes.contract.js";
import { useStore } from "./fixtures.js";
import { guidCacheStoreContract } from "./guid-cache.contract.js";
import { libraryStoreContract } from "./library.contract.js";
import { rateLimitStoreContract } from "./rate-limits.contract.js";
import { requestStoreContract } from "./requests.contract.js";
import { subscriptionStoreContract } from "./subscriptions.contract.js";
import { titleStatusStoreContract } from "./title-status.contract.js";

export { HOUR, T0, newRequest } from "./fixtures.js";

export function runStoreContract(factory: StoreFactory): void {
  describe(`store contract: ${factory.name}`, () => {
    requestStoreContract(factory);
    titleStatusStoreContract(factory);
    libraryStoreContract(factory);
    guidCacheStoreContract(factory);
    subscriptionStoreContract(factory);
    challengeStoreContract(factory);
    rateLimitStoreContract(factory);
    followStoreContract(factory);
    channelStoreContract(factory);
    deliveryStoreContract(factory);
    changeStoreContract(factory);

    describe("lifecycle", () => {
      let store: Store;
      useStore(factory, (s) => (store = s));
      it("answers ping and counts round trips", async () => {
        const before = store.stats.roundTrips;
        await store.ping();
        await store.getRequest({ media_type: "movie", tmdb_id: 1 });
        expect(store.stats.roundTrips - before).toBeGreaterThanOrEqual(2);
      });
    });
  });
}
