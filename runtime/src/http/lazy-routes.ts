/**
 * A route module whose code loads on its first request. Its routes are registered at once (so
 * `app.routes()`, the 405 logic and the OpenAPI registry see them); their handlers come from the
 * real module, imported on first use and registered on a private router that the stubs hand the
 * request to. Rarely called routes (webhooks, sync, the *arr lists, channels) thus stay out of the
 * code the Lambda API bundle loads at init (its 200 KB budget, product.md §12).
 * `lazy-routes.test.ts` checks each list against what its module really registers.
 */
import { Router } from "itty-router";
import type { AppRequest, AppRouter, RouteModule } from "./router.js";

export interface RouteSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
}

export function lazyRouteModule(routes: readonly RouteSpec[], load: () => Promise<RouteModule>): RouteModule {
  return (router, deps, state) => {
    // Held in an object: itty's router is a Proxy that answers every property, `then` included, so
    // a promise resolved with the router itself would take it for a thenable and never settle.
    let inner: Promise<{ router: AppRouter }> | null = null;
    const loaded = (): Promise<{ router: AppRouter }> =>
      (inner ??= load().then((register) => {
        // No `catch`: an error thrown by a handler reaches the app's router, which renders it.
        const router: AppRouter = Router<AppRequest, [], Response>();
        register(router, deps, state);
        return { router };
      })).catch((err: unknown) => {
        inner = null; // a failed load is retried by the next request
        throw err;
      });
    for (const { method, path } of routes) {
      router[method.toLowerCase() as "get"](path, async (request: AppRequest) => (await loaded()).router.fetch(request));
    }
  };
}
