import { describe, expect, it } from "vitest";
import { heapGrowingFlag, HEAP_GROWING_PERCENT } from "../../src/wiring/node-heap.js";

describe("the embedded server's heap growing factor", () => {
  it("is set when Node was given none", () => {
    expect(heapGrowingFlag(["--max-semi-space-size=1"], undefined)).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowingFlag([], "--max-old-space-size=200 --enable-source-maps")).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves the operator's choice alone, on the command line or in NODE_OPTIONS, either spelling", () => {
    expect(heapGrowingFlag(["--heap-growing-percent=50"], undefined)).toBeNull();
    expect(heapGrowingFlag([], "--enable-source-maps --heap_growing_percent=100")).toBeNull();
  });

  it("does not mistake a similar flag for it", () => {
    expect(heapGrowingFlag(["--heap-growing-percentage-x"], "--no-heap-growing")).not.toBeNull();
  });
});
