/**
 * The `anime` routing rule (issue #22): TMDB genres include Animation (16) and the original
 * language is Japanese or Japan is among the origin countries. Used for the `anime` tag and the
 * `/stellarr/anime` root folder, so an anime-only *arr instance can filter on either.
 */

export const TMDB_ANIMATION_GENRE_ID = 16;

export interface AnimeFacts {
  genre_ids: readonly number[];
  original_language: string | null;
  origin_country: readonly string[];
}

export function isAnime(facts: AnimeFacts): boolean {
  if (!facts.genre_ids.includes(TMDB_ANIMATION_GENRE_ID)) return false;
  return facts.original_language?.toLowerCase() === "ja" || facts.origin_country.some((c) => c.toUpperCase() === "JP");
}
