/** The runner's `DeliveryClaims` over the store's delivery claims (both shapes). */
import type { DeliveryStore } from "../../ports/store/deliveries.js";
import type { DeliveryClaims } from "./delivery-runner.js";

export const storeClaims = (store: Pick<DeliveryStore, "acquireDelivery" | "extendDelivery" | "releaseDelivery">): DeliveryClaims => ({
  acquire: (key, nowMs, untilMs) => store.acquireDelivery(key, nowMs, untilMs),
  extend: (key, untilMs) => store.extendDelivery(key, untilMs),
  release: (key) => store.releaseDelivery(key),
});
