/** POST /api/search */
import type { AppDeps } from "../deps.js";
import type { AppRouter } from "../router.js";

export function registerSearchRoutes(_router: AppRouter, _deps: AppDeps): void {
  // Not implemented yet.
}
