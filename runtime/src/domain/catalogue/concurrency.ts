/** Small concurrency helpers shared by the catalogue adapters and routes (no I/O of their own). */

/** Maps with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

/** A counting semaphore: `run(fn)` waits for a slot. */
export function createLimiter(max: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
      else active++;
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** Identical concurrent calls share one promise (keyed); the entry is dropped once it settles. */
export function createSingleFlight() {
  const inFlight = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const existing = inFlight.get(key);
    if (existing) return existing as Promise<T>;
    const p = fn().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };
}

/** A size-bounded map whose entries expire; oldest-inserted entries are evicted first. */
export function createTtlCache<V>(opts: { ttlMs: number; maxEntries: number; now: () => number }) {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key: string): { value: V } | undefined {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= opts.now()) {
        entries.delete(key);
        return undefined;
      }
      return { value: e.value };
    },
    set(key: string, value: V, ttlMs = opts.ttlMs): void {
      entries.delete(key);
      if (entries.size >= opts.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, expiresAt: opts.now() + ttlMs });
    },
    get size() {
      return entries.size;
    },
  };
}
