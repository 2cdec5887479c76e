/** CORS preflight: `OPTIONS` is answered here, allowing only the public origin itself. */
import type { Middleware } from "./compose.js";

export const preflight: Middleware = async (request, next) => {
  if (request.method !== "OPTIONS") return next();
  const from = request.headers.get("origin");
  const headers: Record<string, string> = { vary: "Origin" };
  if (from !== null && from === request.ctx.origin) {
    headers["access-control-allow-origin"] = from;
    headers["access-control-allow-methods"] = "GET, POST, DELETE, OPTIONS";
    headers["access-control-allow-headers"] = "Authorization, Content-Type, If-None-Match";
    headers["access-control-max-age"] = "600";
  }
  return new Response(null, { status: 204, headers });
};
