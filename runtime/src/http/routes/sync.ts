/** POST /sync/library, POST /sync/library/commit */
import type { AppDeps } from "../deps.js";
import type { AppRouter } from "../router.js";

export function registerSyncRoutes(_router: AppRouter, _deps: AppDeps): void {
  // Not implemented yet.
}
