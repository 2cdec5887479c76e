/**
 * `GET /api/health`, `GET /api/ready`, `GET /config.json` (the SPA's runtime settings): their
 * answers. The server never parses them: run-time code uses their types (re-exported by
 * `system.ts`); only the OpenAPI description and tests build them. They live apart so a cold start
 * does not construct them at load.
 */
import * as z from "zod/mini";

const storage = z.enum(["sqlite", "dynamodb"]);
const catalogue = z.enum(["tmdb", "demo"]);

export const HealthResponse = z.object({
  status: z.literal("healthy"),
  service: z.literal("stellarr"),
  version: z.string(),
  storage,
  catalogue,
});
export type HealthResponse = z.output<typeof HealthResponse>;

export const ReadyResponse = z.object({ status: z.literal("ready"), storage });
export type ReadyResponse = z.output<typeof ReadyResponse>;

/** `/config.json`. */
export const AppConfig = z.object({
  app_name: z.string(),
  /** The trending locales the server produces files for. */
  locales: z.array(z.string()),
  catalogue,
  version: z.string(),
});
export type AppConfig = z.output<typeof AppConfig>;
