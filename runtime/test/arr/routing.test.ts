/** The labels the instance lists filter on: profiles, root folders, tags, and the anime rule. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAnime } from "../../src/domain/arr/anime.js";
import { LANGUAGE_PROFILES, parseProfile, QUALITY_PROFILES, qualityProfileId } from "../../src/domain/arr/profiles.js";
import { folderName, RADARR_ROOT_FOLDERS, ROOT_FOLDERS, SONARR_ROOT_FOLDERS } from "../../src/domain/arr/root-folders.js";
import { ANIME_TAG, itemTagIds, requesterTag, requesterTagLabel, tagIdOf, tagList } from "../../src/domain/arr/tags.js";

describe("profiles", () => {
  it("are fixed: Default = 1, 4K = 2; one language profile", () => {
    expect(QUALITY_PROFILES).toEqual([
      { id: 1, name: "Default" },
      { id: 2, name: "4K" },
    ]);
    expect(LANGUAGE_PROFILES).toEqual([{ id: 1, name: "Default" }]);
    expect(qualityProfileId("default")).toBe(1);
    expect(qualityProfileId("4k")).toBe(2);
  });
  it("parses the request's optional profile; anything else is refused", () => {
    expect(parseProfile(undefined)).toEqual({ ok: true, profile: "default" });
    expect(parseProfile("4k")).toEqual({ ok: true, profile: "4k" });
    for (const bad of ["4K", "uhd", "", null, 2, ["4k"]]) expect(parseProfile(bad).ok, String(bad)).toBe(false);
  });
});

describe("root folders", () => {
  it("no root path contains another (the *arr filter is a substring match)", () => {
    const all = Object.values(ROOT_FOLDERS);
    for (const a of all) for (const b of all) if (a !== b) expect(a.path.toLowerCase().includes(b.path.toLowerCase())).toBe(false);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(RADARR_ROOT_FOLDERS.map((r) => r.path)).toEqual(["/stellarr/movies", "/stellarr/anime"]);
    expect(SONARR_ROOT_FOLDERS.map((r) => r.path)).toEqual(["/stellarr/tv", "/stellarr/anime"]);
  });
  it("folder names carry the year and never a path separator", () => {
    expect(folderName("The Matrix", 1999, 603)).toBe("The Matrix (1999)");
    expect(folderName("AC/DC: Live?", null, 7)).toBe("AC DC Live");
    expect(folderName(" ... ", 2001, 9)).toBe("TMDB 9 (2001)");
    fc.assert(
      fc.property(fc.string(), fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: null }), (title, year) => {
        const name = folderName(title, year, 1);
        expect(name).not.toMatch(/[/\\]/);
        expect(name.length).toBeGreaterThan(0);
        for (const root of Object.values(ROOT_FOLDERS)) expect(`/x/${name}`.toLowerCase()).not.toContain(root.path);
      }),
    );
  });
});

describe("tags", () => {
  it("labels requesters: lower-cased, runs of non-alphanumerics as one '-', any script", () => {
    expect(requesterTagLabel("Alice")).toBe("requested-by-alice");
    expect(requesterTagLabel("  Mary  Jane! ")).toBe("requested-by-mary-jane");
    expect(requesterTagLabel("Zoë O'Brien")).toBe("requested-by-zoë-o-brien");
    expect(requesterTagLabel("たろう")).toBe("requested-by-たろう");
    expect(requesterTagLabel("🙂🙂")).toMatch(/^requested-by-x[0-9a-f]+$/);
    expect(requesterTagLabel("🙂🙂")).not.toBe(requesterTagLabel("🙃"));
  });

  it("ids are a pure function of the label: stable across calls and independent of who else requested", () => {
    const bob = requesterTag("Bob").id;
    expect(tagList(["Bob"]).find((t) => t.label === "requested-by-bob")!.id).toBe(bob);
    expect(tagList(["Zed", "Alice", "Bob", "Ann"]).find((t) => t.label === "requested-by-bob")!.id).toBe(bob);
    // Pinned: users' list filters store these ids, so the function must never change.
    expect([tagIdOf("requested-by-alice"), tagIdOf("requested-by-bob")]).toEqual([PINNED_ALICE, PINNED_BOB]);
  });

  it("ids fit Json.NET's Int32 and never take the fixed tags' range", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), (name) => {
        const { id } = requesterTag(name);
        expect(Number.isInteger(id)).toBe(true);
        expect(id).toBeGreaterThanOrEqual(1000);
        expect(id).toBeLessThanOrEqual(2 ** 31 - 1);
      }),
    );
  });

  it("the tag list: anime first, then each distinct requester label once, by label", () => {
    expect(tagList(["bob", null, "Bob", "alice", " "]).map((t) => t.label)).toEqual(["anime", "requested-by-alice", "requested-by-bob"]);
    expect(tagList([])).toEqual([ANIME_TAG]);
  });

  it("an item's tags: anime and its requester's, always an array", () => {
    expect(itemTagIds({ requested_by: null, anime: false })).toEqual([]);
    expect(itemTagIds({ requested_by: "Bob", anime: true })).toEqual([1, requesterTag("bob").id]);
  });
});

describe("anime", () => {
  it("needs Animation and (Japanese or Japan)", () => {
    expect(isAnime({ genre_ids: [16, 10759], original_language: "ja", origin_country: ["JP"] })).toBe(true);
    expect(isAnime({ genre_ids: [16], original_language: "en", origin_country: ["JP", "US"] })).toBe(true);
    expect(isAnime({ genre_ids: [16], original_language: "ja", origin_country: [] })).toBe(true);
    expect(isAnime({ genre_ids: [16], original_language: "en", origin_country: ["US"] })).toBe(false);
    expect(isAnime({ genre_ids: [18], original_language: "ja", origin_country: ["JP"] })).toBe(false);
    expect(isAnime({ genre_ids: [], original_language: null, origin_country: [] })).toBe(false);
  });
});

/** FNV-1a 32 of the label, folded into [1000, 2^31 − 1) — computed independently (Python) when pinned. */
const PINNED_ALICE = 83253730;
const PINNED_BOB = 1181518317;
