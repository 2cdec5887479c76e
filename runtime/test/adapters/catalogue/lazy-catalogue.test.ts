/** The lazily built catalogue (adapters/catalogue/lazy.ts) the embedded server wraps the demo catalogue in. */
import { describe, expect, it } from "vitest";
import { lazyCatalogue } from "../../../src/adapters/catalogue/lazy.js";
import type { Catalogue } from "../../../src/ports/catalogue.js";

describe("lazyCatalogue", () => {
  it("loads nothing until first used, then once for every method and concurrent caller", async () => {
    let loads = 0;
    const cat = lazyCatalogue("demo", async () => {
      loads++;
      return (await import("../../../src/adapters/catalogue/demo/index.js")).createDemoCatalogue();
    });
    expect(cat.kind).toBe("demo");
    expect(loads).toBe(0);
    const [search, trending] = await Promise.all([
      cat.search({ query: "matrix", page: 1, language: "en" }),
      cat.trending("movie", 1, "en"),
    ]);
    expect(search.results[0]).toMatchObject({ id: 603, title: "The Matrix" });
    expect(trending).toHaveLength(20);
    expect(await cat.details("movie", 603)).toMatchObject({ imdb_id: "tt0133093" });
    expect((await cat.find("tt0133093", "imdb_id")).movie_ids).toEqual([603]);
    expect(loads).toBe(1);
  });

  it("retries a load that failed", async () => {
    let attempts = 0;
    const inner = { kind: "demo", trending: async () => [] } as unknown as Catalogue;
    const cat = lazyCatalogue("demo", async () => {
      if (++attempts === 1) throw new Error("disk hiccup");
      return inner;
    });
    await expect(cat.trending("all", 1, "en")).rejects.toThrow("disk hiccup");
    await expect(cat.trending("all", 1, "en")).resolves.toEqual([]);
    expect(attempts).toBe(2);
  });
});
