/** A Catalogue test double for the warmer: deterministic trending pages, persons included upstream-style, failures on demand. */
import type { Catalogue, CatalogueItem, TrendingType } from "../../src/ports/catalogue.js";
import { UpstreamError } from "../../src/ports/catalogue.js";

export interface TrendingDouble extends Catalogue {
  calls: { type: TrendingType; page: number; language: string }[];
  /** Makes every future call for this (type, language[, page]) fail with an UpstreamError. */
  fail(type: TrendingType, language: string, page?: number): void;
  heal(): void;
  /** Makes this (type, language) return no items at all. */
  empty(type: TrendingType, language: string): void;
  /** Show ids asked for details, in call order; and the most lookups that were ever in flight together. */
  detailsCalls: number[];
  readonly maxDetailsInFlight: number;
  /** Makes details of this show fail with an UpstreamError. */
  failDetails(id: number): void;
}

/** The season count the double reports for a show. */
export const seasonsOf = (id: number): number => (id % 12) + 1;
/** The season numbers the double's details list: specials (0) for ids divisible by 3, then 1…seasonsOf(id). */
export const seasonNumbersOf = (id: number): number[] => [
  ...(id % 3 === 0 ? [0] : []),
  ...Array.from({ length: seasonsOf(id) }, (_, i) => i + 1),
];

export function trendingDouble(): TrendingDouble {
  const failing = new Set<string>();
  const empties = new Set<string>();
  const calls: TrendingDouble["calls"] = [];
  const detailsCalls: number[] = [];
  const failingDetails = new Set<number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const item = (media_type: "movie" | "tv", id: number, language: string): CatalogueItem => ({
    id,
    media_type,
    title: `${media_type} ${id} (${language})`,
    year: 2000 + (id % 25),
    overview: `Overview ${id}`,
    poster_path: `/p${id}.jpg`,
    vote_average: (id % 100) / 10,
  });
  return {
    kind: "tmdb",
    calls,
    fail: (type, language, page) => void failing.add(`${type}|${language}|${page ?? "*"}`),
    heal: () => {
      failing.clear();
      empties.clear();
      failingDetails.clear();
    },
    empty: (type, language) => void empties.add(`${type}|${language}`),
    detailsCalls,
    get maxDetailsInFlight() {
      return maxInFlight;
    },
    failDetails: (id) => void failingDetails.add(id),
    async trending(type, page, language) {
      calls.push({ type, page, language });
      if (failing.has(`${type}|${language}|*`) || failing.has(`${type}|${language}|${page}`)) {
        throw new UpstreamError("error", "TMDB answered HTTP 503");
      }
      if (empties.has(`${type}|${language}`)) return [];
      const base = page * 100;
      const items: CatalogueItem[] = [];
      for (let i = 0; i < 20; i++) {
        const media_type = type === "all" ? (i % 2 === 0 ? "movie" : "tv") : type;
        items.push(item(media_type, base + i, language));
      }
      // The same title on both pages (trending lists shift while being paged): must appear once.
      if (page === 2) items.push(item(type === "tv" ? "tv" : "movie", 100, language));
      // A person sneaking through: must never reach a file.
      items.push({ ...item("movie", 999, language), media_type: "person" as never });
      return items;
    },
    async search() {
      throw new Error("not used");
    },
    async details(mediaType, id) {
      detailsCalls.push(id);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        // Yield a few microtask turns so lookups started together really overlap (no timers: the
        // schedule tests expect a whole run to finish within one macrotask).
        for (let i = 0; i < 3; i++) await Promise.resolve();
        if (failingDetails.has(id)) throw new UpstreamError("error", "TMDB answered HTTP 500");
        if (mediaType !== "tv") return null;
        const count = seasonsOf(id);
        return {
          ...item("tv", id, "en"),
          imdb_id: null,
          tvdb_id: null,
          number_of_seasons: count,
          seasons: seasonNumbersOf(id).map((n) => ({ season_number: n, episode_count: null })),
          genre_ids: [],
          original_language: null,
          origin_country: [],
        };
      } finally {
        inFlight--;
      }
    },
    async find() {
      return { movie_ids: [], tv_ids: [], episode_show_ids: [] };
    },
  };
}

export const memorySink = () => {
  const files = new Map<string, { body: string; at: number }>();
  let now = 0;
  return {
    files,
    setNow: (ms: number) => void (now = ms),
    async write(name: string, body: string) {
      files.set(name, { body, at: now });
    },
    async modifiedAt(name: string) {
      return files.get(name)?.at ?? null;
    },
  };
};

export const fixedClock = (start = Date.parse("2026-11-29T09:00:00.000Z")) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
};
