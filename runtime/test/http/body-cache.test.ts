import { describe, expect, it } from "vitest";
import { createBodyCache as createBytesCache } from "../../src/http/body-cache.js";

/** The cache with its bodies read back as text. */
function createBodyCache(maxShapes?: number) {
  const cache = createBytesCache(maxShapes);
  return {
    get: async (token: string, shape: string, build: () => Promise<string>) => Buffer.from(await cache.get(token, shape, build)).toString(),
  };
}

describe("body cache", () => {
  it("builds once per token and shape, even for concurrent askers, and forgets everything when the token moves", async () => {
    const cache = createBodyCache();
    let builds = 0;
    const build = (s: string) => async () => `${s}#${++builds}`;
    const [a, b] = await Promise.all([cache.get("t1", "x", build("x")), cache.get("t1", "x", build("x"))]);
    expect([a, b]).toEqual(["x#1", "x#1"]);
    expect(await cache.get("t1", "y", build("y"))).toBe("y#2");
    expect(await cache.get("t2", "x", build("x"))).toBe("x#3");
    expect(await cache.get("t1", "x", build("x"))).toBe("x#4"); // t1 is gone, not revived from history
  });

  it("does not keep a failed build, and holds at most maxShapes bodies", async () => {
    const cache = createBodyCache(2);
    await expect(cache.get("t", "x", () => Promise.reject(new Error("store down")))).rejects.toThrow("store down");
    expect(await cache.get("t", "x", async () => "ok")).toBe("ok");
    await cache.get("t", "y", async () => "y");
    await cache.get("t", "z", async () => "z");
    expect(await cache.get("t", "x", async () => "rebuilt")).toBe("rebuilt");
  });
});
