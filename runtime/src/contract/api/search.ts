/** `POST /api/search` (product.md §4). */
import * as z from "zod/mini";
import type { CatalogueItem } from "../../ports/catalogue.js";
import type { TrendingResult } from "../trending.js";

/** BCP-47-ish: "en", "en-US", "pt-BR", "zh-Hant-TW". TMDB ignores what it does not know. */
export const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;

export const SearchBody = z.object({
  query: z.string().check(z.trim(), z.minLength(1, "query must not be empty"), z.maxLength(200, "query is longer than 200 characters")),
  media_type: z.optional(z.nullable(z.enum(["movie", "tv"]))),
  page: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  language: z.optional(z.string().check(z.regex(LANGUAGE, "language must be a BCP-47 tag such as en-US"))),
});
export type SearchRequest = z.input<typeof SearchBody>;

/** A search hit: the catalogue's item (`CatalogueItem`; a type test keeps the two the same shape) and this server's flags. */
export const SearchResult = z.object({
  id: z.int(),
  media_type: z.enum(["movie", "tv"]),
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
export type { CatalogueItem };

export const SearchResponse = z.object({
  results: z.array(SearchResult),
  page: z.int(),
  total_pages: z.int(),
  total_results: z.int(),
});
export type SearchResponse = z.output<typeof SearchResponse>;

/** A title as trending files and search results carry it (the search flags only in search results). */
export type MediaItem = TrendingResult & Partial<Pick<SearchResult, "requested" | "in_library" | "number_of_seasons" | "season_numbers">>;
