import { fileURLToPath } from "node:url";
import { measureRegexWork } from "@stellarr/testkit/regex-work";
import { describe, expect, it } from "vitest";
import { normaliseTitle, splitYearSuffix } from "../../../src/domain/plex/title.js";

describe("normaliseTitle", () => {
  it.each([
    ["AMÉLIE", "amelie"],
    ["Amélie", "amelie"],
    ["Amelie (2001)", "amelie"],
    ["  The   Office  ", "the office"],
    ["Marvel's Agents of S.H.I.E.L.D.", "marvels agents of shield"],
    ["Mission: Impossible – Fallout", "mission impossible fallout"],
    ["Straße", "strasse"],
    ["Pokémon™", "pokemon"],
    ["ＦＵＬＬＷＩＤＴＨ", "fullwidth"],
    ["Bluey (2018)", "bluey"],
    ["Blade Runner 2049", "blade runner 2049"],
    ["千と千尋の神隠し", "千と千尋の神隠し"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseTitle(input)).toBe(expected);
  });

  it("makes case and accents irrelevant", () => {
    expect(normaliseTitle("ÉLITE")).toBe(normaliseTitle("Élite"));
    expect(normaliseTitle("Señor Avila")).toBe(normaliseTitle("SENOR AVILA"));
  });
});

describe("splitYearSuffix", () => {
  it("splits a trailing year", () => {
    expect(splitYearSuffix("Bluey (2018)")).toEqual({ title: "Bluey", year: 2018 });
    expect(splitYearSuffix("Doctor Who (2005) ")).toEqual({ title: "Doctor Who", year: 2005 });
  });
  it("leaves other parentheses and bare years alone", () => {
    expect(splitYearSuffix("Fargo (US)")).toEqual({ title: "Fargo (US)", year: null });
    expect(splitYearSuffix("(2018)")).toEqual({ title: "(2018)", year: null });
    expect(splitYearSuffix("1917")).toEqual({ title: "1917", year: null });
  });
});

describe("linear time on hostile titles", () => {
  const TITLE = fileURLToPath(new URL("../../../src/domain/plex/title.ts", import.meta.url));
  // The input: a `\s*…$` suffix pattern rescanned the whole run from every start position.
  const hostile = (n: number) => `a${" ".repeat(n)}b`;

  it.each([
    ["splitYearSuffix", { title: hostile(4000), year: null }],
    ["normaliseTitle", "a b"],
  ])("%s does regex work linear in the length of a whitespace run", async (name, expected) => {
    const [small, large] = await measureRegexWork(TITLE, name, [[hostile(1000)], [hostile(4000)]]);
    // 4× the input: quadratic work grows 16-fold (it did: ~0.5 M → 8 M backtracks), linear at most 4-fold.
    expect(large.backtracks).toBeLessThanOrEqual(4 * small.backtracks + 16);
    expect(large.result).toEqual(expected);
  });
});
