/**
 * Lambda `Invoke` with `InvocationType: RequestResponse` (invoke.ts has the shared call): the API
 * function asks the notifier function for a channel test and waits for the handler's result. Its
 * own module, so the API bundle loads it with the first test rather than at every cold start.
 */
import { fetchFailure, invoker, InvokeError, type LambdaInvokerOptions } from "./invoke.js";

/** Lambda's cap on a synchronous response payload (6 MB); a channel test's answer is a few hundred bytes. */
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/**
 * Invokes synchronously and resolves with the handler's result (parsed JSON), waiting at most
 * `timeoutMs` (shortened to the current deadline). A handler that threw or timed out is an
 * `InvokeError` of kind `function` naming its error type only.
 */
export function createRequestInvoker(opts: LambdaInvokerOptions): (payload: unknown, timeoutMs: number) => Promise<unknown> {
  const send = invoker(opts);
  return async (payload, timeoutMs) => {
    const res = await send(payload, "RequestResponse", timeoutMs);
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw fetchFailure(err);
    }
    if (text.length > MAX_RESPONSE_BYTES) throw new InvokeError("failed", "Lambda Invoke failed: response too large");
    const functionError = res.headers.get("x-amz-function-error");
    let result: unknown;
    try {
      result = JSON.parse(text);
    } catch {
      throw new InvokeError(functionError ? "function" : "failed", "Lambda Invoke failed: the response is not JSON");
    }
    if (functionError) {
      // `{errorType, errorMessage, …}`: the type says what happened (`Sandbox.Timedout`, `Error`); the message stays out.
      const errorType = String((result as { errorType?: unknown } | null)?.errorType ?? "").replace(/[^A-Za-z.]/g, "");
      throw new InvokeError("function", `Lambda Invoke failed: function error ${errorType || functionError.replace(/[^A-Za-z]/g, "")}`);
    }
    return result;
  };
}
