/** Headers on every response: the request id, CORS for BASE_URL's origin only, and the security headers (product.md §4). */
import type { Config } from "../../config/types.js";
import { securityHeaders } from "../../contract/security-headers.js";
import type { Middleware } from "./compose.js";

export const commonHeaders =
  (config: Pick<Config, "baseUrl">): Middleware =>
  async (request, next) => {
    const response = await next();
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
    if (config.baseUrl !== null && from === new URL(config.baseUrl).origin) {
      headers.set("access-control-allow-origin", from);
      headers.append("vary", "Origin");
    }
    for (const [k, v] of Object.entries(securityHeaders(config, headers.get("content-type")))) {
      if (!headers.has(k)) headers.set(k, v);
    }
    return copied ? new Response(response.body, { status: response.status, statusText: response.statusText, headers }) : response;
  };
