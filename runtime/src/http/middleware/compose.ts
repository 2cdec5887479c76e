/**
 * Middleware as in hono/itty: each unit gets the request and `next()`, and may answer itself,
 * or call `next()` and change what comes back. `compose([a, b], handler)` runs a → b → handler.
 */
import type { AppRequest } from "../router.js";

export type Handler = (request: AppRequest) => Promise<Response>;
export type Middleware = (request: AppRequest, next: () => Promise<Response>) => Promise<Response>;

export function compose(middleware: readonly Middleware[], handler: Handler): Handler {
  return middleware.reduceRight<Handler>((next, unit) => (request) => unit(request, () => next(request)), handler);
}
