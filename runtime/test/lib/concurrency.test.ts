import { describe, expect, it } from "vitest";
import { createLimiter } from "../../src/lib/limiter.js";
import { mapLimit } from "../../src/lib/map-limit.js";
import { createSingleFlight } from "../../src/lib/single-flight.js";
import { createTtlCache } from "../../src/lib/ttl-cache.js";

const tick = () => new Promise((r) => setImmediate(r));

describe("concurrency helpers", () => {
  it("mapLimit keeps order and never exceeds the limit", async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, n));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
    expect(await mapLimit([], 3, async () => 1)).toEqual([]);
  });

  it("createLimiter queues beyond max and releases on failure", async () => {
    const limiter = createLimiter(1);
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    const second = limiter.run(async () => "second");
    await tick();
    expect(limiter.active).toBe(1);
    expect(limiter.waiting).toBe(1);
    release();
    await first;
    expect(await second).toBe("second");
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => "after")).toBe("after");
    expect(limiter.active).toBe(0);
  });

  it("createLimiter: a queued call leaves the queue when its signal fires, and never runs", async () => {
    const limiter = createLimiter(1);
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    let ran = false;
    const queued = limiter.run(async () => void (ran = true), AbortSignal.timeout(10));
    const after = limiter.run(async () => "after");
    await expect(queued).rejects.toMatchObject({ name: "TimeoutError" });
    expect(limiter.waiting).toBe(1);
    const aborted = new AbortController();
    aborted.abort(new Error("gone"));
    await expect(limiter.run(async () => void (ran = true), aborted.signal)).rejects.toThrow("gone");
    release();
    await first;
    expect(await after).toBe("after");
    expect(ran).toBe(false);
    expect(limiter.active).toBe(0);
  });

  it("single-flight shares one call per key until it settles, failures included", async () => {
    const flight = createSingleFlight();
    let calls = 0;
    const fn = async () => {
      calls++;
      await tick();
      return calls;
    };
    expect(await Promise.all([flight("a", fn), flight("a", fn), flight("b", fn)])).toEqual([2, 2, 2]);
    expect(calls).toBe(2);
    const failing = () => Promise.reject(new Error("x"));
    await expect(Promise.all([flight("c", failing), flight("c", failing)])).rejects.toThrow("x");
    expect(await flight("c", async () => "recovered")).toBe("recovered");
  });

  it("TTL cache expires entries and evicts the oldest beyond its size", () => {
    let now = 0;
    const cache = createTtlCache<number>({ ttlMs: 100, maxEntries: 2, now: () => now });
    cache.set("a", 1);
    cache.set("b", 2, 1000);
    now = 100;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toEqual({ value: 2 });
    cache.set("c", 3);
    cache.set("d", 4); // evicts b (oldest)
    expect(cache.get("b")).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.set("x", 0);
    expect(cache.get("x")).toEqual({ value: 0 }); // falsy values are hits
  });
});
