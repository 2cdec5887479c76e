/**
 * The search response: catalogue results merged with the store's request/library status and
 * season facts (product.md §4 `POST /api/search`). Pure; the route gathers the inputs.
 */
import type { SearchResponse } from "../../contract/api/search.js";
import type { CatalogueItem, SearchPage } from "../../ports/catalogue.js";
import type { TitleKey, TitleStatus } from "../../ports/store/index.js";
import { titleKey } from "../titles/key.js";
import { UNKNOWN_SEASONS, type ShowSeasons } from "./show-seasons.js";

export const keysOf = (items: CatalogueItem[]): TitleKey[] => items.map((i) => ({ media_type: i.media_type, tmdb_id: i.id }));

export function mergeSearchPage(page: SearchPage, status: Map<string, TitleStatus>, seasons: Map<number, ShowSeasons>): SearchResponse {
  return {
    results: page.results.map((item) => {
      const s = status.get(titleKey({ media_type: item.media_type, tmdb_id: item.id }));
      const show = item.media_type === "tv" ? (seasons.get(item.id) ?? UNKNOWN_SEASONS) : UNKNOWN_SEASONS;
      return {
        id: item.id,
        title: item.title,
        year: item.year,
        overview: item.overview,
        poster_path: item.poster_path,
        media_type: item.media_type,
        vote_average: item.vote_average,
        requested: s?.requested ?? false,
        in_library: s?.in_library ?? false,
        number_of_seasons: show.number_of_seasons,
        season_numbers: show.season_numbers,
      };
    }),
    page: page.page,
    total_pages: page.total_pages,
    total_results: page.total_results,
  };
}
