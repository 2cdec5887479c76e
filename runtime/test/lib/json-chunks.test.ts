import { describe, expect, it } from "vitest";
import { stringifyArray } from "../../src/lib/json-chunks.js";

describe("stringifyArray", () => {
  it("is byte for byte JSON.stringify of the mapped array, at every size around the chunk boundaries", async () => {
    const item = (i: number) => ({ id: i, title: i % 3 ? `T "${i}" é` : null, nested: [i, { x: "\u2028" }] });
    for (const n of [0, 1, 1999, 2000, 2001, 4000, 4001, 5555]) {
      const items = Array.from({ length: n }, (_, i) => i);
      expect(await stringifyArray(items, item)).toBe(JSON.stringify(items.map(item)));
    }
    expect(await stringifyArray(["a", "b"])).toBe('["a","b"]');
  });

  it("lets other work run between chunks", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const ran: string[] = [];
    const done = stringifyArray(Array.from({ length: 10_000 }, (_, i) => i)).then(() => ran.push("body"));
    setImmediate(() => ran.push("other"));
    await done;
    clearInterval(timer);
    expect(ran).toEqual(["other", "body"]);
  });
});
