/** The deadline primitive: arithmetic on an injected clock, the ambient deadline and its nesting. */
import { describe, expect, it } from "vitest";
import { currentDeadline, deadlineAt, deadlineIn, isTimeout, NO_DEADLINE, withDeadline, withoutDeadline } from "../../src/lib/deadline.js";

describe("Deadline", () => {
  it("counts what is left on its clock, never below zero", () => {
    let now = 1_000;
    const d = deadlineAt(5_000, () => now);
    expect(d.remaining()).toBe(4_000);
    expect(d.fits(4_000)).toBe(true);
    expect(d.fits(4_001)).toBe(false);
    expect(d.timeoutFor(10_000)).toBe(4_000);
    expect(d.timeoutFor(250)).toBe(250);
    now = 9_000;
    expect(d.remaining()).toBe(0);
    expect(d.timeoutFor(250)).toBe(0);
    expect(d.fits(0)).toBe(true);
    expect(d.fits(1)).toBe(false);
    expect(deadlineIn(300, () => 50).at).toBe(350);
  });

  it("sizes an attempt's signal to the deadline when that is sooner", async () => {
    const passed = deadlineAt(0, () => 10);
    const signal = passed.signalFor(60_000);
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    expect(isTimeout(signal.reason)).toBe(true);
    expect(passed.signal.aborted || (await new Promise((r) => passed.signal.addEventListener("abort", () => r(true))))).toBe(true);
  });

  it("has none by default; NO_DEADLINE leaves attempts their own limits", () => {
    expect(currentDeadline()).toBe(NO_DEADLINE);
    expect(NO_DEADLINE.remaining()).toBe(Infinity);
    expect(NO_DEADLINE.timeoutFor(1234)).toBe(1234);
    expect(NO_DEADLINE.signal.aborted).toBe(false);
  });

  it("travels with the async context, never extends an outer deadline, and can be left behind", async () => {
    const outer = deadlineAt(Date.now() + 60_000);
    const later = deadlineAt(Date.now() + 120_000);
    const sooner = deadlineAt(Date.now() + 30_000);
    await withDeadline(outer, async () => {
      await Promise.resolve();
      expect(currentDeadline()).toBe(outer);
      await new Promise((r) => setTimeout(r, 1));
      expect(currentDeadline()).toBe(outer);
      withDeadline(later, () => expect(currentDeadline()).toBe(outer));
      withDeadline(sooner, () => expect(currentDeadline()).toBe(sooner));
      await withoutDeadline(async () => {
        await Promise.resolve();
        expect(currentDeadline()).toBe(NO_DEADLINE);
      });
    });
    expect(currentDeadline()).toBe(NO_DEADLINE);
  });
});
