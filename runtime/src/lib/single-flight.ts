/**
 * Identical concurrent calls share one promise: the first call with a key runs, the others wait for
 * its answer; the entry is dropped once it settles. E.g. Plex sends a burst of `library.new` events
 * (one per episode) for a new season, and only the first should pay for the upstream lookups.
 *
 * A flight runs under the deadline of the call that started it (`lib/deadline.ts`), which need not
 * be a joiner's: so a joiner waits no longer than its own deadline (then fails with
 * `timeoutError()`), and when the flight it joined failed as its starter ran out of time (less than
 * `MIN_RERUN_MS` left) while the joiner still has at least that, the joiner runs the call once more
 * under its own deadline.
 */
import { currentDeadline, type Deadline } from "./deadline.js";

/** A re-run after a starter's deadline is worth it only when this much of the joiner's is left (and less of the starter's). */
export const MIN_RERUN_MS = 250;

interface Flight<T> {
  promise: Promise<T>;
  /** The starter's deadline. */
  deadline: Deadline;
}

export interface SingleFlightOptions {
  /** The error a joiner fails with when its own deadline passes first. Default: the deadline's `TimeoutError`. */
  timeoutError?: () => Error;
}

export class SingleFlight<T = unknown> {
  private readonly inFlight = new Map<string, Flight<T>>();
  /** Calls that joined a running flight instead of starting one (observability, tests). */
  joined = 0;

  constructor(private readonly options: SingleFlightOptions = {}) {}

  /** A null key never shares (the call runs on its own). */
  run<R extends T>(key: string | null, fn: () => Promise<R>): Promise<R> {
    if (key === null) return fn();
    const running = this.inFlight.get(key);
    if (!running) return this.start(key, fn);
    this.joined++;
    return this.join(running as Flight<R>, key, fn);
  }

  get size(): number {
    return this.inFlight.size;
  }

  private start<R extends T>(key: string, fn: () => Promise<R>): Promise<R> {
    const promise = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, { promise, deadline: currentDeadline() });
    return promise;
  }

  private async join<R extends T>(flight: Flight<R>, key: string, fn: () => Promise<R>): Promise<R> {
    const deadline = currentDeadline();
    try {
      return await (deadline.at < flight.deadline.at ? this.within(flight.promise, deadline.signal) : flight.promise);
    } catch (err) {
      // The starter's time ran out, not necessarily ours: try again (a flight of our own, or a newer one).
      // "Ran out" is "left too little to try again itself", not "exactly 0": a timer set for what
      // was left fires by the event loop's clock, which can run a few ms (more on a busy loop)
      // behind the wall clock the deadline reads.
      const starterOutOfTime = flight.deadline.at < deadline.at && !flight.deadline.fits(MIN_RERUN_MS);
      if (starterOutOfTime && deadline.fits(MIN_RERUN_MS)) return this.run(key, fn);
      throw err;
    }
  }

  /** `promise`, or a rejection when `signal` (this caller's deadline) fires first. */
  private within<R>(promise: Promise<R>, signal: AbortSignal): Promise<R> {
    const fail = () => this.options.timeoutError?.() ?? signal.reason;
    if (signal.aborted) return Promise.reject(fail());
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => reject(fail());
      signal.addEventListener("abort", onAbort, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }
}

/** A keyed single flight as a plain function, for callers whose calls return different types. */
export function createSingleFlight(options?: SingleFlightOptions): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const flight = new SingleFlight(options);
  return (key, fn) => flight.run(key, fn);
}
