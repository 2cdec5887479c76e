/** The one bounded worker pool: every "N calls in flight at most" in the runtime goes through here. */

/** Maps with at most `limit` calls in flight; results keep the input order. A rejection rejects the whole map (like `Promise.all`). */
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
