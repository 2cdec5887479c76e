/**
 * Season counts on TV cards (search and trending results alike, issue #24 polish): "N seasons",
 * pluralised per locale, only when the count is known.
 */
import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { setLocale, type Locale } from "@/i18n/index.js";
import { item } from "@/utils/test/fixtures.js";
import MediaCard from "./MediaCard.vue";

const badges = (media: Parameters<typeof item>[1]) =>
  mount(MediaCard, { props: { item: item(1396, media), inLibrary: false, requested: false } })
    .findAll(".badge")
    .map((b) => b.text())
    // The type and rating badges aside.
    .filter((text) => /^\d/.test(text));

describe("season count on a TV card", () => {
  afterEach(() => setLocale("en", { persist: false }));

  it.each([
    ["en", "1 season", "3 seasons"],
    ["es", "1 temporada", "3 temporadas"],
    ["fr", "1 saison", "3 saisons"],
    ["de", "1 Staffel", "3 Staffeln"],
  ] as const)("is pluralised in %s", async (locale: Locale, one, three) => {
    await setLocale(locale, { persist: false });
    expect(badges({ media_type: "tv", number_of_seasons: 1, season_numbers: [0, 1] })).toEqual([one]);
    expect(badges({ media_type: "tv", number_of_seasons: 3 })).toEqual([three]);
  });

  it("is left out when unknown, and on movies", () => {
    expect(badges({ media_type: "tv", number_of_seasons: null, season_numbers: null })).toEqual([]);
    expect(badges({ media_type: "tv" })).toEqual([]);
    expect(badges({ media_type: "movie" })).toEqual([]);
  });
});
