/** Injected time, so tests can move it. The real one is `lib/clock.ts`'s `systemClock`. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}
