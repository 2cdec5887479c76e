/**
 * The answer of `POST /api/search` (product.md §4). The server never parses it: run-time code uses
 * its types (re-exported by `search.ts`); only the OpenAPI description and tests build it. It lives
 * apart from the request schema so a cold start does not construct it at load.
 */
import * as z from "zod/mini";
import { mediaType } from "./media-type.js";

/** A search hit: the catalogue's item (`CatalogueItem`; a type test keeps the two the same shape) and this server's flags. */
export const SearchResult = z.object({
  id: z.int(),
  media_type: mediaType,
  /** "Unknown" when the upstream has no title. */
  title: z.string(),
  year: z.nullable(z.int()),
  overview: z.nullable(z.string()),
  poster_path: z.nullable(z.string()),
  vote_average: z.nullable(z.number()),
  requested: z.boolean(),
  in_library: z.boolean(),
  /** Shows only; null for movies and when TMDB could not say. */
  number_of_seasons: z.nullable(z.int()),
  /**
   * Shows only: the season numbers TMDB lists, ascending — exactly what `POST /api/request` accepts
   * in `seasons` (0 is "specials", present only when TMDB has it); null for movies and when TMDB
   * could not say.
   */
  season_numbers: z.nullable(z.array(z.int())),
});
export type SearchResult = z.output<typeof SearchResult>;

export const SearchResponse = z.object({
  results: z.array(SearchResult),
  page: z.int(),
  total_pages: z.int(),
  total_results: z.int(),
});
export type SearchResponse = z.output<typeof SearchResponse>;
