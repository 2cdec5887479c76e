/**
 * The DynamoDB client under the request's deadline, against an endpoint that hangs, throttles or
 * fails forever (testkit `dynamodb-outage`): the call ends with `StoreUnavailableError` (503 with
 * Retry-After) and the endpoint sees no request after the deadline — with the production retry
 * budget (6 attempts of 5 s), which alone would outlast a 15 s Lambda.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDynamoStore } from "../../../src/adapters/store/dynamodb/index.js";
import { deadlineAt, deadlineIn, withDeadline } from "../../../src/lib/deadline.js";
import { StoreUnavailableError } from "../../../src/ports/store/index.js";
import { startDynamoOutageFake, type DynamoOutageFake, type DynamoOutageMode } from "@stellarr/testkit/fakes/dynamodb-outage";

let fake: DynamoOutageFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function storeOver(mode: DynamoOutageMode, retry?: { attempts?: number; baseMs?: number }) {
  fake = await startDynamoOutageFake(mode);
  // The production defaults: 6 attempts, 5 s per attempt.
  return createDynamoStore({
    tableName: "stellarr",
    region: "us-east-1",
    endpoint: fake.url,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    retry,
  });
}

describe("DynamoDB client: the request's deadline", () => {
  it.each<DynamoOutageMode>(["hang", "throttle", "internal-error"])(
    "ends a call against an endpoint that keeps %s before the deadline, as StoreUnavailableError",
    async (mode) => {
      // A backoff base that makes the retry decisions matter within the deadline.
      const store = await storeOver(mode, { baseMs: 200 });
      const deadline = deadlineIn(1_200);
      const error = await withDeadline(deadline, () => store.getRequest({ media_type: "movie", tmdb_id: 1 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
      expect(fake!.calls.length).toBeGreaterThan(0);
      for (const call of fake!.calls) expect(call.at).toBeLessThanOrEqual(deadline.at);
    },
  );

  it("sends nothing once the deadline has passed", async () => {
    const store = await storeOver("throttle");
    const error = await withDeadline(deadlineAt(Date.now() - 1), () => store.ping()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(fake!.calls).toEqual([]);
    expect(store.stats.roundTrips).toBe(0);
  });

  it("starts no retry whose backoff would leave no time for it", async () => {
    // The first backoff can be up to 1 s; with 150 ms left after the first attempt, at most the
    // retries whose (random) delay still fits are sent, and none after the deadline.
    const store = await storeOver("throttle", { attempts: 6, baseMs: 1_000 });
    const deadline = deadlineIn(150);
    await expect(withDeadline(deadline, () => store.ping())).rejects.toBeInstanceOf(StoreUnavailableError);
    for (const call of fake!.calls) expect(call.at).toBeLessThanOrEqual(deadline.at);
  });
});
