/**
 * What search results and trending files say about a show's seasons (product.md §4, §8): TMDB's
 * season count, and the season numbers TMDB lists — exactly those `POST /api/request` accepts in
 * `seasons` (0, "specials", only when TMDB has it), so the UI's season picker offers nothing the
 * server would refuse. Both come from the one cached details lookup; null when it could not say.
 */
import type { TitleDetails } from "../../ports/catalogue.js";
import { tmdbSeasonNumbers } from "../requests/shape.js";

export interface ShowSeasons {
  number_of_seasons: number | null;
  season_numbers: number[] | null;
}

export const UNKNOWN_SEASONS: ShowSeasons = Object.freeze({ number_of_seasons: null, season_numbers: null });

export function showSeasons(details: TitleDetails | null): ShowSeasons {
  if (details === null || details.media_type !== "tv") return UNKNOWN_SEASONS;
  return { number_of_seasons: details.number_of_seasons, season_numbers: tmdbSeasonNumbers(details) };
}
