/**
 * Lambda `Invoke` signed (lib/sigv4.ts) and sent by `sendSigned` (lib/aws-transport.ts), the way the API function reaches the notifier function:
 * - `createEventInvoker` (`InvocationType: Event`, asynchronous: Lambda queues the event and
 *   answers 202) hands over a channel job. One attempt, limited to less than the fulfilment's 1 s
 *   wait and to the request's deadline (`lib/deadline.ts`).
 * - `createRequestInvoker` (invoke-request.ts: `InvocationType: RequestResponse`, synchronous: Lambda
 *   answers 200 with the handler's result) asks for a channel test and waits for its answer, within
 *   the request's deadline.
 * The payload names titles, names and channel ids, never a channel's secret; errors carry Lambda's
 * error type only, never its message (which may name the function's ARN).
 */
import type { AwsCredentials } from "../../lib/aws-credentials.js";
import { transportOver, type AwsResponse } from "../../lib/aws-transport.js";
import { currentDeadline, isTimeout } from "../../lib/deadline.js";
import { createSigner } from "../../lib/sigv4.js";

export interface LambdaInvokerOptions {
  functionName: string;
  region: string;
  /** Custom endpoint (tests); default `https://lambda.{region}.amazonaws.com`. */
  endpoint?: string;
  credentials: AwsCredentials;
  /** Per asynchronous call, ms (default 800: the webhook's whole notification wait is 1 s); shortened to the current deadline. */
  timeoutMs?: number;
  /** Injected transport (tests; it receives a `Request`); default `sendSigned`. */
  fetch?: typeof fetch;
}

/**
 * `timeout`: no answer in time; `throttled`: 429 (the function's reserved concurrency is taken);
 * `function`: the handler threw or Lambda timed it out (`X-Amz-Function-Error`); `failed`: anything else.
 */
export type InvokeErrorKind = "timeout" | "throttled" | "function" | "failed";

export class InvokeError extends Error {
  override readonly name = "InvokeError";
  constructor(
    readonly kind: InvokeErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type Send = (payload: unknown, type: "Event" | "RequestResponse", timeoutMs: number) => Promise<AwsResponse>;

/** One signed Invoke call of either type; a status other than the type's success is an `InvokeError`. */
export function invoker(opts: LambdaInvokerOptions): Send {
  const sign = createSigner({ ...opts.credentials, service: "lambda", region: opts.region });
  const endpoint = opts.endpoint?.replace(/\/+$/, "") ?? `https://lambda.${opts.region}.amazonaws.com`;
  const url = `${endpoint}/2015-03-31/functions/${encodeURIComponent(opts.functionName)}/invocations`;
  const send = transportOver(opts.fetch);
  return async (payload, type, timeoutMs) => {
    const signed = sign({
      method: "POST",
      url,
      headers: { "x-amz-invocation-type": type, "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    // One signal for the whole exchange: a synchronous answer's body arrives only when the handler returns.
    const signal = currentDeadline().signalFor(timeoutMs);
    let res: AwsResponse;
    try {
      res = await send(signed, signal);
    } catch (err) {
      throw fetchFailure(err);
    }
    const expected = type === "Event" ? 202 : 200;
    if (res.status !== expected) {
      // The error type only (REST APIs send it as x-amzn-ErrorType, `Type:uri`): messages may echo the function's ARN.
      const errorType = (res.headers.get("x-amzn-errortype") ?? "").split(":")[0]!.replace(/[^A-Za-z]/g, "");
      throw new InvokeError(res.status === 429 ? "throttled" : "failed", `Lambda Invoke failed: HTTP ${res.status} ${errorType}`.trim());
    }
    return res;
  };
}

export const fetchFailure = (err: unknown): InvokeError =>
  isTimeout(err)
    ? new InvokeError("timeout", "Lambda Invoke failed: timed out")
    : new InvokeError("failed", "Lambda Invoke failed: network error");

export function createEventInvoker(opts: LambdaInvokerOptions): (payload: unknown) => Promise<void> {
  const send = invoker(opts);
  return async (payload) => {
    // The whole (empty) answer is read: nothing is left to cancel.
    await send(payload, "Event", opts.timeoutMs ?? 800);
  };
}
