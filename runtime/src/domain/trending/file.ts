/**
 * Trending files (product.md §8): which files a run writes and the normalised body. Pure: no I/O,
 * no clock. The file names and body shape are the contract's (`contract/trending.ts`); shows carry
 * `number_of_seasons` and `season_numbers` (absent on movies).
 */
import { trendingFileName, type TrendingFile, type TrendingResult } from "../../contract/trending.js";
import type { CatalogueItem, TrendingType } from "../../ports/catalogue.js";
import { UNKNOWN_SEASONS, type ShowSeasons } from "../catalogue/show-seasons.js";

export const TRENDING_TYPES: readonly TrendingType[] = ["all", "movie", "tv"];
/** TMDB `/trending/{type}/week` pages fetched per file (≈ 40 items). */
export const TRENDING_PAGES = [1, 2] as const;

/** Every file the warmer produces for these locales, in a stable order (locale, then type). */
export function trendingFiles(locales: readonly string[]): { name: string; type: TrendingType; locale: string }[] {
  return locales.flatMap((locale) => TRENDING_TYPES.map((type) => ({ name: trendingFileName(type, locale), type, locale })));
}

/**
 * Merges the fetched pages into one file body: movies and shows only (the catalogue already drops
 * persons; kept here too because a file is public and long-lived), first occurrence wins when an
 * item moves between pages while they are fetched.
 */
export function buildTrendingFile(pages: readonly (readonly CatalogueItem[])[], generatedAt: string): TrendingFile {
  const seen = new Set<string>();
  const results: TrendingResult[] = [];
  for (const page of pages) {
    for (const item of page) {
      if (item.media_type !== "movie" && item.media_type !== "tv") continue;
      if (!Number.isSafeInteger(item.id) || item.id <= 0) continue;
      const key = `${item.media_type}:${item.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      results.push({
        id: item.id,
        title: item.title || "Unknown",
        year: item.year ?? null,
        overview: item.overview ?? null,
        poster_path: item.poster_path ?? null,
        media_type: item.media_type,
        vote_average: item.vote_average ?? null,
      });
    }
  }
  return { generated_at: generatedAt, results };
}

/** The shows' ids in a file body, each once (whose season counts the warmer looks up). */
export const showIds = (file: TrendingFile): number[] => file.results.filter((r) => r.media_type === "tv").map((r) => r.id);

/** The body with every show's season count and season numbers (null when unknown); movies are left as they are. */
export function withSeasonCounts(file: TrendingFile, seasons: ReadonlyMap<number, ShowSeasons>): TrendingFile {
  return {
    ...file,
    results: file.results.map((r) => (r.media_type === "tv" ? { ...r, ...(seasons.get(r.id) ?? UNKNOWN_SEASONS) } : r)),
  };
}

/** Compact JSON, as served. */
export const serializeTrendingFile = (file: TrendingFile): string => JSON.stringify(file);
