/**
 * Identical concurrent calls share one promise: the first call with a key runs, the others wait for
 * its answer; the entry is dropped once it settles. E.g. Plex sends a burst of `library.new` events
 * (one per episode) for a new season, and only the first should pay for the upstream lookups.
 */
export class SingleFlight<T = unknown> {
  private readonly inFlight = new Map<string, Promise<T>>();
  /** Calls that joined a running flight instead of starting one (observability, tests). */
  joined = 0;

  /** A null key never shares (the call runs on its own). */
  run<R extends T>(key: string | null, fn: () => Promise<R>): Promise<R> {
    if (key === null) return fn();
    const running = this.inFlight.get(key);
    if (running) {
      this.joined++;
      return running as Promise<R>;
    }
    const promise = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.inFlight.size;
  }
}

/** A keyed single flight as a plain function, for callers whose calls return different types. */
export function createSingleFlight(): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const flight = new SingleFlight();
  return (key, fn) => flight.run(key, fn);
}
