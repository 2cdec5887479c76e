import { describe, expect, it } from "vitest";
import { validateSyncBatch } from "../../../src/domain/library/batch.js";

describe("validateSyncBatch", () => {
  it("accepts ids, null ids and titles; ignores unknown keys", () => {
    expect(
      validateSyncBatch([
        { tmdb_id: 1, tvdb_id: null, title: null, extra: 1 },
        { tvdb_id: 2, title: "X" },
        { imdb_id: "tt0133093", title: "The Matrix" },
      ]),
    ).toEqual({
      ok: true,
      items: [
        { tmdb_id: 1, tvdb_id: null, imdb_id: null, title: null },
        { tmdb_id: null, tvdb_id: 2, imdb_id: null, title: "X" },
        { tmdb_id: null, tvdb_id: null, imdb_id: "tt0133093", title: "The Matrix" },
      ],
    });
    expect(validateSyncBatch([])).toEqual({ ok: true, items: [] });
  });

  it("names every bad index, caps the list, rejects oversized batches", () => {
    const r = validateSyncBatch([{ tmdb_id: 0 }, { tmdb_id: 2 ** 31 }, { tvdb_id: true }, { tmdb_id: 1, title: "x".repeat(501) }, []]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual([[0, "tmdb_id"], [1, "tmdb_id"], [2, "tvdb_id"], [3, "title"], [4]]);
    const many = validateSyncBatch(Array.from({ length: 1000 }, () => "bad"));
    expect(!many.ok && many.issues.length).toBe(100);
    expect(validateSyncBatch(Array.from({ length: 1001 }, (_, i) => ({ tmdb_id: i + 1 }))).ok).toBe(false);
    expect(validateSyncBatch({})).toEqual({ ok: false, issues: [{ path: [], message: "Body must be a JSON array" }] });
  });
});
