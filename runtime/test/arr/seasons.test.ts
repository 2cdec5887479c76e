/** Per-season TV requests: validation against TMDB's season list, merging, the Sonarr `seasons` array, storage form. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALL_SEASONS,
  coversSeason,
  decodeSeasons,
  encodeSeasons,
  mergeSeasons,
  parseSeasons,
  seasonSelection,
  type SeasonSelection,
  sonarrSeasons,
} from "../../src/domain/arr/seasons.js";

const BREAKING_BAD = [0, 1, 2, 3, 4, 5];
const NO_SPECIALS = [1, 2, 3];

describe("parseSeasons", () => {
  it("absent means all seasons", () => {
    expect(parseSeasons(undefined, BREAKING_BAD)).toEqual({ ok: true, selection: { all: true, seasons: [] } });
  });

  it("takes integers TMDB lists, sorted, duplicates ignored; specials only when TMDB has them", () => {
    expect(parseSeasons([3, 1, 3, 0], BREAKING_BAD)).toEqual({ ok: true, selection: { all: false, seasons: [0, 1, 3] } });
    expect(parseSeasons([0], NO_SPECIALS)).toEqual({
      ok: false,
      errors: [{ path: ["seasons", 0], message: "TMDB lists no specials (season 0) for this show" }],
    });
  });

  it("refuses an empty array, non-arrays and null with one error on `seasons`", () => {
    for (const bad of [[], null, 3, "1,2", { 0: 1 }]) {
      const r = parseSeasons(bad, BREAKING_BAD);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.errors).toEqual([{ path: ["seasons"], message: expect.stringMatching(/leave it out for all seasons/) }]);
    }
  });

  it("names every bad element by index: non-integers and numbers TMDB does not list", () => {
    const r = parseSeasons([1, 1.5, "2", 9, -1, null, 2], BREAKING_BAD);
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: ["seasons", 1], message: "must be an integer season number" },
        { path: ["seasons", 2], message: "must be an integer season number" },
        { path: ["seasons", 3], message: "TMDB lists no season 9 for this show" },
        { path: ["seasons", 4], message: "TMDB lists no season -1 for this show" },
        { path: ["seasons", 5], message: "must be an integer season number" },
      ],
    });
  });

  it("a show TMDB lists no seasons for only takes 'all'", () => {
    expect(parseSeasons([1], []).ok).toBe(false);
    expect(parseSeasons(undefined, []).ok).toBe(true);
  });

  it("caps the number of reported errors", () => {
    const r = parseSeasons(
      Array.from({ length: 500 }, () => "x"),
      BREAKING_BAD,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toHaveLength(20);
  });
});

describe("mergeSeasons", () => {
  const some = (...s: number[]) => seasonSelection(false, s);
  it("adds seasons not yet requested", () => {
    expect(mergeSeasons(some(1, 2), some(2, 3))).toEqual({ outcome: "updated", selection: { all: false, seasons: [1, 2, 3] } });
  });
  it("'all' after a partial request adds the rest (keeping requested specials)", () => {
    expect(mergeSeasons(some(0, 2), ALL_SEASONS)).toEqual({ outcome: "updated", selection: { all: true, seasons: [0] } });
    expect(mergeSeasons(some(1, 2, 3), ALL_SEASONS)).toEqual({ outcome: "updated", selection: { all: true, seasons: [] } });
  });
  it("specials after 'all' are new", () => {
    expect(mergeSeasons(ALL_SEASONS, some(0))).toEqual({ outcome: "updated", selection: { all: true, seasons: [0] } });
  });
  it("only already-requested seasons is a conflict", () => {
    expect(mergeSeasons(some(1, 2), some(2))).toEqual({ outcome: "conflict" });
    expect(mergeSeasons(ALL_SEASONS, some(3, 4))).toEqual({ outcome: "conflict" });
    expect(mergeSeasons(ALL_SEASONS, ALL_SEASONS)).toEqual({ outcome: "conflict" });
    expect(mergeSeasons(seasonSelection(true, [0]), some(0, 1))).toEqual({ outcome: "conflict" });
  });
});

describe("sonarrSeasons", () => {
  it("lists every TMDB season, monitored exactly for the requested ones", () => {
    expect(sonarrSeasons(seasonSelection(false, [2, 3]), BREAKING_BAD)).toEqual([
      { seasonNumber: 0, monitored: false },
      { seasonNumber: 1, monitored: false },
      { seasonNumber: 2, monitored: true },
      { seasonNumber: 3, monitored: true },
      { seasonNumber: 4, monitored: false },
      { seasonNumber: 5, monitored: false },
    ]);
  });
  it("'all' monitors every season but the specials, unless they were requested", () => {
    expect(
      sonarrSeasons(ALL_SEASONS, BREAKING_BAD)
        .filter((s) => s.monitored)
        .map((s) => s.seasonNumber),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(sonarrSeasons(seasonSelection(true, [0]), BREAKING_BAD).every((s) => s.monitored)).toBe(true);
  });
  it("keeps a requested season TMDB stopped listing; an unknown list gives only the requested ones", () => {
    expect(sonarrSeasons(seasonSelection(false, [4]), NO_SPECIALS)).toEqual([
      { seasonNumber: 1, monitored: false },
      { seasonNumber: 2, monitored: false },
      { seasonNumber: 3, monitored: false },
      { seasonNumber: 4, monitored: true },
    ]);
    expect(sonarrSeasons(ALL_SEASONS, [])).toEqual([]);
  });
});

describe("storage form", () => {
  it("round-trips and reads a missing value as all seasons", () => {
    expect(encodeSeasons(ALL_SEASONS)).toBe("all");
    expect(encodeSeasons(seasonSelection(true, [0, 3]))).toBe("all,0");
    expect(encodeSeasons(seasonSelection(false, [5, 1, 2]))).toBe("1,2,5");
    expect(decodeSeasons("1,2,5")).toEqual({ all: false, seasons: [1, 2, 5] });
    expect(decodeSeasons("all,0")).toEqual({ all: true, seasons: [0] });
    expect(decodeSeasons(null)).toEqual(ALL_SEASONS);
    expect(decodeSeasons(undefined)).toEqual(ALL_SEASONS);
  });
  it("refuses what it never writes", () => {
    for (const bad of ["", ",", "1,,2", "-1", "01", "x", "all,x", "1, 2", "0all"]) expect(decodeSeasons(bad), bad).toBeNull();
  });
});

// --- properties -------------------------------------------------------------------------------

/** A TMDB season list: 0–30 regular seasons, specials or not. */
const tmdbList = fc
  .record({ count: fc.integer({ min: 0, max: 30 }), specials: fc.boolean() })
  .map(({ count, specials }) => [...(specials ? [0] : []), ...Array.from({ length: count }, (_, i) => i + 1)]);

/** A selection valid for `list`. */
const selectionFor = (list: number[]): fc.Arbitrary<SeasonSelection> =>
  fc.oneof(
    fc.constant(ALL_SEASONS),
    list.includes(0) ? fc.constant(seasonSelection(true, [0])) : fc.constant(ALL_SEASONS),
    list.length > 0 ? fc.subarray(list, { minLength: 1 }).map((s) => seasonSelection(false, s)) : fc.constant(ALL_SEASONS),
  );

/** Coverage of a selection over a list extended by seasons TMDB may add later. */
const coverage = (s: SeasonSelection, list: number[]) => [...list, list.length + 1, list.length + 2].filter((n) => coversSeason(s, n));

describe("season rules (properties)", () => {
  it("any non-empty multiset of listed seasons parses to its sorted set", () => {
    fc.assert(
      fc.property(
        tmdbList
          .filter((l) => l.length > 0)
          .chain((list) => fc.tuple(fc.constant(list), fc.array(fc.constantFrom(...list), { minLength: 1, maxLength: 40 }))),
        ([list, picks]) => {
          const r = parseSeasons(picks, list);
          expect(r).toEqual({ ok: true, selection: { all: false, seasons: [...new Set(picks)].sort((a, b) => a - b) } });
        },
      ),
    );
  });

  it("one unlisted or non-integer element makes the whole input fail, naming that element", () => {
    fc.assert(
      fc.property(
        tmdbList,
        fc.oneof(fc.integer({ min: 31, max: 10_000 }), fc.integer({ min: -1000, max: -1 }), fc.double({ noInteger: true }), fc.string()),
        fc.nat({ max: 10 }),
        (list, bad, at) => {
          const input: unknown[] = [...list.slice(0, 10)];
          const index = Math.min(at, input.length);
          input.splice(index, 0, bad);
          const r = parseSeasons(input, list);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.errors.map((e) => e.path)).toContainEqual(["seasons", index]);
        },
      ),
    );
  });

  it("merging never loses a season, adds exactly the union, and conflicts iff nothing new is covered", () => {
    fc.assert(
      fc.property(
        tmdbList.chain((list) => fc.tuple(fc.constant(list), selectionFor(list), selectionFor(list))),
        ([list, existing, incoming]) => {
          const m = mergeSeasons(existing, incoming);
          const before = coverage(existing, list);
          const wanted = [...new Set([...before, ...coverage(incoming, list)])].sort((a, b) => a - b);
          if (m.outcome === "conflict") {
            expect(wanted).toEqual(before);
            expect(existing.all || !incoming.all).toBe(true);
          } else {
            expect(coverage(m.selection, list)).toEqual(wanted);
            expect(wanted.length > before.length || (incoming.all && !existing.all)).toBe(true);
          }
          expect(mergeSeasons(existing, existing)).toEqual({ outcome: "conflict" });
        },
      ),
    );
  });

  it("merging is order-independent", () => {
    fc.assert(
      fc.property(
        tmdbList.chain((list) => fc.tuple(selectionFor(list), selectionFor(list), selectionFor(list))),
        ([a, b, c]) => {
          const apply = (s: SeasonSelection, x: SeasonSelection) => {
            const m = mergeSeasons(s, x);
            return m.outcome === "updated" ? m.selection : seasonSelection(s.all, s.seasons);
          };
          expect(apply(apply(a, b), c)).toEqual(apply(apply(a, c), b));
        },
      ),
    );
  });

  it("the Sonarr array lists every TMDB season once, ascending, monitored exactly where the selection covers", () => {
    fc.assert(
      fc.property(
        tmdbList.chain((list) => fc.tuple(fc.constant(list), selectionFor(list))),
        ([list, selection]) => {
          const seasons = sonarrSeasons(selection, list);
          const numbers = seasons.map((s) => s.seasonNumber);
          expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
          expect(new Set(numbers).size).toBe(numbers.length);
          for (const n of list) expect(numbers).toContain(n);
          for (const s of seasons) expect(s.monitored).toBe(coversSeason(selection, s.seasonNumber));
          if (selection.all) expect(seasons.find((s) => s.seasonNumber === 0)?.monitored ?? false).toBe(selection.seasons.includes(0));
        },
      ),
    );
  });

  it("the storage form round-trips every canonical selection", () => {
    fc.assert(
      fc.property(
        tmdbList.chain((list) => selectionFor(list)),
        (s) => {
          expect(decodeSeasons(encodeSeasons(s))).toEqual(seasonSelection(s.all, s.seasons));
        },
      ),
    );
  });
});
