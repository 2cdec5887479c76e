/**
 * Embedded/Docker daily jobs (product.md §8): the trending warmer, plus whatever daily work the entry
 * passes in (`extraDaily`, e.g. the external-id refresh of pending requests).
 *
 * At start-up (after `startDelayMs`: the embedded server's first requests come first) a run starts
 * when any trending file is missing or older than a day; after that the next
 * run is 24 h after the last successful one (a failed run is retried sooner). One run at a time,
 * never on the caller's path, and the timer never keeps the process alive.
 */
import { trendingFiles } from "../domain/trending/file.js";
import type { Catalogue } from "../ports/catalogue.js";
import type { Clock } from "../ports/clock.js";
import { runTrendingWarmer, type TrendingRunResult } from "../app/trending/warm.js";
import { describeError, errorMessage } from "../lib/errors.js";
import type { Logger } from "../ports/logger.js";
import type { TrendingSink } from "../ports/trending.js";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** After a run where some file failed (TMDB down, disk full), try again well before tomorrow. */
export const RETRY_MS = 60 * 60 * 1000;

/** Timer functions, injectable so tests drive time. Handles need `unref` only when present. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface DailyJobsOptions {
  catalogue: Catalogue;
  sink: TrendingSink;
  locales: readonly string[];
  logger: Logger;
  clock: Clock;
  /** More daily work, run after the warmer in the same cycle; its failure is logged, never thrown. */
  extraDaily?: () => Promise<unknown>;
  timers?: Timers;
  /**
   * Wait this long before the start-up check (and a run it starts), so the server's first requests
   * do not compete with the warmer for the CPU. Default 0.
   */
  startDelayMs?: number;
}

export interface DailyRunResult {
  trending: TrendingRunResult;
  /** Absent when no `extraDaily` was given. */
  extra?: { ok: true; value: unknown } | { ok: false; error: string };
}

export interface DailyJobs {
  /** Cancels the pending timer; a run in progress finishes but schedules nothing more. */
  stop(): void;
  /** Runs now (or joins the run in progress) and reschedules from its outcome. */
  runNow(): Promise<DailyRunResult>;
  /** When the next run is due (ms since the epoch), null when none is scheduled. */
  nextRunAt(): number | null;
  /** Settles when the start-up check (and a run it started) is done; for tests and orderly shutdown. */
  readonly started: Promise<void>;
}

export function startDailyJobs(opts: DailyJobsOptions): DailyJobs {
  const { logger, clock, sink } = opts;
  const timers = opts.timers ?? realTimers;
  let stopped = false;
  let timer: unknown = null;
  let dueAt: number | null = null;
  let running: Promise<DailyRunResult> | null = null;

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    if (timer !== null) timers.clearTimeout(timer);
    const delay = Math.max(0, Math.min(delayMs, 2 ** 31 - 1));
    dueAt = clock.now() + delay;
    timer = timers.setTimeout(() => {
      timer = null;
      dueAt = null;
      void runNow().catch(() => {});
    }, delay);
    (timer as { unref?: () => void } | null)?.unref?.();
    logger.debug("next daily run scheduled", { at: new Date(dueAt).toISOString() });
  };

  const runOnce = async (): Promise<DailyRunResult> => {
    const trending = await runTrendingWarmer(opts);
    const result: DailyRunResult = { trending };
    if (opts.extraDaily) {
      try {
        result.extra = { ok: true, value: await opts.extraDaily() };
      } catch (err) {
        const error = describeError(err);
        logger.error("daily job failed", { error });
        result.extra = { ok: false, error };
      }
    }
    return result;
  };

  const runNow = (): Promise<DailyRunResult> => {
    if (running) return running;
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
      dueAt = null;
    }
    running = runOnce()
      .then((result) => {
        schedule(result.trending.ok ? DAY_MS : RETRY_MS);
        return result;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  /** Age of the oldest trending file in ms, or Infinity when one is missing or unknown. */
  const oldestAge = async (): Promise<number> => {
    if (!sink.modifiedAt) return Infinity;
    let oldest = -Infinity;
    for (const { name } of trendingFiles(opts.locales)) {
      const modified = await sink.modifiedAt(name);
      if (modified === null) return Infinity;
      oldest = Math.max(oldest, clock.now() - modified);
    }
    return oldest === -Infinity ? Infinity : oldest;
  };

  const startUp = async (): Promise<void> => {
    let age: number;
    try {
      age = await oldestAge();
    } catch (err) {
      logger.warn("could not check trending files", { error: errorMessage(err) });
      age = Infinity;
    }
    if (stopped) return;
    if (age >= DAY_MS)
      await runNow().then(
        () => {},
        () => {},
      );
    else schedule(DAY_MS - age);
  };

  let startTimer: unknown = null;
  let skipStartUp: (() => void) | null = null;
  const started = new Promise<void>((resolve) => {
    if (!opts.startDelayMs) return void startUp().then(resolve);
    skipStartUp = resolve;
    startTimer = timers.setTimeout(() => {
      startTimer = null;
      skipStartUp = null;
      void startUp().then(resolve);
    }, opts.startDelayMs);
    (startTimer as { unref?: () => void } | null)?.unref?.();
  });

  return {
    stop() {
      stopped = true;
      if (startTimer !== null) timers.clearTimeout(startTimer);
      startTimer = null;
      skipStartUp?.();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      dueAt = null;
    },
    runNow,
    nextRunAt: () => dueAt,
    started,
  };
}
