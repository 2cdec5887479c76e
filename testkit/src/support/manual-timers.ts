/**
 * Time that moves only when a test says so, in the shape of the runtime's `Timers` port
 * (`now`, `sleep(ms, signal)`): retries, back-off and the caller's 1 s cap are tested without
 * waiting and without timing assertions.
 */
export interface ManualTimers {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Moves time forward by `ms`, waking sleepers in order and letting what each wakes run first. */
  advance(ms: number): Promise<void>;
  /** Lets every promise chain that does not wait for time run to its next wait. */
  flush(): Promise<void>;
  /** Milliseconds until each pending sleeper wakes, soonest first. */
  pending(): number[];
  /** Every duration ever asked of `sleep`, in order. */
  requested: number[];
}

interface Sleeper {
  at: number;
  wake: () => void;
}

export function manualTimers(start = Date.UTC(2026, 10, 1, 12, 0, 0)): ManualTimers {
  let t = start;
  let sleepers: Sleeper[] = [];
  const requested: number[] = [];
  // One macrotask turn: every queued microtask (and those they queue) runs before it.
  const flush = async () => {
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  return {
    now: () => t,
    requested,
    sleep(ms, signal) {
      requested.push(ms);
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const sleeper: Sleeper = {
          at: t + Math.max(0, ms),
          wake: () => {
            sleepers = sleepers.filter((s) => s !== sleeper);
            signal?.removeEventListener("abort", sleeper.wake);
            resolve();
          },
        };
        sleepers.push(sleeper);
        signal?.addEventListener("abort", sleeper.wake, { once: true });
      });
    },
    async advance(ms) {
      const target = t + ms;
      await flush();
      for (;;) {
        const next = sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        t = next.at;
        next.wake();
        await flush();
      }
      t = target;
      await flush();
    },
    flush,
    pending: () => sleepers.map((s) => s.at - t).sort((a, b) => a - b),
  };
}
