/**
 * Coalesces concurrent calls with the same key into one: Plex sends a burst of `library.new`
 * events (one per episode) for a new season, and only the first should pay for the upstream
 * lookups and the GUID-cache write; the others wait for its answer.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  /** Calls that joined a running flight instead of starting one (observability, tests). */
  joined = 0;

  run(key: string | null, fn: () => Promise<T>): Promise<T> {
    if (key === null) return fn();
    const running = this.inFlight.get(key);
    if (running) {
      this.joined++;
      return running;
    }
    const promise = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.inFlight.size;
  }
}
