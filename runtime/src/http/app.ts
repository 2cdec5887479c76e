/**
 * The app: `createApp(deps) → { fetch(request, info) }`, hosted by thin Node and Lambda adapters.
 *
 * Middleware order: request id → origin verify (AWS) → CORS preflight → routes → (405 | assets | 404);
 * one catch renders every error; one finally adds the common headers and writes the access log line.
 */
import { Router } from "itty-router";
import { UpstreamError } from "../ports/catalogue.js";
import { StoreUnavailableError } from "../ports/store.js";
import { safeEqual } from "../domain/auth/constant-time.js";
import { clientIp, publicOrigin } from "./client-ip.js";
import type { AppDeps } from "./deps.js";
import { HttpError } from "./errors.js";
import { json } from "./respond.js";
import type { AppRequest, AppRouter, RouteModule } from "./router.js";
import { registerSystemRoutes } from "./routes/system.js";
import { registerAuthRoutes } from "./routes/auth.js";
import { registerSearchRoutes } from "./routes/search.js";
import { registerRequestRoutes } from "./routes/requests.js";
import { registerFeedRoutes } from "./routes/feeds.js";
import { registerPushRoutes } from "./routes/push.js";
import { registerPlexRoutes } from "./routes/plex.js";
import { registerSyncRoutes } from "./routes/sync.js";
import { securityHeaders } from "./security-headers.js";

export const routeModules: RouteModule[] = [
  registerSystemRoutes,
  registerAuthRoutes,
  registerSearchRoutes,
  registerRequestRoutes,
  registerFeedRoutes,
  registerPushRoutes,
  registerPlexRoutes,
  registerSyncRoutes,
];

/** What the entry adapter knows about the connection. */
export interface ConnectionInfo {
  remoteAddress?: string;
}

export interface App {
  fetch(request: Request, info?: ConnectionInfo): Promise<Response>;
  /** The registered routes (method, path pattern), e.g. for tests that enumerate protected routes. */
  routes(): { method: string; path: string }[];
}

let requestCounter = 0;
export const newRequestId = (): string =>
  `${Date.now().toString(36)}-${(requestCounter = (requestCounter + 1) % 1e9).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function createApp(deps: AppDeps): App {
  const { config, logger } = deps;
  const router: AppRouter = Router<AppRequest, [], Response>({
    catch: (err, request) => renderError(err, request as AppRequest, deps),
  });
  for (const register of routeModules) register(router, deps);

  const allowedMethods = (pathname: string): string[] => {
    const methods = new Set<string>();
    for (const [method, re] of router.routes) if (method !== "ALL" && re.test(pathname)) methods.add(method);
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods];
  };

  async function handle(request: AppRequest, url: URL): Promise<Response> {
    const { ctx } = request;
    // AWS: CloudFront adds the origin-verify header; anything reaching the Function URL directly is refused.
    if (config.originVerifySecret !== null) {
      const given = request.headers.get("x-origin-verify") ?? "";
      if (!safeEqual(given, config.originVerifySecret)) {
        return json({ detail: "Forbidden", code: "forbidden" }, 403);
      }
    }
    if (request.method === "OPTIONS") return preflight(request, ctx.origin);

    let response: Response | undefined;
    try {
      response = await router.fetch(request);
      if (!response && request.method === "HEAD") {
        const get = new Request(request.url, { method: "GET", headers: request.headers }) as AppRequest;
        get.ctx = ctx;
        const full = await router.fetch(get);
        if (full) response = new Response(null, { status: full.status, headers: full.headers });
      }
    } catch (err) {
      response = await renderError(err, request, deps);
    }
    if (response) return response;

    const allow = allowedMethods(url.pathname);
    if (allow.length > 0) {
      return json({ detail: "Method not allowed", code: "method_not_allowed" }, 405, { allow: allow.join(", ") });
    }
    if (deps.assets && (request.method === "GET" || request.method === "HEAD")) {
      try {
        const asset = await deps.assets.serve(request, url);
        if (asset) return asset;
      } catch (err) {
        return renderError(err, request, deps);
      }
    }
    return json({ detail: "Not found", code: "not_found" }, 404);
  }

  return {
    routes: () => router.routes.map(([method, , , path]) => ({ method, path: path ?? "" })),
    async fetch(raw, info = {}) {
      const started = performance.now();
      const url = new URL(raw.url);
      const request = raw as AppRequest;
      const trustedProxy =
        config.originVerifySecret === null || safeEqual(raw.headers.get("x-origin-verify") ?? "", config.originVerifySecret);
      request.ctx = {
        requestId: newRequestId(),
        clientIp: clientIp(raw.headers, info.remoteAddress, trustedProxy ? config.trustProxy : { mode: "none" }),
        origin: publicOrigin(config, raw.headers, url, trustedProxy),
      };
      let response = await handle(request, url);
      response = withCommonHeaders(response, request, deps);
      logger.info("request", {
        request_id: request.ctx.requestId,
        method: raw.method,
        // Never the query string: feed and webhook tokens travel there.
        path: url.pathname,
        status: response.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ip: request.ctx.clientIp,
      });
      return response;
    },
  };
}

function preflight(request: Request, origin: string): Response {
  const from = request.headers.get("origin");
  const headers: Record<string, string> = { vary: "Origin" };
  if (from !== null && from === origin) {
    headers["access-control-allow-origin"] = from;
    headers["access-control-allow-methods"] = "GET, POST, DELETE, OPTIONS";
    headers["access-control-allow-headers"] = "Authorization, Content-Type, If-None-Match";
    headers["access-control-max-age"] = "600";
  }
  return new Response(null, { status: 204, headers });
}

function withCommonHeaders(response: Response, request: AppRequest, deps: AppDeps): Response {
  // Set in place (no copy of the headers, no second Response per request); only a Response with
  // immutable headers (from fetch(), Response.error()) is copied, once.
  let headers = response.headers;
  let copied = false;
  try {
    headers.set("x-request-id", request.ctx.requestId);
  } catch {
    headers = new Headers(headers);
    headers.set("x-request-id", request.ctx.requestId);
    copied = true;
  }
  const from = request.headers.get("origin");
  // CORS: only BASE_URL's origin, none when unset.
  if (deps.config.baseUrl !== null && from === new URL(deps.config.baseUrl).origin) {
    headers.set("access-control-allow-origin", from);
    headers.append("vary", "Origin");
  }
  for (const [k, v] of Object.entries(securityHeaders(deps.config, headers.get("content-type")))) {
    if (!headers.has(k)) headers.set(k, v);
  }
  return copied ? new Response(response.body, { status: response.status, statusText: response.statusText, headers }) : response;
}

export function renderError(err: unknown, request: AppRequest, deps: Pick<AppDeps, "logger">): Response {
  const requestId = request.ctx?.requestId;
  if (err instanceof HttpError) {
    const body: Record<string, unknown> = { detail: err.detail, code: err.code, ...err.extra.body };
    if (err.extra.errors) body.errors = err.extra.errors;
    return json(body, err.status, err.extra.headers);
  }
  if (err instanceof StoreUnavailableError) {
    deps.logger.error("store unavailable", { request_id: requestId, error: err.message, cause: causeOf(err) });
    return json({ detail: "Storage is temporarily unavailable", code: "store_unavailable" }, 503, {
      "retry-after": String(err.retryAfterSeconds),
    });
  }
  if (err instanceof UpstreamError) {
    deps.logger.warn("upstream failure", { request_id: requestId, kind: err.kind, error: err.message });
    const headers: Record<string, string> = err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : {};
    return err.kind === "timeout"
      ? json({ detail: "The catalogue did not answer in time", code: "upstream_timeout" }, 504, headers)
      : json({ detail: "The catalogue service failed", code: "upstream_error" }, 502, headers);
  }
  deps.logger.error("unhandled error", {
    request_id: requestId,
    error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return json({ detail: "Internal server error", code: "internal_error" }, 500);
}

const causeOf = (err: Error): string | undefined => (err.cause instanceof Error ? err.cause.message : undefined);
