/**
 * Lambda `Invoke` with `InvocationType: Event` (asynchronous: Lambda queues the event and answers
 * 202) over aws4fetch, the way the API function hands a channel job to the notifier function.
 * One attempt, limited to less than the fulfilment's 1 s wait and to the request's deadline
 * (`lib/deadline.ts`); the payload is the job (title and names), never a channel's secret.
 */
import { AwsClient } from "aws4fetch";
import type { AwsCredentials } from "../../lib/aws-credentials.js";
import { currentDeadline, isTimeout } from "../../lib/deadline.js";

export interface LambdaInvokerOptions {
  functionName: string;
  region: string;
  /** Custom endpoint (tests); default `https://lambda.{region}.amazonaws.com`. */
  endpoint?: string;
  credentials: AwsCredentials;
  /** Per call, ms (default 800: the webhook's whole notification wait is 1 s); shortened to the current deadline. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class InvokeError extends Error {
  override readonly name = "InvokeError";
}

export function createEventInvoker(opts: LambdaInvokerOptions): (payload: unknown) => Promise<void> {
  const aws = new AwsClient({ ...opts.credentials, service: "lambda", region: opts.region, retries: 0 });
  const endpoint = opts.endpoint?.replace(/\/+$/, "") ?? `https://lambda.${opts.region}.amazonaws.com`;
  const url = `${endpoint}/2015-03-31/functions/${encodeURIComponent(opts.functionName)}/invocations`;
  const doFetch = opts.fetch ?? fetch;
  return async (payload) => {
    const signed = await aws.sign(url, {
      method: "POST",
      headers: { "x-amz-invocation-type": "Event", "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    let res: Response;
    try {
      res = await doFetch(signed, { signal: currentDeadline().signalFor(opts.timeoutMs ?? 800) });
    } catch (err) {
      throw new InvokeError(`Lambda Invoke failed: ${isTimeout(err) ? "timed out" : "network error"}`);
    }
    if (res.status !== 202) {
      await res.body?.cancel().catch(() => undefined);
      // The error type only (REST APIs send it as x-amzn-ErrorType, `Type:uri`): messages may echo the function's ARN.
      const type = (res.headers.get("x-amzn-errortype") ?? "").split(":")[0]!.replace(/[^A-Za-z]/g, "");
      throw new InvokeError(`Lambda Invoke failed: HTTP ${res.status} ${type}`.trim());
    }
    await res.body?.cancel().catch(() => undefined);
  };
}
