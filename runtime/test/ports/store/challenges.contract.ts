/**
 * Contract of the `ChallengeStore` port (`src/ports/store/challenges.ts`): every store adapter's test file runs it
 * through `runStoreContract` (`contract.ts`); not collected by itself (no `.test.ts` suffix).
 */
import { describe, expect, it } from "vitest";
import type { ChallengeStore } from "../../../src/ports/store/challenges.js";
import type { StoreFactory } from "@stellarr/testkit/stores";
import { T0, useStore } from "./fixtures.js";

export function challengeStoreContract(factory: StoreFactory): void {
  describe("challenges", () => {
    let store: ChallengeStore;
    useStore(factory, (s) => (store = s));

    it("are single use, even under concurrency", async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeChallenge("nonce-1", T0 + 300_000, T0)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.consumeChallenge("nonce-2", T0 + 300_000, T0)).toBe(true);
      expect(await store.consumeChallenge("nonce-2", T0 + 300_000, T0 + 1000)).toBe(false);
    });
  });
}
