import { describe, expect, it } from "vitest";
import { currentDeadline, deadlineIn, withDeadline } from "../../src/lib/deadline.js";
import { MIN_RERUN_MS, SingleFlight } from "../../src/lib/single-flight.js";

describe("SingleFlight", () => {
  it("shares one run per key while it is in flight, then forgets it", async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fn = async () => {
      runs++;
      await gate;
      return runs;
    };
    const all = [flight.run("a", fn), flight.run("a", fn), flight.run("b", fn), flight.run(null, fn)];
    expect(flight.size).toBe(2);
    release();
    expect(await Promise.all(all)).toEqual([3, 3, 3, 3]);
    expect(flight.joined).toBe(1);
    expect(flight.size).toBe(0);
    await flight.run("a", fn);
    expect(runs).toBe(4);
  });

  it("a failure is shared and not cached", async () => {
    const flight = new SingleFlight<number>();
    const failing = flight.run("k", async () => {
      throw new Error("x");
    });
    await expect(failing).rejects.toThrow("x");
    expect(await flight.run("k", async () => 1)).toBe(1);
  });
});

describe("SingleFlight under deadlines", () => {
  const timedOut = () => new Error("timed out (joiner)");

  it("a joiner with an earlier deadline than the flight's stops waiting at its own", async () => {
    const flight = new SingleFlight<string>({ timeoutError: timedOut });
    let release!: (v: string) => void;
    // Started by work with no deadline (a background refresh).
    const started = flight.run("k", () => new Promise<string>((r) => (release = r)));
    const joiner = withDeadline(deadlineIn(30), () => flight.run("k", async () => "never"));
    await expect(joiner).rejects.toThrow("timed out (joiner)");
    release("late");
    expect(await started).toBe("late");
  });

  it("a joiner whose flight failed because its starter ran out of time runs the call again under its own deadline", async () => {
    const flight = new SingleFlight<string>();
    let runs = 0;
    const slowThenFine = () =>
      new Promise<string>((resolve, reject) => {
        const run = ++runs;
        const deadline = currentDeadline();
        if (run === 1) setTimeout(() => reject(new Error("starter timed out")), deadline.remaining());
        else resolve(`run ${run}`);
      });
    const starter = withDeadline(deadlineIn(20), () => flight.run("k", slowThenFine));
    const joiner = withDeadline(deadlineIn(5_000), () => flight.run("k", slowThenFine));
    await expect(starter).rejects.toThrow("starter timed out");
    expect(await joiner).toBe("run 2");
    expect(runs).toBe(2);
  });

  it("counts a starter left with less than MIN_RERUN_MS as out of time (its timers fire by the event loop's clock, a few ms early)", async () => {
    const flight = new SingleFlight<string>();
    let runs = 0;
    let failStarter!: (err: Error) => void;
    const call = () =>
      new Promise<string>((resolve, reject) => {
        const run = ++runs;
        if (run === 1) failStarter = reject;
        else resolve(`run ${run}`);
      });
    const starter = withDeadline(deadlineIn(MIN_RERUN_MS / 2), () => flight.run("k", call));
    const joiner = withDeadline(deadlineIn(5_000), () => flight.run("k", call));
    // Its per-call timer fired with some of the deadline still on the wall clock.
    failStarter(new Error("starter timed out"));
    await expect(starter).rejects.toThrow("starter timed out");
    expect(await joiner).toBe("run 2");
  });

  it("a joiner that has no more time than the starter shares its failure", async () => {
    const flight = new SingleFlight<string>();
    let runs = 0;
    const failing = async () => {
      runs++;
      throw new Error("upstream 500");
    };
    const at = deadlineIn(5_000);
    const both = [withDeadline(at, () => flight.run("k", failing)), withDeadline(at, () => flight.run("k", failing))];
    await expect(Promise.all(both)).rejects.toThrow("upstream 500");
    await Promise.allSettled(both);
    expect(runs).toBe(1);
  });
});
