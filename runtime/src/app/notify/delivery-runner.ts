/**
 * The delivery core shared by both shapes: one delivery = one (title, channel), claimed so it is
 * announced at most once per 24 h, tried per the retry schedule, with at most `concurrency`
 * attempts in flight across every delivery of the runner. Waiting for a retry holds no slot.
 *
 * Embedded: `embedded-queue.ts` runs it in the process, in the background. AWS: the notifier
 * function runs the same core with `deadline` = its own timeout, so retries that would outlive
 * the invocation are `deferred` (claim released) and left to Lambda's asynchronous retries.
 */
import { DEDUPE_WINDOW_MS, nextRetryDelay, RETRY_POLICY, type DeliveryOutcome, type RetryPolicy } from "../../domain/notify/delivery.js";
import { errorMessage, type Logger, nullLogger } from "../../ports/logger.js";

/** Dedupe across processes and paths (webhook, sync): a claim per key with an expiry. */
export interface DeliveryClaims {
  /** Takes `key` until `untilMs`; false when an unexpired claim (a delivery in flight or done) holds it. */
  acquire(key: string, nowMs: number, untilMs: number): Promise<boolean>;
  /** Keeps `key` until `untilMs` (after a delivery: the dedupe window). */
  extend(key: string, untilMs: number): Promise<void>;
  /** Frees `key`: nothing was delivered, a later trigger may try again. */
  release(key: string): Promise<void>;
}

/** Time, injectable so tests move it by hand. */
export interface Timers {
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
    }),
};

export interface Delivery {
  /** `deliveryKey(title, channelId)`. */
  key: string;
  channelId: string;
  /** How logs name the channel: `describeChannel(spec).masked`, never the URL. */
  label: string;
  /** One attempt; should not throw (a throw counts as a retryable failure). */
  attempt(): Promise<DeliveryOutcome>;
}

export type DeliveryResult =
  | { status: "delivered"; key: string; channelId: string; attempts: number; at: number }
  | { status: "failed"; key: string; channelId: string; attempts: number; at: number; error: string }
  /** Stopped before the schedule ended (deadline or shutdown); the claim was released. */
  | { status: "deferred"; key: string; channelId: string; attempts: number; at: number; error: string }
  /** Someone holds the claim: delivered within 24 h, or in flight elsewhere. Nothing sent. */
  | { status: "duplicate"; key: string; channelId: string; attempts: 0; at: number };

export interface DeliveryRunnerOptions {
  claims: DeliveryClaims;
  timers?: Timers;
  /** Attempts in flight at once, across all deliveries (default 8). */
  concurrency?: number;
  random?: () => number;
  policy?: RetryPolicy;
  dedupeWindowMs?: number;
  /** Called once per delivery when it settles (record last_delivery); errors are logged. */
  onSettled?: (result: DeliveryResult) => void | Promise<void>;
  logger?: Logger;
}

export interface RunOptions {
  /** No attempt starts after this (ms since epoch); a retry that would is deferred. */
  deadline?: number;
  /** Stops waiting for retries (shutdown); the delivery is deferred. */
  signal?: AbortSignal;
}

export interface DeliveryRunner {
  run(delivery: Delivery, options?: RunOptions): Promise<DeliveryResult>;
  /** Attempts in flight right now. */
  readonly inFlight: number;
}

export const DEFAULT_CONCURRENCY = 8;
/** Longer than the whole schedule plus its attempts, so only a crashed run's claim outlives it. */
const CLAIM_LEASE_MARGIN_MS = 10 * 60_000;

export function createDeliveryRunner(options: DeliveryRunnerOptions): DeliveryRunner {
  const timers = options.timers ?? systemTimers;
  const policy = options.policy ?? RETRY_POLICY;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? nullLogger;
  const windowMs = options.dedupeWindowMs ?? DEDUPE_WINDOW_MS;
  const slots = semaphore(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
  // Worst case: every delay at its jittered maximum (or the retry-after cap) plus each attempt's deadline.
  const scheduleSpanMs =
    policy.delaysMs
      .slice(0, policy.maxAttempts - 1)
      .reduce((sum, d) => sum + Math.max(d * (1 + policy.jitter), policy.maxRetryAfterMs), 0) +
    policy.maxAttempts * 60_000;

  async function attemptOnce(delivery: Delivery): Promise<DeliveryOutcome> {
    await slots.acquire();
    try {
      return await delivery.attempt();
    } catch (err) {
      return { kind: "retry", error: `attempt threw: ${errorMessage(err).slice(0, 120)}` };
    } finally {
      slots.release();
    }
  }

  async function settle(result: DeliveryResult, label: string): Promise<DeliveryResult> {
    const fields = { channel: result.channelId, channel_label: label, attempts: result.attempts };
    if (result.status === "delivered") logger.info("channel notified", fields);
    else if (result.status === "duplicate") logger.debug("channel already notified for this title", fields);
    else
      logger.warn(result.status === "failed" ? "channel notification failed" : "channel notification deferred", {
        ...fields,
        error: result.error,
      });
    try {
      await options.onSettled?.(result);
    } catch (err) {
      logger.error("recording a channel delivery failed", { channel: result.channelId, error: errorMessage(err) });
    }
    return result;
  }

  async function run(delivery: Delivery, runOptions: RunOptions = {}): Promise<DeliveryResult> {
    const { key, channelId } = delivery;
    const started = timers.now();
    const leaseUntil = (runOptions.deadline ?? started + scheduleSpanMs) + CLAIM_LEASE_MARGIN_MS;
    let claimed: boolean;
    try {
      claimed = await options.claims.acquire(key, started, leaseUntil);
    } catch (err) {
      // Fail closed: without the claim we cannot promise "at most once".
      logger.error("delivery claim unavailable", { channel: channelId, error: errorMessage(err) });
      return settle({ status: "failed", key, channelId, attempts: 0, at: started, error: "delivery claim unavailable" }, delivery.label);
    }
    if (!claimed) return settle({ status: "duplicate", key, channelId, attempts: 0, at: started }, delivery.label);

    const giveUp = async (status: "failed" | "deferred", attempts: number, error: string): Promise<DeliveryResult> => {
      await options.claims
        .release(key)
        .catch((err: unknown) => logger.warn("delivery claim release failed", { channel: channelId, error: errorMessage(err) }));
      return settle({ status, key, channelId, attempts, at: timers.now(), error }, delivery.label);
    };

    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(delivery);
      if (outcome.kind === "ok") {
        const at = timers.now();
        await options.claims
          .extend(key, at + windowMs)
          .catch((err: unknown) => logger.warn("delivery claim extension failed", { channel: channelId, error: errorMessage(err) }));
        return settle({ status: "delivered", key, channelId, attempts: attempt, at }, delivery.label);
      }
      const delay = nextRetryDelay(attempt, outcome, random, policy);
      if (delay === null) return giveUp("failed", attempt, outcome.error);
      if (runOptions.deadline !== undefined && timers.now() + delay > runOptions.deadline)
        return giveUp("deferred", attempt, outcome.error);
      logger.debug("channel notification will be retried", { channel: channelId, attempt, delay_ms: delay, error: outcome.error });
      await timers.sleep(delay, runOptions.signal);
      if (runOptions.signal?.aborted) return giveUp("deferred", attempt, outcome.error);
    }
  }

  return {
    run,
    get inFlight() {
      return slots.held;
    },
  };
}

/** First come, first served. */
function semaphore(size: number) {
  let held = 0;
  const waiting: (() => void)[] = [];
  return {
    get held() {
      return held;
    },
    async acquire(): Promise<void> {
      if (held < size) {
        held++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else held--;
    },
  };
}
