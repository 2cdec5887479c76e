/**
 * `POST /api/search` (product.md §4): what the server parses. The answer's schemas are in
 * `search.responses.ts`, which a cold start does not load (their types are re-exported here).
 */
import * as z from "zod/mini";
import { mediaType } from "./media-type.js";
import type { CatalogueItem } from "../../ports/catalogue.js";
import type { TrendingResult } from "../trending.js";
import type { SearchResult } from "./search.responses.js";

export type { CatalogueItem };
export type { SearchResponse, SearchResult } from "./search.responses.js";

/** BCP-47-ish: "en", "en-US", "pt-BR", "zh-Hant-TW". TMDB ignores what it does not know. */
export const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;

export const SearchBody = z.object({
  query: z.string().check(z.trim(), z.minLength(1, "query must not be empty"), z.maxLength(200, "query is longer than 200 characters")),
  media_type: z.optional(z.nullable(mediaType)),
  page: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  language: z.optional(z.string().check(z.regex(LANGUAGE, "language must be a BCP-47 tag such as en-US"))),
});
export type SearchRequest = z.input<typeof SearchBody>;

/** A title as trending files and search results carry it (the search flags only in search results). */
export type MediaItem = TrendingResult & Partial<Pick<SearchResult, "requested" | "in_library" | "number_of_seasons" | "season_numbers">>;
