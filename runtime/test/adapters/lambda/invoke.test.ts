/**
 * The Lambda invokers against the Invoke fake: signed Event invocations, and RequestResponse ones
 * that resolve with the handler's result; Lambda's refusals and a handler's error as typed errors
 * without ARNs or messages; a deadline.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLambdaFake, type LambdaFake } from "@stellarr/testkit/fakes/lambda";
import { createEventInvoker, InvokeError } from "../../../src/adapters/lambda/invoke.js";
import { createRequestInvoker } from "../../../src/adapters/lambda/invoke-request.js";
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

describe("createRequestInvoker", () => {
  const invoker = (functionName = "stellarr-prod-notifier", over: Partial<Parameters<typeof createRequestInvoker>[0]> = {}) =>
    createRequestInvoker({ functionName, region: "us-east-1", endpoint: lambda.url, credentials, ...over });
  const failure = async (p: Promise<unknown>): Promise<InvokeError> => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvokeError);
    return err as InvokeError;
  };

  it("resolves with the handler's result (a RequestResponse invocation)", async () => {
    lambda.handle("stellarr-prod-notifier", async (event) => ({ echoed: event }));
    expect(await invoker()({ test_channel: { id: "ch_x" } }, 5_000)).toEqual({ echoed: { test_channel: { id: "ch_x" } } });
    expect(lambda.invoked.get("stellarr-prod-notifier")).toEqual([{ test_channel: { id: "ch_x" } }]);
    expect(lambda.events.get("stellarr-prod-notifier")).not.toContainEqual({ test_channel: { id: "ch_x" } });
  });

  it("a handler's error is kind `function` with its type, never its message", async () => {
    lambda.handle("stellarr-prod-notifier", async () => {
      throw new TypeError("arn:aws:lambda:us-east-1:123456789012:function:secret-name");
    });
    const err = await failure(invoker()({}, 5_000));
    expect(err.kind).toBe("function");
    expect(err.message).toBe("Lambda Invoke failed: function error TypeError");
  });

  it("throttling is `throttled`; other refusals and a cut connection are `failed`, naming the error type only", async () => {
    lambda.handle("stellarr-prod-notifier", async () => ({ ok: true }));
    lambda.failNext(1, 429, "TooManyRequestsException");
    expect((await failure(invoker()({}, 5_000))).kind).toBe("throttled");
    const missing = await failure(invoker("missing")({}, 5_000));
    expect(missing).toMatchObject({ kind: "failed", message: "Lambda Invoke failed: HTTP 404 ResourceNotFoundException" });
    lambda.dropNext(1);
    expect(await failure(invoker()({}, 5_000))).toMatchObject({ kind: "failed", message: "Lambda Invoke failed: network error" });
  });

  it("gives up at its limit or the request's deadline, whichever is first: kind `timeout`", async () => {
    lambda.handle("stellarr-prod-notifier", () => new Promise(() => {}));
    expect((await failure(invoker()({}, 50))).kind).toBe("timeout");
    expect((await failure(withDeadline(deadlineIn(100), () => invoker()({}, 60_000)))).kind).toBe("timeout");
    lambda.handle("stellarr-prod-notifier", null);
  });
});
