/**
 * The `DeliveryClaims` contract: every implementation (in memory here; SQLite and DynamoDB in the
 * integration step) runs this suite.
 */
import { describe, expect, it } from "vitest";
import type { DeliveryClaims } from "../../src/app/notify/delivery-runner.js";

export function describeDeliveryClaimsContract(
  name: string,
  create: () => Promise<{ claims: DeliveryClaims; cleanup?: () => Promise<void> }>,
): void {
  describe(`delivery claims contract (${name})`, () => {
    const T = Date.UTC(2026, 0, 1);
    const withClaims = (test: (claims: DeliveryClaims) => Promise<void>) => async () => {
      const { claims, cleanup } = await create();
      try {
        await test(claims);
      } finally {
        await cleanup?.();
      }
    };

    it(
      "a key is taken once until it expires",
      withClaims(async (claims) => {
        expect(await claims.acquire("k", T, T + 1_000)).toBe(true);
        expect(await claims.acquire("k", T + 999, T + 2_000)).toBe(false);
        expect(await claims.acquire("other", T, T + 1_000)).toBe(true);
        expect(await claims.acquire("k", T + 1_000, T + 5_000)).toBe(true);
        expect(await claims.acquire("k", T + 4_999, T + 9_000)).toBe(false);
      }),
    );

    it(
      "extend moves the expiry; release frees the key",
      withClaims(async (claims) => {
        expect(await claims.acquire("k", T, T + 1_000)).toBe(true);
        await claims.extend("k", T + 86_400_000);
        expect(await claims.acquire("k", T + 50_000, T + 60_000)).toBe(false);
        await claims.release("k");
        expect(await claims.acquire("k", T + 50_000, T + 60_000)).toBe(true);
        await claims.release("never-taken");
      }),
    );

    it(
      "concurrent acquires of one key: exactly one wins",
      withClaims(async (claims) => {
        const wins = await Promise.all(Array.from({ length: 10 }, () => claims.acquire("race", T, T + 1_000)));
        expect(wins.filter(Boolean)).toHaveLength(1);
      }),
    );
  });
}
