/** The asynchronous Lambda invoker against the Invoke fake: signed Event invocations, Lambda's refusals as errors without ARNs, a deadline. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLambdaFake, type LambdaFake } from "@stellarr/testkit/fakes/lambda";
import { createEventInvoker } from "../../../src/adapters/lambda/invoke.js";
import { deadlineIn, withDeadline } from "../../../src/lib/deadline.js";

const credentials = { accessKeyId: "AKIDTEST", secretAccessKey: "secret", sessionToken: "token" };
let lambda: LambdaFake;
beforeAll(async () => {
  lambda = await startLambdaFake({ functions: ["stellarr-prod-notifier"] });
});
afterAll(() => lambda.close());

describe("createEventInvoker", () => {
  const invoker = (functionName = "stellarr-prod-notifier", over: Partial<Parameters<typeof createEventInvoker>[0]> = {}) =>
    createEventInvoker({ functionName, region: "us-east-1", endpoint: lambda.url, credentials, ...over });

  it("queues the payload as an Event invocation", async () => {
    await invoker()({ fulfilment: { tmdb_id: 603 }, followers: ["bob"] });
    expect(lambda.events.get("stellarr-prod-notifier")).toEqual([{ fulfilment: { tmdb_id: 603 }, followers: ["bob"] }]);
  });

  it("throws Lambda's error type, never its message (which names the ARN)", async () => {
    await expect(invoker("missing")({})).rejects.toThrow(/^Lambda Invoke failed: HTTP 404 ResourceNotFoundException$/);
    lambda.failNext(1, 429, "TooManyRequestsException");
    await expect(invoker()({})).rejects.toThrow("HTTP 429 TooManyRequestsException");
    await expect(invoker("stellarr-prod-notifier", { credentials: { ...credentials, accessKeyId: "OTHER" } })({})).rejects.toThrow(
      "HTTP 403",
    );
  });

  it("gives up at its deadline", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      await expect(invoker("f", { endpoint, timeoutMs: 50 })({})).rejects.toThrow("Lambda Invoke failed: timed out");
      // The request's deadline cuts an attempt shorter than its own limit (else this waits a minute: the test's timeout).
      await expect(withDeadline(deadlineIn(100), () => invoker("f", { endpoint, timeoutMs: 60_000 })({}))).rejects.toThrow(
        "Lambda Invoke failed: timed out",
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
