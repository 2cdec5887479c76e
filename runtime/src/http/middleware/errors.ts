/**
 * One renderer for every error (product.md §4): `HttpError` as `{detail, code, errors?}`, a body
 * the host could not deliver in full as 400, an unavailable store as 503 with Retry-After, an upstream failure as 502/504, anything else as a
 * logged 500 `internal_error` whose body says nothing more.
 */
import { describeError } from "../../lib/errors.js";
import { json } from "../../lib/json-response.js";
import { UpstreamError } from "../../ports/catalogue.js";
import { RequestBodyError } from "../../ports/http.js";
import type { Logger } from "../../ports/logger.js";
import { StoreUnavailableError } from "../../ports/store/index.js";
import { HttpError } from "../errors.js";
import type { AppRequest } from "../router.js";
import type { Middleware } from "./compose.js";

export const renderErrors =
  (logger: Logger): Middleware =>
  async (request, next) => {
    try {
      return await next();
    } catch (err) {
      return renderError(err, request, logger);
    }
  };

export function renderError(err: unknown, request: AppRequest, logger: Logger): Response {
  const requestId = request.ctx?.requestId;
  if (err instanceof HttpError) {
    const body: Record<string, unknown> = { detail: err.detail, code: err.code, ...err.extra.body };
    if (err.extra.errors) body.errors = err.extra.errors;
    return json(body, err.status, err.extra.headers);
  }
  if (err instanceof RequestBodyError) return json({ detail: err.message, code: "bad_request" }, 400);
  if (err instanceof StoreUnavailableError) {
    logger.error("store unavailable", { request_id: requestId, error: err.message, cause: causeOf(err) });
    return json({ detail: "Storage is temporarily unavailable", code: "store_unavailable" }, 503, {
      "retry-after": String(err.retryAfterSeconds),
    });
  }
  if (err instanceof UpstreamError) {
    logger.warn("upstream failure", { request_id: requestId, kind: err.kind, error: err.message });
    const headers: Record<string, string> = err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : {};
    return err.kind === "timeout"
      ? json({ detail: "The catalogue did not answer in time", code: "upstream_timeout" }, 504, headers)
      : json({ detail: "The catalogue service failed", code: "upstream_error" }, 502, headers);
  }
  logger.error("unhandled error", {
    request_id: requestId,
    error: describeError(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return json({ detail: "Internal server error", code: "internal_error" }, 500);
}

const causeOf = (err: Error): string | undefined => (err.cause instanceof Error ? err.cause.message : undefined);
