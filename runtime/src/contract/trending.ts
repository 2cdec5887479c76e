/**
 * Trending files (product.md §8): `trending-{all|movie|tv}-{locale}.json` → `{generated_at, results:
 * [{id, title, year, overview, poster_path, media_type, vote_average, number_of_seasons, season_numbers (shows only)}]}`,
 * written by the warmer, served by the runtime (embedded) or CloudFront (AWS), read by the UI.
 */
import type { TrendingType } from "../ports/catalogue.js";
import { TRENDING_LOCALE } from "./validation.js";

export type { TrendingType };

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
  /**
   * Shows only (absent on movies): TMDB's season numbers, ascending (0 = specials, when TMDB has
   * them); null when the catalogue could not say. Absent in files written before it existed.
   */
  season_numbers?: number[] | null;
}

export interface TrendingFile {
  generated_at: string;
  results: TrendingResult[];
}

const FILE_NAME = /^trending-(all|movie|tv)-([a-z]{2}(?:-[A-Z]{2})?)\.json$/;

export function trendingFileName(type: TrendingType, locale: string): string {
  if (!TRENDING_LOCALE.test(locale)) throw new Error(`not a trending locale: ${locale}`);
  return `trending-${type}-${locale}.json`;
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
