/** POST /api/search (product.md §4): parse, then `app/catalogue/search.ts`. */
import { searchTitles } from "../../app/catalogue/search.js";
import { SearchBody, type SearchResponse } from "../../contract/api/search.js";
import { readJson } from "../body.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith } from "../validate.js";

export const registerSearchRoutes: RouteModule = (router, deps, state) => {
  router.post("/api/search", async (request: AppRequest) => {
    const session = state.requireSession(request);
    state.apiRateLimit.enforce(session.name);
    const body = parseWith(SearchBody, await readJson(request));
    const query = { query: body.query, media_type: body.media_type ?? undefined, page: body.page ?? 1, language: body.language ?? "en-US" };
    return json((await searchTitles(query, deps)) satisfies SearchResponse);
  });
};
