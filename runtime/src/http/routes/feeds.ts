/** GET /api/feeds, GET /list/radarr, /list/radarr/tmdb, /list/sonarr */
import type { AppDeps } from "../deps.js";
import type { AppRouter } from "../router.js";

export function registerFeedRoutes(_router: AppRouter, _deps: AppDeps): void {
  // Not implemented yet.
}
