import { describe, expect, it } from "vitest";
import { SingleFlight } from "../../src/lib/single-flight.js";

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
