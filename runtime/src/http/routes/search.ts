/** POST /api/search (product.md §4): parse, then `app/catalogue/search.ts`. */
import * as z from "zod/mini";
import { searchTitles } from "../../app/catalogue/search.js";
import { readJson } from "../body.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith } from "../validate.js";

/** BCP-47-ish: "en", "en-US", "pt-BR", "zh-Hant-TW". TMDB ignores what it does not know. */
export const LANGUAGE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}$/;

const SearchBody = z.object({
  query: z.string().check(z.trim(), z.minLength(1, "query must not be empty"), z.maxLength(200, "query is longer than 200 characters")),
  media_type: z.optional(z.nullable(z.enum(["movie", "tv"]))),
  page: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  language: z.optional(z.string().check(z.regex(LANGUAGE, "language must be a BCP-47 tag such as en-US"))),
});

export const registerSearchRoutes: RouteModule = (router, deps, state) => {
  router.post("/api/search", async (request: AppRequest) => {
    const session = state.requireSession(request);
    state.apiRateLimit.enforce(session.name);
    const body = parseWith(SearchBody, await readJson(request));
    const query = { query: body.query, media_type: body.media_type ?? undefined, page: body.page ?? 1, language: body.language ?? "en-US" };
    return json(await searchTitles(query, deps));
  });
};
