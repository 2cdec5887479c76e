/**
 * POST /api/search (product.md §4): TMDB search, persons and collections dropped (by the
 * catalogue adapter), request/library flags from ONE batched store read, and the season count of
 * every show from cached catalogue details fetched with bounded concurrency.
 */
import * as z from "zod/mini";
import { mapLimit } from "../../domain/catalogue/concurrency.js";
import { keysOf, mergeSearchPage } from "../../domain/catalogue/search-results.js";
import { enforceApiRateLimit } from "../api-rate-limit.js";
import { readJson } from "../body.js";
import type { AppDeps } from "../deps.js";
import { json } from "../respond.js";
import type { AppRequest, AppRouter } from "../router.js";
import { requireSession } from "../session.js";
import { parseWith } from "../validate.js";
import { errorMessage } from "../../ports/logger.js";

/** BCP-47-ish: "en", "en-US", "pt-BR", "zh-Hant-TW". TMDB ignores what it does not know. */
export const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;

const SearchBody = z.object({
  query: z.string().check(z.trim(), z.minLength(1, "query must not be empty"), z.maxLength(200, "query is longer than 200 characters")),
  media_type: z.optional(z.nullable(z.enum(["movie", "tv"]))),
  page: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  language: z.optional(z.string().check(z.regex(LANGUAGE, "language must be a BCP-47 tag such as en-US"))),
});

/** Details calls in flight per search page (cached after the first search). */
const SEASON_CONCURRENCY = 6;

export function registerSearchRoutes(router: AppRouter, deps: AppDeps): void {
  const { catalogue, store, logger } = deps;

  router.post("/api/search", async (request: AppRequest) => {
    const session = requireSession(request, deps);
    enforceApiRateLimit(deps, session.name);
    const body = parseWith(SearchBody, await readJson(request));
    const language = body.language ?? "en-US";

    const page = await catalogue.search({ query: body.query, media_type: body.media_type ?? undefined, page: body.page ?? 1, language });
    const shows = page.results.filter((r) => r.media_type === "tv");

    const [status, seasonCounts] = await Promise.all([
      page.results.length > 0 ? store.titleStatus(keysOf(page.results)) : Promise.resolve(new Map()),
      mapLimit(shows, SEASON_CONCURRENCY, async (show) => {
        try {
          // Season counts do not depend on the language: share the cache entry request creation uses.
          return (await catalogue.details("tv", show.id))?.number_of_seasons ?? null;
        } catch (err) {
          // A missing season count must not fail the whole search.
          logger.debug("season count unavailable", { tmdb_id: show.id, error: errorMessage(err) });
          return null;
        }
      }),
    ]);
    const seasons = new Map(shows.map((s, i) => [s.id, seasonCounts[i] ?? null]));
    return json(mergeSearchPage(page, status, seasons));
  });
}
