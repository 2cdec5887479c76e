/** `GET /api/health`, `GET /api/ready`, `GET /config.json` (the SPA's runtime settings). */

export interface HealthResponse {
  status: "healthy";
  service: "stellarr";
  version: string;
  storage: "sqlite" | "dynamodb";
  catalogue: "tmdb" | "demo";
}

export interface ReadyResponse {
  status: "ready";
  storage: "sqlite" | "dynamodb";
}

/** `/config.json`. */
export interface AppConfig {
  app_name: string;
  /** The trending locales the server produces files for. */
  locales: string[];
  catalogue: "tmdb" | "demo";
  version: string;
}
