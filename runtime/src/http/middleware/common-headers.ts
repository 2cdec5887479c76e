/** Headers on every response: the request id, CORS for BASE_URL's origin only, and the security headers (product.md §4). */
import type { Config } from "../../config/types.js";
import { securityHeaders } from "../../contract/security-headers.js";
import type { Middleware } from "./compose.js";

export const commonHeaders =
  (config: Pick<Config, "baseUrl">): Middleware =>
  async (request, next) => {
    const response = await next();
    // Responses from fetch() or the Response constructor may have immutable headers; copy once.
    const headers = new Headers(response.headers);
    headers.set("x-request-id", request.ctx.requestId);
    const from = request.headers.get("origin");
    // CORS: only BASE_URL's origin, none when unset.
    if (config.baseUrl !== null && from === new URL(config.baseUrl).origin) {
      headers.set("access-control-allow-origin", from);
      headers.append("vary", "Origin");
    }
    for (const [k, v] of Object.entries(securityHeaders(config, headers.get("content-type")))) {
      if (!headers.has(k)) headers.set(k, v);
    }
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
