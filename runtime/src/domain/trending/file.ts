/**
 * Trending files (product.md §8): names and the normalised body. Pure: no I/O, no clock.
 *
 * `trending-{all|movie|tv}-{locale}.json` → `{generated_at, results: [{id, title, year, overview,
 * poster_path, media_type, vote_average, number_of_seasons (shows only)}]}`.
 */
import type { CatalogueItem, TrendingType } from "../../ports/catalogue.js";

export const TRENDING_TYPES: readonly TrendingType[] = ["all", "movie", "tv"];
/** TMDB `/trending/{type}/week` pages fetched per file (≈ 40 items). */
export const TRENDING_PAGES = [1, 2] as const;

export interface TrendingResult {
  id: number;
  title: string;
  year: number | null;
  overview: string | null;
  poster_path: string | null;
  media_type: "movie" | "tv";
  vote_average: number | null;
  /** Shows only (absent on movies); null when the catalogue could not say. */
  number_of_seasons?: number | null;
}

export interface TrendingFile {
  generated_at: string;
  results: TrendingResult[];
}

const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;
const FILE_NAME = /^trending-(all|movie|tv)-([a-z]{2}(?:-[A-Z]{2})?)\.json$/;

export function trendingFileName(type: TrendingType, locale: string): string {
  if (!LOCALE.test(locale)) throw new Error(`not a trending locale: ${locale}`);
  return `trending-${type}-${locale}.json`;
}

/** Every file the warmer produces for these locales, in a stable order (locale, then type). */
export function trendingFiles(locales: readonly string[]): { name: string; type: TrendingType; locale: string }[] {
  return locales.flatMap((locale) => TRENDING_TYPES.map((type) => ({ name: trendingFileName(type, locale), type, locale })));
}

/**
 * Parses a served path's file name: only `trending-{all|movie|tv}-{locale}.json` for a configured
 * locale is a trending file (anything else is a 404 for the file server).
 */
export function parseTrendingFileName(name: string, locales: readonly string[]): { type: TrendingType; locale: string } | null {
  const m = FILE_NAME.exec(name);
  if (!m || !locales.includes(m[2]!)) return null;
  return { type: m[1] as TrendingType, locale: m[2]! };
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

/** The body with every show's season count (null when unknown); movies are left as they are. */
export function withSeasonCounts(file: TrendingFile, seasons: ReadonlyMap<number, number | null>): TrendingFile {
  return {
    ...file,
    results: file.results.map((r) => (r.media_type === "tv" ? { ...r, number_of_seasons: seasons.get(r.id) ?? null } : r)),
  };
}

/** Compact JSON, as served. */
export const serializeTrendingFile = (file: TrendingFile): string => JSON.stringify(file);
