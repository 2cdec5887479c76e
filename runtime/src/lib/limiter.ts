/**
 * A counting semaphore: `run(fn)` waits for one of `max` slots (calls from many callers share it,
 * unlike `mapLimit`). A wait for a slot ends when the caller's `signal` fires (its deadline): the
 * call leaves the queue and rejects with the signal's reason, instead of starting after its caller
 * has stopped waiting.
 */
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
  const slot = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        queue.splice(queue.indexOf(granted), 1);
        reject(signal!.reason);
      };
      const granted = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(granted);
    });
  return {
    async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (active >= max) await slot(signal);
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
