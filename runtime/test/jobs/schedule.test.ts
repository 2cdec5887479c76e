import { describe, expect, it } from "vitest";
import { DAY_MS, RETRY_MS, startDailyJobs, type Timers } from "../../src/jobs/schedule.js";
import { nullLogger } from "../../src/adapters/log/null-logger.js";
import { fixedClock, memorySink, trendingDouble } from "../support/trending-catalogue.js";

/** Manual timers tied to the test clock: `fire()` runs the pending callback after moving the clock to its due time. */
function manualTimers(clock: ReturnType<typeof fixedClock>) {
  const pending = new Map<number, { fn: () => void; at: number; unrefed: boolean }>();
  let ids = 0;
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = ++ids;
      const entry = { fn, at: clock.now() + ms, unrefed: false };
      pending.set(id, entry);
      return { id, unref: () => void (entry.unrefed = true) };
    },
    clearTimeout(handle) {
      pending.delete((handle as { id: number }).id);
    },
  };
  return {
    timers,
    pending,
    next: () => [...pending.values()][0],
    fire() {
      const [id, entry] = [...pending.entries()][0]!;
      pending.delete(id);
      clock.set(entry.at);
      entry.fn();
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("startDailyJobs", () => {
  it("runs at start-up when files are missing, then 24 h after the last success, timers unref'd", async () => {
    const clock = fixedClock();
    const t = manualTimers(clock);
    const sink = memorySink();
    sink.setNow(clock.now());
    const catalogue = trendingDouble();
    let extra = 0;
    const jobs = startDailyJobs({
      catalogue,
      sink,
      locales: ["en", "fr"],
      logger: nullLogger,
      clock,
      timers: t.timers,
      extraDaily: async () => ++extra,
    });
    await jobs.started;
    expect(sink.files.size).toBe(6);
    expect(extra).toBe(1);
    expect(t.pending.size).toBe(1);
    expect(t.next()!.at).toBe(clock.now() + DAY_MS);
    expect(t.next()!.unrefed).toBe(true);
    expect(jobs.nextRunAt()).toBe(clock.now() + DAY_MS);

    const callsBefore = catalogue.calls.length;
    t.fire();
    await flush();
    await flush();
    expect(catalogue.calls.length).toBe(callsBefore + 12);
    expect(extra).toBe(2);
    expect(t.next()!.at).toBe(clock.now() + DAY_MS);
    jobs.stop();
    expect(t.pending.size).toBe(0);
  });

  it("does not run at start-up when every file is younger than a day; schedules for when the oldest turns a day old", async () => {
    const clock = fixedClock();
    const sink = memorySink();
    const catalogue = trendingDouble();
    for (const type of ["all", "movie", "tv"]) {
      sink.setNow(clock.now() - (type === "movie" ? 5 : 2) * 3_600_000);
      await sink.write(`trending-${type}-en.json`, "{}");
    }
    const t = manualTimers(clock);
    const jobs = startDailyJobs({ catalogue, sink, locales: ["en"], logger: nullLogger, clock, timers: t.timers });
    await jobs.started;
    expect(catalogue.calls).toHaveLength(0);
    expect(t.next()!.at).toBe(clock.now() + DAY_MS - 5 * 3_600_000);
    jobs.stop();
  });

  it("runs at start-up when one file is older than a day, and retries sooner after a failure", async () => {
    const clock = fixedClock();
    const sink = memorySink();
    const catalogue = trendingDouble();
    for (const type of ["all", "movie", "tv"]) {
      sink.setNow(clock.now() - (type === "tv" ? DAY_MS + 1 : 1000));
      await sink.write(`trending-${type}-en.json`, "{}");
    }
    catalogue.fail("tv", "en");
    const t = manualTimers(clock);
    const jobs = startDailyJobs({ catalogue, sink, locales: ["en"], logger: nullLogger, clock, timers: t.timers });
    await jobs.started;
    expect(catalogue.calls.length).toBeGreaterThan(0);
    expect(sink.files.get("trending-tv-en.json")!.body).toBe("{}");
    expect(t.next()!.at).toBe(clock.now() + RETRY_MS);

    catalogue.heal();
    sink.setNow(clock.now() + RETRY_MS);
    t.fire();
    await flush();
    await flush();
    expect(sink.files.get("trending-tv-en.json")!.body).not.toBe("{}");
    expect(t.next()!.at).toBe(clock.now() + DAY_MS);
    jobs.stop();
  });

  it("runs one at a time: runNow joins the run in progress; extraDaily failures are reported, not thrown", async () => {
    const clock = fixedClock();
    const sink = memorySink();
    const catalogue = trendingDouble();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = catalogue.trending.bind(catalogue);
    let inFlight = 0;
    let maxInFlight = 0;
    catalogue.trending = async (...args) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await gate;
      inFlight--;
      return original(...args);
    };
    const t = manualTimers(clock);
    const jobs = startDailyJobs({
      catalogue,
      sink,
      locales: ["en"],
      logger: nullLogger,
      clock,
      timers: t.timers,
      extraDaily: async () => {
        throw new Error("store down");
      },
    });
    // startDailyJobs returned before its start-up run finished; runNow starts (or joins) the single run.
    const a = jobs.runNow();
    const b = jobs.runNow();
    expect(a).toBe(b);
    release();
    const result = await a;
    await jobs.started;
    expect(result.trending.ok).toBe(true);
    expect(result.extra).toEqual({ ok: false, error: "Error: store down" });
    expect(catalogue.calls).toHaveLength(6); // one run only
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(t.pending.size).toBe(1);
    jobs.stop();
  });

  it("stop() before the start-up check finishes schedules nothing", async () => {
    const clock = fixedClock();
    const t = manualTimers(clock);
    const sink = memorySink();
    const jobs = startDailyJobs({ catalogue: trendingDouble(), sink, locales: ["en"], logger: nullLogger, clock, timers: t.timers });
    jobs.stop();
    await jobs.started;
    expect(t.pending.size).toBe(0);
    expect(sink.files.size).toBe(0);
  });

  it("with startDelayMs, checks and runs only once the delay is over (timer unref'd); stop() before it runs nothing", async () => {
    const clock = fixedClock();
    const t = manualTimers(clock);
    const sink = memorySink();
    sink.setNow(clock.now());
    const catalogue = trendingDouble();
    const jobs = startDailyJobs({ catalogue, sink, locales: ["en"], logger: nullLogger, clock, timers: t.timers, startDelayMs: 1000 });
    await flush();
    expect(catalogue.calls).toHaveLength(0);
    expect(t.pending.size).toBe(1);
    expect(t.next()!.at).toBe(clock.now() + 1000);
    expect(t.next()!.unrefed).toBe(true);
    t.fire();
    await jobs.started;
    expect(sink.files.size).toBe(3);
    expect(t.next()!.at).toBe(clock.now() + DAY_MS);
    jobs.stop();

    const idle = trendingDouble();
    const t2 = manualTimers(clock);
    const stopped = startDailyJobs({
      catalogue: idle,
      sink: memorySink(),
      locales: ["en"],
      logger: nullLogger,
      clock,
      timers: t2.timers,
      startDelayMs: 1000,
    });
    stopped.stop();
    await stopped.started;
    expect(t2.pending.size).toBe(0);
    expect(idle.calls).toHaveLength(0);
  });

  it("uses real unref'd timers by default (does not keep the process alive)", async () => {
    const clock = fixedClock();
    const sink = memorySink();
    sink.setNow(clock.now());
    const jobs = startDailyJobs({ catalogue: trendingDouble(), sink, locales: ["en"], logger: nullLogger, clock });
    await jobs.started;
    expect(jobs.nextRunAt()).toBe(clock.now() + DAY_MS);
    jobs.stop();
    expect(jobs.nextRunAt()).toBeNull();
  });
});
