/**
 * Serialised bodies of the reads that derive from the store's change token (library-status, the
 * *arr feeds): built once per token and shape, however many requests ask at once, and dropped as a
 * whole when the token moves. Bounded: only the current token's bodies, at most `maxShapes` of
 * them (oldest dropped first), so a Lambda container holds a few bodies, never a history.
 * Bodies are kept encoded (UTF-8 bytes), so a 200 writes them without encoding them again; compressed
 * forms are cached by the Node adapter per strong ETag (`adapters/node/compression.ts`).
 */
export interface BodyCache {
  /** The body of `shape` at `token`: the cached one, or `build()`'s, encoded (a failed build is not kept). */
  get(token: string, shape: string, build: () => Promise<string>): Promise<Uint8Array<ArrayBuffer>>;
}

export function createBodyCache(maxShapes = 16): BodyCache {
  let current: string | null = null;
  const bodies = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  return {
    get(token, shape, build) {
      if (token !== current) {
        bodies.clear();
        current = token;
      }
      const cached = bodies.get(shape);
      if (cached) return cached;
      if (bodies.size >= maxShapes) bodies.delete(bodies.keys().next().value!);
      const built = build().then((text): Uint8Array<ArrayBuffer> => Buffer.from(text));
      bodies.set(shape, built);
      built.catch(() => {
        if (bodies.get(shape) === built) bodies.delete(shape);
      });
      return built;
    },
  };
}
