/**
 * Delivery claims in memory: the reference for the `DeliveryClaims` contract (the store-backed
 * claims must behave the same) and what tests use. One process only, forgotten on restart.
 */
import type { DeliveryClaims } from "./delivery-runner.js";

export interface MemoryClaims extends DeliveryClaims {
  /** The expiry a key is held until, if any (tests). */
  heldUntil(key: string): number | undefined;
}

export function memoryClaims(): MemoryClaims {
  const until = new Map<string, number>();
  return {
    async acquire(key, nowMs, untilMs) {
      const held = until.get(key);
      if (held !== undefined && held > nowMs) return false;
      until.set(key, untilMs);
      return true;
    },
    async extend(key, untilMs) {
      until.set(key, untilMs);
    },
    async release(key) {
      until.delete(key);
    },
    heldUntil: (key) => until.get(key),
  };
}
