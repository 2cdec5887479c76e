/**
 * The app: `createApp(deps) → { fetch(request, info) }`, hosted by thin Node and Lambda adapters.
 *
 * Each request gets its context (request id, client IP, public origin), then passes the
 * middleware units in this order — access log → common headers → origin verify (AWS) → CORS
 * preflight → error rendering → host deadline (Lambda) — and reaches the routes, then (405 | assets | 404).
 */
import { Router } from "itty-router";
import type { ConnectionInfo, FetchApp } from "../ports/http.js";
import { withDeadline } from "../lib/deadline.js";
import { json } from "../lib/json-response.js";
import { createAppState, type AppState } from "./app-state.js";
import type { AppDeps } from "./deps.js";
import { accessLog } from "./middleware/access-log.js";
import { commonHeaders } from "./middleware/common-headers.js";
import { compose } from "./middleware/compose.js";
import { renderError, renderErrors } from "./middleware/errors.js";
import { hostDeadline } from "./middleware/host-deadline.js";
import { originVerify } from "./middleware/origin-verify.js";
import { preflight } from "./middleware/preflight.js";
import { createRequestContext } from "./middleware/request-context.js";
import type { AppRequest, AppRouter, RouteModule } from "./router.js";
import { registerAuthRoutes } from "./routes/auth.js";
import { registerFeedRoutes } from "./routes/feeds.js";
import { registerFollowRoutes } from "./routes/follows.js";
import { lazyRouteModules } from "./routes/lazy.js";
import { registerOpenApiRoutes } from "./routes/openapi.js";
import { registerPushRoutes } from "./routes/push.js";
import { registerRequestRoutes } from "./routes/requests.js";
import { registerSearchRoutes } from "./routes/search.js";
import { registerSystemRoutes } from "./routes/system.js";

export const routeModules: RouteModule[] = [
  registerSystemRoutes,
  registerAuthRoutes,
  registerSearchRoutes,
  registerRequestRoutes,
  registerFeedRoutes,
  registerPushRoutes,
  registerFollowRoutes,
  registerOpenApiRoutes,
  ...lazyRouteModules,
];

export type { ConnectionInfo };

export interface App extends FetchApp {
  /** The registered routes (method, path pattern), e.g. for tests that enumerate protected routes. */
  routes(): { method: string; path: string }[];
}

/** `state` defaults to a fresh `createAppState(deps)`: pass one only to look inside it (tests). */
export function createApp(deps: AppDeps, state: AppState = createAppState(deps)): App {
  const { config, logger } = deps;
  const router: AppRouter = Router<AppRequest, [], Response>({
    catch: (err, request) => renderError(err, request as AppRequest, logger),
  });
  for (const register of routeModules) register(router, deps, state);

  const allowedMethods = (pathname: string): string[] => {
    const methods = new Set<string>();
    for (const [method, re] of router.routes) if (method !== "ALL" && re.test(pathname)) methods.add(method);
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods];
  };

  /**
   * The same request seen as a GET, for answering a HEAD: a view, not a copy — a `new Request(…)`
   * would load Node's fetch classes (undici) on the Node server's and Lambda's light requests.
   * Properties are read from the request itself (its getters need their own object); what the
   * router sets (`params`, `query`) lands on it too.
   */
  const asGet = (request: AppRequest): AppRequest =>
    new Proxy(request, {
      get(target, key) {
        if (key === "method") return "GET";
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });

  /** The routes (HEAD answered by GET without its body), then 405 for a known path, the static assets, or 404. */
  async function dispatch(request: AppRequest): Promise<Response> {
    let response = await router.fetch(request);
    if (!response && request.method === "HEAD") {
      const full = await router.fetch(asGet(request));
      if (full) response = new Response(null, { status: full.status, headers: full.headers });
    }
    if (response) return response;

    const url = new URL(request.url);
    const allow = allowedMethods(url.pathname);
    if (allow.length > 0) {
      return json({ detail: "Method not allowed", code: "method_not_allowed" }, 405, { allow: allow.join(", ") });
    }
    if (deps.assets && (request.method === "GET" || request.method === "HEAD")) {
      const asset = await deps.assets.serve(request, url);
      if (asset) return asset;
    }
    return json({ detail: "Not found", code: "not_found" }, 404);
  }

  const handle = compose(
    [accessLog(logger), commonHeaders(config), originVerify(config), preflight, renderErrors(logger), hostDeadline(logger)],
    dispatch,
  );
  const requestContext = createRequestContext(config);

  return {
    routes: () => router.routes.map(([method, , , path]) => ({ method, path: path ?? "" })),
    async fetch(raw, info = {}) {
      const request = raw as AppRequest;
      request.ctx = requestContext(raw, new URL(raw.url), info);
      // Every outbound call the request makes, however deep, ends before its deadline (lib/deadline.ts).
      return withDeadline(request.ctx.deadline, () => handle(request));
    },
  };
}
