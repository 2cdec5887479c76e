/** POST /api/request, DELETE /api/request/:media_type/:tmdb_id, GET /api/requests, GET /api/library-status */
import type { AppDeps } from "../deps.js";
import type { AppRouter } from "../router.js";

export function registerRequestRoutes(_router: AppRouter, _deps: AppDeps): void {
  // Not implemented yet.
}
