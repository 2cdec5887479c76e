/** The lazily loaded route modules: each stub list is exactly what the module registers once loaded, and the loaded handlers answer. */
import { describe, expect, it } from "vitest";
import { createTestApp } from "@stellarr/testkit/app";
import type { AppDeps } from "../../src/http/deps.js";
import type { AppState } from "../../src/http/app-state.js";
import type { AppRouter } from "../../src/http/router.js";
import { LAZY_ROUTE_MODULES } from "../../src/http/routes/lazy.js";

/** A router that records what a module registers, without running anything. */
function recorder(): { router: AppRouter; seen: string[] } {
  const seen: string[] = [];
  // Chainable like itty's router (`router.get(…).post(…)`).
  const router: AppRouter = new Proxy({} as AppRouter, {
    get: (_t, method: string) => (path: string) => {
      seen.push(`${method.toUpperCase()} ${path}`);
      return router;
    },
  });
  return { router, seen };
}

describe("lazy route modules", () => {
  for (const [name, { routes, load }] of Object.entries(LAZY_ROUTE_MODULES)) {
    it(`${name}: the stubs name exactly the routes the module registers`, async () => {
      const { router, seen } = recorder();
      (await load())(router, {} as AppDeps, {} as AppState);
      expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(seen.sort());
    });
  }

  it("hands a request to the loaded module (its answers and its errors, rendered by the app)", async () => {
    const t = await createTestApp({ config: { feedToken: "feed-secret" } });
    try {
      const ok = await t.request("/arr/radarr/api/v3/qualityprofile", { headers: { "x-api-key": "feed-secret" } });
      expect(ok.status).toBe(200);
      expect(Array.isArray(await ok.json())).toBe(true);
      const denied = await t.request("/arr/radarr/api/v3/movie", { headers: { "x-api-key": "wrong" } });
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({ code: "invalid_api_key" });
    } finally {
      await t.close();
    }
  });
});
