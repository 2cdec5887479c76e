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
