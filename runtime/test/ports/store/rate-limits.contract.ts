/**
 * Contract of the `RateLimitStore` port (`src/ports/store/rate-limits.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { RateLimitStore } from "../../../src/ports/store/rate-limits.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { T0, useStore } from "./fixtures.js";

export function rateLimitStoreContract(factory: StoreFactory): void {
  describe("rate-limit windows", () => {
    let store: RateLimitStore;
    useStore(factory, (s) => (store = s));

    it("count in a fixed window from the first hit, ignore expired windows and clear", async () => {
      expect(await store.getRateLimit("ip:1", T0)).toBeNull();
      expect(await store.hitRateLimit("ip:1", 900_000, T0)).toEqual({ count: 1, reset_at: T0 + 900_000 });
      expect(await store.hitRateLimit("ip:1", 900_000, T0 + 1000)).toEqual({ count: 2, reset_at: T0 + 900_000 });
      expect(await store.getRateLimit("ip:1", T0 + 2000)).toEqual({ count: 2, reset_at: T0 + 900_000 });
      // Expired window: ignored when read, restarted when hit.
      expect(await store.getRateLimit("ip:1", T0 + 900_000)).toBeNull();
      expect(await store.hitRateLimit("ip:1", 900_000, T0 + 900_001)).toEqual({ count: 1, reset_at: T0 + 1_800_001 });
      await store.clearRateLimit("ip:1");
      expect(await store.getRateLimit("ip:1", T0 + 900_002)).toBeNull();
      expect(await store.getRateLimit("ip:2", T0)).toBeNull();
    });
    it("counts every concurrent hit", async () => {
      await Promise.all(Array.from({ length: 25 }, () => store.hitRateLimit("ip:9", 60_000, T0)));
      expect((await store.getRateLimit("ip:9", T0))?.count).toBe(25);
    });
  });
}
