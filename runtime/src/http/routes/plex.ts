/** POST /webhook/plex */
import type { AppDeps } from "../deps.js";
import type { AppRouter } from "../router.js";

export function registerPlexRoutes(_router: AppRouter, _deps: AppDeps): void {
  // Not implemented yet.
}
