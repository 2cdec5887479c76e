/**
 * The Lambda context's clock: an invocation ends when `getRemainingTimeInMillis()` reaches zero, and
 * then Lambda kills it (a Function URL answers a bare 502). The runtime's deadline is that moment
 * minus a margin, which leaves time to shape and return our own error (product.md §4).
 */

/** The part of the Lambda context the runtime reads (the handler's second argument). */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/** Kept back from the invocation's remaining time: rendering the error, the Function URL's mapping, the access log. */
export const LAMBDA_DEADLINE_MARGIN_MS = 1_000;

/**
 * The invocation's deadline (epoch ms), or `undefined` without a usable context (a direct call in
 * a test or a script; the app then applies its configured per-request deadline).
 */
export function invocationDeadlineAt(context: unknown, now: () => number = Date.now): number | undefined {
  const remainingOf = (context as Partial<LambdaContext> | null | undefined)?.getRemainingTimeInMillis;
  if (typeof remainingOf !== "function") return undefined;
  const remaining = Number(remainingOf.call(context));
  if (!Number.isFinite(remaining)) return undefined;
  return now() + Math.max(0, remaining - LAMBDA_DEADLINE_MARGIN_MS);
}
