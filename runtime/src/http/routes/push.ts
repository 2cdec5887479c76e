/** /api/push/* */
import type { AppDeps } from "../deps.js";
import type { AppRouter } from "../router.js";

export function registerPushRoutes(_router: AppRouter, _deps: AppDeps): void {
  // Not implemented yet.
}
