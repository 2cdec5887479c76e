/**
 * The deadline of one unit of work (an API request, a Lambda invocation): the moment its caller
 * stops waiting. Every outbound call takes it, so retries and waits end while there is still time
 * to answer with our own error shape (product.md §4) instead of the platform's bare 502.
 *
 * The current deadline travels with the async context (`AsyncLocalStorage`): the app runs each
 * request inside `withDeadline`, and an adapter asks `currentDeadline()` when it sends, so no port
 * grows a parameter. Adopting it in an adapter is one line: the attempt's signal becomes
 * `currentDeadline().signalFor(attemptTimeoutMs)`, and a retry or a sleep first asks `fits(ms)`.
 * Work that outlives its request (a background delivery queue) runs under `withoutDeadline`.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface Deadline {
  /** Milliseconds since the epoch; `Infinity` for none. */
  readonly at: number;
  /** Milliseconds left, never negative. */
  remaining(): number;
  /** Whether `ms` of work still ends before the deadline. */
  fits(ms: number): boolean;
  /** Milliseconds an attempt limited to `ms` may take: `min(ms, remaining())`. */
  timeoutFor(ms: number): number;
  /** A signal for one attempt limited to `ms`: it aborts (`TimeoutError`) at that limit or at the deadline, whichever is first. */
  signalFor(ms: number): AbortSignal;
  /** Aborts (`TimeoutError`) when the deadline passes. */
  readonly signal: AbortSignal;
}

/** A deadline at `at` (epoch ms). `now` is the wall clock (tests pass their own). */
export function deadlineAt(at: number, now: () => number = Date.now): Deadline {
  const remaining = () => Math.max(0, at - now());
  const timeoutFor = (ms: number) => Math.max(0, Math.min(ms, remaining()));
  let signal: AbortSignal | undefined;
  return {
    at,
    remaining,
    fits: (ms) => ms <= remaining(),
    timeoutFor,
    // One timer per attempt, sized to what is left: the deadline cannot move, so no signal needs combining.
    signalFor: (ms) => AbortSignal.timeout(timeoutFor(ms)),
    get signal() {
      // Created on first use: most requests never wait on anything.
      signal ??= Number.isFinite(at) ? AbortSignal.timeout(remaining()) : new AbortController().signal;
      return signal;
    },
  };
}

/** A deadline `ms` from now. */
export const deadlineIn = (ms: number, now: () => number = Date.now): Deadline => deadlineAt(now() + ms, now);

/** No deadline: attempts keep their own limits (the CLIs, background work). */
export const NO_DEADLINE: Deadline = deadlineAt(Infinity);

const current = new AsyncLocalStorage<Deadline>();

/** The deadline of the work in progress, or `NO_DEADLINE`. */
export const currentDeadline = (): Deadline => current.getStore() ?? NO_DEADLINE;

/** Runs `fn` under `deadline`, or under the current one when that ends first (a nested deadline never extends its caller's). */
export function withDeadline<T>(deadline: Deadline, fn: () => T): T {
  const outer = current.getStore();
  return current.run(outer && outer.at < deadline.at ? outer : deadline, fn);
}

/** Runs `fn` with no deadline: for work that deliberately outlives the request that started it. */
export const withoutDeadline = <T>(fn: () => T): T => current.run(NO_DEADLINE, fn);

/** Whether `err` is the abort of a timed-out signal (`AbortSignal.timeout`, `signalFor`) or an abort. */
export const isTimeout = (err: unknown): boolean => err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
