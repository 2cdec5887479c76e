/**
 * `GET /api/health`, `GET /api/ready`, `GET /config.json` (the SPA's runtime settings). Only
 * answers, so only their types here; the schemas are in `system.responses.ts`, which a cold start
 * does not load.
 */
export type { AppConfig, HealthResponse, ReadyResponse } from "./system.responses.js";
