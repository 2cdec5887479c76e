/** One JSON log line per request: id, method, path (never the query: feed and webhook tokens travel there), status, time, client IP. */
import type { Logger } from "../../ports/logger.js";
import type { Middleware } from "./compose.js";

export const accessLog =
  (logger: Logger): Middleware =>
  async (request, next) => {
    const started = performance.now();
    const response = await next();
    logger.info("request", {
      request_id: request.ctx.requestId,
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ip: request.ctx.clientIp,
    });
    return response;
  };
