/**
 * The in-process delivery queue (embedded shape): `dispatch` starts every delivery at once (the
 * runner bounds the attempts in flight) and returns when they have all settled or after
 * `callerWaitMs` (1 s), whichever comes first; the rest — slow answers, retries — continues in the
 * background. The webhook or sync that fulfilled the title is never delayed by more than that.
 * The deliveries outlive that request, so they run without its deadline (attempts keep their own limits).
 */
import { withoutDeadline } from "../../lib/deadline.js";
import { createDeliveryRunner, systemTimers, type Delivery, type DeliveryResult, type DeliveryRunnerOptions } from "./delivery-runner.js";

export const CALLER_WAIT_MS = 1_000;

export interface DispatchReport {
  queued: number;
  /** Settled by the time `dispatch` returned. */
  delivered: number;
  failed: number;
  duplicate: number;
  /** Still running (slow answer or waiting for a retry) when `dispatch` returned. */
  pending: number;
}

export interface EmbeddedQueue {
  dispatch(deliveries: Delivery[]): Promise<DispatchReport>;
  /** Resolves when nothing is running (tests, graceful shutdown after `close`). */
  drain(): Promise<void>;
  /** Stops waiting for retries (they end `deferred`, claims released) and waits for attempts in flight. */
  close(): Promise<void>;
  readonly pending: number;
}

export function createEmbeddedQueue(options: DeliveryRunnerOptions & { callerWaitMs?: number }): EmbeddedQueue {
  const timers = options.timers ?? systemTimers;
  const runner = createDeliveryRunner({ ...options, timers });
  const running = new Set<Promise<DeliveryResult>>();
  const stop = new AbortController();

  return {
    async dispatch(deliveries) {
      if (stop.signal.aborted) throw new Error("the delivery queue is closed");
      const settled: DeliveryResult[] = [];
      const runs = deliveries.map((delivery) => {
        const run = withoutDeadline(() => runner.run(delivery, { signal: stop.signal })).then((result) => {
          settled.push(result);
          return result;
        });
        running.add(run);
        void run.finally(() => running.delete(run)).catch(() => undefined);
        return run;
      });
      // The wait ends early when everything settles; its timer is then cut short too.
      const cutShort = new AbortController();
      await Promise.race([
        Promise.all(runs).then(() => cutShort.abort()),
        timers.sleep(options.callerWaitMs ?? CALLER_WAIT_MS, cutShort.signal),
      ]);
      cutShort.abort();
      const count = (status: DeliveryResult["status"]) => settled.filter((r) => r.status === status).length;
      return {
        queued: deliveries.length,
        delivered: count("delivered"),
        failed: count("failed") + count("deferred"),
        duplicate: count("duplicate"),
        pending: deliveries.length - settled.length,
      };
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async close() {
      stop.abort();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get pending() {
      return running.size;
    },
  };
}
