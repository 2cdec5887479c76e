import type { Clock } from "@stellarr/runtime/internal/ports/clock";

export interface TestClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

/** A clock that only moves when told to. */
export function testClock(start = Date.UTC(2026, 10, 1, 12, 0, 0)): TestClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => void (t += ms),
    set: (ms) => void (t = ms),
  };
}
