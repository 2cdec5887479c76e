/**
 * Demo catalogue: the TMDB facts request routing needs (issue #22) — the Animation genre,
 * original language, origin countries and season lists — compiled from public facts.
 *
 * - Genres: the demo carries only Animation (TMDB genre 16), the one the routing reads; every
 *   other title has an empty genre list.
 * - Language and countries: titles not listed are English-language US productions.
 * - Seasons: real episode counts for the shows listed here (specials as season 0 where TMDB has a
 *   "Specials" season, their count left unknown); other shows get seasons 1…n from their season
 *   count, episode counts unknown.
 */

type Key = `${"movie" | "tv"}:${number}`;

export const TMDB_ANIMATION = 16;

/** Titles TMDB files under Animation. */
export const DEMO_ANIMATION: ReadonlySet<Key> = new Set<Key>([
  // movies
  ...[862, 863, 10193, 301528, 12, 127380, 8587, 129, 128, 8392, 4935, 324857, 9806, 14160, 10681, 2062, 150540, 354912, 585, 808].map(
    (id) => `movie:${id}` as const,
  ),
  ...[109445, 149, 372058, 12477, 16859, 81, 10515, 12429, 508442, 9502, 10191, 269149, 277834, 812, 10020, 10144, 10674, 38757, 62177].map(
    (id) => `movie:${id}` as const,
  ),
  ...[920, 9487, 20352, 137106, 10315, 10494, 9323, 149870, 568160, 378064, 508883].map((id) => `movie:${id}` as const),
  // shows
  ...[246, 61222, 1429, 13916, 31911, 30991, 890, 94605, 60625].map((id) => `tv:${id}` as const),
]);

const origins = (lang: string, countries: string[], keys: Key[]): [Key, readonly [string, readonly string[]]][] =>
  keys.map((k) => [k, [lang, countries]]);
const movies = (...ids: number[]): Key[] => ids.map((id) => `movie:${id}` as const);
const shows = (...ids: number[]): Key[] => ids.map((id) => `tv:${id}` as const);

/** `[original_language, origin_country]` of the titles that are not English-language US productions. */
export const DEMO_ORIGINS: ReadonlyMap<Key, readonly [string, readonly string[]]> = new Map([
  ...origins(
    "ja",
    ["JP"],
    [
      ...movies(129, 128, 8392, 4935, 149, 372058, 12477, 16859, 81, 10515, 12429, 346, 548, 18148, 3782, 11878, 11645, 505192, 10494),
      ...movies(9323, 758866, 149870, 568160, 378064, 508883, 940721, 14537, 3176),
      ...shows(1429, 13916, 31911, 30991, 890),
    ],
  ),
  ...origins("ko", ["KR"], [...movies(496243, 670, 491584, 11423, 290098, 396535, 1255, 705996), ...shows(93405)]),
  ...origins("fr", ["FR"], movies(194, 77338, 147, 269, 406, 531428, 915935)),
  ...origins("en", ["FR"], movies(101, 18)),
  ...origins("zh", ["CN", "HK"], movies(79, 10997)),
  ...origins("zh", ["TW", "CN", "HK", "US"], movies(146)),
  ...origins("cn", ["HK"], movies(843, 10775, 11104)),
  ...origins("pt", ["BR"], movies(598, 666)),
  ...origins("it", ["IT"], movies(429, 637, 11216, 439, 422, 5156)),
  ...origins("es", ["MX"], movies(1391, 55, 426426)),
  ...origins("es", ["MX", "ES"], movies(1417)),
  ...origins("es", ["ES"], movies(64, 99)),
  ...origins("es", ["AR"], movies(25376, 265195)),
  ...origins("de", ["DE"], [...movies(387, 613, 582, 104, 19, 832, 338, 144, 2000, 653, 234), ...shows(70523)]),
  ...origins("sv", ["SE"], movies(490, 614, 13310)),
  ...origins("da", ["DK"], movies(103663, 580175)),
  ...origins("fa", ["IR"], movies(60243)),
  ...origins("pl", ["PL"], movies(440298)),
  ...origins("ru", ["SU"], movies(25237, 1398, 593)),
  ...origins("te", ["IN"], movies(579974)),
  ...origins("hi", ["IN"], movies(20453, 360814)),
  ...origins("bn", ["IN"], movies(5801)),
  ...origins(
    "en",
    ["GB"],
    [...movies(627, 100, 116149, 346648), ...shows(19885, 2996, 57243, 60574, 42009, 33907, 1426, 67070, 1044, 81356)],
  ),
  ...origins("en", ["GB", "US"], [...movies(107, 671, 672, 673, 674, 675, 767, 12444, 12445, 530915), ...shows(65494, 87108, 54671)]),
]);

/** TMDB's regular-season episode counts (index 0 = season 1), and whether TMDB lists a Specials season. */
export const DEMO_SEASONS: ReadonlyMap<number, { episodes: readonly number[]; specials?: true }> = new Map([
  [1396, { episodes: [7, 13, 13, 13, 16], specials: true }],
  [1399, { episodes: [10, 10, 10, 10, 10, 10, 7, 6], specials: true }],
  [66732, { episodes: [8, 9, 8, 9, 8] }],
  [1668, { episodes: [24, 24, 25, 24, 24, 25, 24, 24, 24, 18] }],
  [1398, { episodes: [13, 13, 13, 13, 13, 21] }],
  [1438, { episodes: [13, 12, 12, 13, 10] }],
  [19885, { episodes: [3, 3, 3, 3], specials: true }],
  [87108, { episodes: [5] }],
  [46648, { episodes: [8, 8, 8, 6] }],
  [82856, { episodes: [8, 8, 8] }],
  [60059, { episodes: [10, 10, 10, 10, 10, 13] }],
  [100088, { episodes: [9, 7] }],
  [94997, { episodes: [10, 8] }],
  [95396, { episodes: [9, 10] }],
  [93405, { episodes: [9, 7, 6] }],
  [119051, { episodes: [8, 8] }],
  [4613, { episodes: [10] }],
  [1437, { episodes: [14] }],
  [70523, { episodes: [10, 8, 8] }],
  [76331, { episodes: [10, 10, 9, 10] }],
  [94605, { episodes: [9, 9] }],
  [85271, { episodes: [9] }],
  [84958, { episodes: [6, 6] }],
  [83867, { episodes: [12, 12] }],
  [67744, { episodes: [10, 9] }],
  [63351, { episodes: [10, 10, 10] }],
  [69740, { episodes: [10, 10, 10, 14] }],
  [65494, { episodes: [10, 10, 10, 10, 10, 10] }],
  [60574, { episodes: [6, 6, 6, 6, 6, 6] }],
  [63247, { episodes: [10, 10, 8, 8] }],
  [60622, { episodes: [10, 10, 10, 11, 10] }],
  [1104, { episodes: [13, 13, 13, 13, 13, 13, 14] }],
  [13916, { episodes: [37] }],
  [31911, { episodes: [64] }],
  [30991, { episodes: [26] }],
  [890, { episodes: [26] }],
  [1044, { episodes: [11] }],
  [126308, { episodes: [10] }],
  [87739, { episodes: [7] }],
  [67070, { episodes: [6, 6] }],
  [136315, { episodes: [8, 10, 10, 10] }],
  [61889, { episodes: [13, 13, 13] }],
  [38472, { episodes: [13, 13, 13] }],
  [62560, { episodes: [10, 12, 10, 13] }],
  [63639, { episodes: [10, 13, 13, 10, 10, 6] }],
  [60625, { episodes: [11, 10, 10, 10, 10, 10, 10, 10] }],
  [57243, { episodes: [], specials: true }],
]);
