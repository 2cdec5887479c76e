/** Health, readiness, and the SPA's runtime settings (`/config.json`, `/manifest.webmanifest`). */
import { buildManifest } from "../../contract/manifest.js";
import type { AppConfig, HealthResponse, ReadyResponse } from "../../contract/api/system.js";
import { json } from "../../lib/json-response.js";
import type { RouteModule } from "../router.js";

export const registerSystemRoutes: RouteModule = (router, deps) => {
  const { config } = deps;
  router
    .get("/api/health", () =>
      json({
        status: "healthy",
        service: "stellarr",
        version: config.version,
        storage: deps.store.kind,
        catalogue: deps.catalogue.kind,
      } satisfies HealthResponse),
    )
    .get("/api/ready", async () => {
      // StoreUnavailableError → 503 store_unavailable via the app's error renderer.
      await deps.store.ping();
      return json({ status: "ready", storage: deps.store.kind } satisfies ReadyResponse);
    })
    .get("/config.json", () =>
      json(
        {
          app_name: config.appName,
          locales: config.trendingLocales,
          catalogue: deps.catalogue.kind,
          version: config.version,
        } satisfies AppConfig,
        200,
        {
          "cache-control": "no-cache",
        },
      ),
    )
    .get(
      "/manifest.webmanifest",
      () =>
        new Response(JSON.stringify(buildManifest(config.appName)), {
          headers: { "content-type": "application/manifest+json; charset=utf-8", "cache-control": "no-cache" },
        }),
    );
};
