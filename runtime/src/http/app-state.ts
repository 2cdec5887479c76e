/**
 * What one app instance owns besides its dependencies: derived keys, in-memory limits and
 * single-flight tables. Built by `createApp` (tests may build it themselves to look inside);
 * nothing of it lives in module scope, so two apps in one process never share it.
 */
import { sessionKey } from "../domain/auth/token.js";
import type { Resolution } from "../domain/plex/resolve.js";
import { SingleFlight } from "../lib/single-flight.js";
import { catalogueTimedOut } from "../ports/catalogue.js";
import { createApiRateLimiter, type ApiRateLimiter } from "./api-rate-limit.js";
import { createBodyCache, type BodyCache } from "./body-cache.js";
import type { AppDeps } from "./deps.js";
import { requireSession, type Session } from "./session.js";

export interface AppState {
  /** The session-token signing key: APP_SECRET_KEY + the current password. */
  sessionKey: Buffer;
  /** The verified session of a request (401 otherwise): the one check every protected route makes. */
  requireSession(request: Request): Session;
  /** Per-name limit on search and request creation. */
  apiRateLimit: ApiRateLimiter;
  /** Concurrent media-server items about the same show share one resolution. */
  ingestFlights: SingleFlight<Resolution>;
  /** Bodies of library-status and the feeds, per change token (`cached-read.ts`). */
  bodies: BodyCache;
}

export function createAppState(deps: Pick<AppDeps, "config" | "clock">): AppState {
  const key = sessionKey(deps.config.appSecretKey, deps.config.presharedPassword);
  return {
    sessionKey: key,
    requireSession: (request) => requireSession(request, key, deps.clock),
    apiRateLimit: createApiRateLimiter(deps.config.apiRateLimitPerMinute, deps.clock),
    ingestFlights: new SingleFlight<Resolution>({ timeoutError: catalogueTimedOut }),
    bodies: createBodyCache(),
  };
}
