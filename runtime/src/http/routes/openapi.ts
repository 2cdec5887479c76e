/**
 * GET /api/openapi.json (public): the OpenAPI 3.1 document of every route, generated from the
 * schemas the routes validate with (`http/openapi/`). Built on first use, in its own chunk, then
 * kept per app; cacheable with its ETag.
 */
import type { ServedDocument } from "../openapi/served.js";
import type { AppRequest, RouteModule } from "../router.js";
import { etagMatches } from "./requests.js";

export const OPENAPI_PATH = "/api/openapi.json";

export const registerOpenApiRoutes: RouteModule = (router) => {
  let served: Promise<ServedDocument> | null = null;
  const load = (): Promise<ServedDocument> =>
    (served ??= import("../openapi/served.js").then((m) => m.serveOpenApiDocument())).catch((err: unknown) => {
      served = null; // a failed load is retried by the next request
      throw err;
    });

  router.get(OPENAPI_PATH, async (request: AppRequest) => {
    const { body, etag } = await load();
    const headers = { etag, "cache-control": "public, max-age=300" };
    if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
  });
};
